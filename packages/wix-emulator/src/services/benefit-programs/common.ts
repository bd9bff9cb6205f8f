import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Beneficiary } from './tables.ts';

/** The Wix Stores app id: `providerAppId` of benefits and items that stand for Stores products. */
export const STORES_APP_ID = '215238eb-22a5-4c36-9e7b-e7c08025e04e';

export const namespace = z.string().min(1, 'is required').max(20, 'must be at most 20 characters');
export const guid = z.string().min(1, 'is required');
export const idempotencyKey = z.string().min(1, 'is required').max(200, 'must be at most 200 characters');

/** Decimal strings, as Wix sends amounts and prices (`"10"`, `"2.5"`); at most 4 decimal places. */
export const decimal = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d+(\.\d{1,4})?$/.test(v), 'must be a decimal number with at most 4 decimal places');
export const nonNegativeDecimal = decimal.refine((v) => !v.startsWith('-'), 'must not be negative');

export const cursorQuery = z
  .object({
    filter: z.record(z.string(), z.unknown()).nullish(),
    sort: z.array(z.object({ fieldName: z.string().optional(), order: z.string().optional() })).nullish(),
    cursorPaging: z.object({ limit: z.number().nullish(), cursor: z.string().nullish() }).nullish(),
  })
  .default({});

export const queryRequest = z.object({ query: cursorQuery.optional() }).default({ query: {} });

/** `CommonIdentificationData`: who a pool belongs to. */
export const beneficiary = z
  .object({
    memberId: z.string().min(1).optional(),
    wixUserId: z.string().min(1).optional(),
    anonymousVisitorId: z.string().min(1).optional(),
  })
  .refine((b) => [b.memberId, b.wixUserId, b.anonymousVisitorId].filter(Boolean).length === 1, {
    message: 'must name exactly one of memberId, wixUserId, anonymousVisitorId',
  });

/** The rows of a namespace whose document's `field` (an array or object) contains `value`, and meet `more`. */
export const inNamespaceContaining = (
  table: { namespace: AnyPgColumn; data: AnyPgColumn },
  ns: string,
  field: string,
  value: unknown,
  ...more: SQL[]
) => and(eq(table.namespace, ns), sql`${table.data} -> ${field}::text @> ${JSON.stringify(value)}::jsonb`, ...more);

/** A beneficiary as entities store it: exactly one id. */
export function normalizeBeneficiary(b: z.infer<typeof beneficiary>): Beneficiary {
  if (b.memberId) return { memberId: b.memberId };
  if (b.wixUserId) return { wixUserId: b.wixUserId };
  return { anonymousVisitorId: b.anonymousVisitorId };
}

/** Whether an entity's beneficiary is the one given. */
export function sameBeneficiary(a: Beneficiary | null | undefined, b: Beneficiary | null | undefined): boolean {
  return (
    !!a &&
    !!b &&
    (a.memberId ?? null) === (b.memberId ?? null) &&
    (a.wixUserId ?? null) === (b.wixUserId ?? null) &&
    (a.anonymousVisitorId ?? null) === (b.anonymousVisitorId ?? null)
  );
}

export const itemReference = z.object({
  externalId: z.string().min(1, 'is required'),
  providerAppId: z.string().min(1, 'is required'),
  category: z.string().optional(),
});
