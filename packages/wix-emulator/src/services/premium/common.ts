import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { notFound, permissionDenied } from '../../http/errors.ts';
import { type Ctx, requireCaller } from '../../http/router.ts';
import type { Tx } from '../../storage/db.ts';
import { type Kind, type PremiumEntity, premiumEntities } from './tables.ts';

export type { Kind } from './tables.ts';

/** `PaymentCycle` of `@wix/app-management` (what billing and the plan events say), less `NO_CYCLE`. */
export const PAYMENT_CYCLES = [
  'MONTHLY',
  'YEARLY',
  'ONE_TIME',
  'TWO_YEARS',
  'THREE_YEARS',
  'FOUR_YEARS',
  'FIVE_YEARS',
] as const;
export const paymentCycle = z.enum(PAYMENT_CYCLES);
export type PaymentCycle = z.infer<typeof paymentCycle>;

/** Months a cycle lasts; ONE_TIME never ends. */
export const CYCLE_MONTHS: Record<PaymentCycle, number | null> = {
  MONTHLY: 1,
  YEARLY: 12,
  ONE_TIME: null,
  TWO_YEARS: 24,
  THREE_YEARS: 36,
  FOUR_YEARS: 48,
  FIVE_YEARS: 60,
};

/** The end of a cycle started at `from` (calendar months, UTC), or null for ONE_TIME. */
export function cycleEnd(from: Date, cycle: PaymentCycle): Date | null {
  const months = CYCLE_MONTHS[cycle];
  if (months === null) return null;
  const end = new Date(from);
  end.setUTCMonth(end.getUTCMonth() + months);
  return end;
}

export const guid = z.string().uuid('must be a GUID');
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code');
export const decimalAmount = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, 'must be a decimal string with at most 2 decimals, at least 0');
export const localeCode = z
  .string()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code (ISO 639-1), optionally with a country: `de`, `pt-BR`');
export const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
export const name = (max: number) => text(max).trim().min(1, 'is required');

/**
 * The premium catalog is an app's: it is set up with the app's identity (README, "Identities"). A Wix user, member
 * or visitor gets 403, and so does an app token naming no app (whose catalog would it be?).
 */
export function requireApp(ctx: Ctx, method: string): string {
  const identity = requireCaller(ctx);
  if (identity.type !== 'APP')
    throw permissionDenied(`${method} needs the app's identity; a ${identity.type.toLowerCase()} may not call it`);
  if (!identity.appId) throw permissionDenied(`${method} needs an app identity naming its appId`);
  return identity.appId;
}

/** The offering and the order page are the site owner's: a Wix user (ADMIN). */
export function requireOwner(ctx: Ctx, method: string): string {
  const identity = requireCaller(ctx);
  if (identity.type !== 'ADMIN')
    throw permissionDenied(
      `${method} needs a Wix user (the site owner); a ${identity.type.toLowerCase()} may not call it`,
    );
  return identity.userId ?? '';
}

/** A premium entity as found: its kind's fields, its id and the app it is of. */
export type Found<K extends Kind> = PremiumEntity<K> & { id: string; appId: string };

/** One entity of a kind, whoever's it is (for the owner's side); null when there is none. */
export async function findPremium<K extends Kind>(
  tx: Tx,
  kind: K,
  id: string,
  appId?: string,
): Promise<Found<K> | null> {
  if (!z.string().uuid().safeParse(id).success) return null;
  const [row] = await tx
    .select({ id: premiumEntities.id, data: premiumEntities.data, appId: premiumEntities.appId })
    .from(premiumEntities)
    .where(
      and(
        eq(premiumEntities.id, id),
        eq(premiumEntities.kind, kind),
        appId ? eq(premiumEntities.appId, appId) : undefined,
      ),
    );
  // The row is of `kind`: its data is that kind's.
  return row ? Object.assign({}, row.data as PremiumEntity<K>, { id: row.id, appId: row.appId }) : null;
}

/** Like findPremium, or 404 NOT_FOUND naming what was looked for. */
export async function getPremium<K extends Kind>(
  tx: Tx,
  kind: K,
  id: string,
  what: string,
  appId?: string,
): Promise<Found<K>> {
  const doc = await findPremium(tx, kind, id, appId);
  if (!doc) throw notFound('NOT_FOUND', `${what} ${id}`, { id });
  return doc;
}
