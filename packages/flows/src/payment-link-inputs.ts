import { z } from 'zod';
import type { PaymentLink } from './get-paid.ts';

/** Input fields of the payment-link flows. */

/** A Wix id (a payment link's, a contact's, an order's, a product's, a variant's). */
export const wixId = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

/** An amount of money: at most 2 decimals, more than 0, at most 1,000,000; as Wix takes it, a decimal string. */
export const money = z
  .union([z.number(), z.string().trim()])
  .transform((value) => (typeof value === 'number' ? String(value) : value))
  .refine((value) => /^\d{1,7}(\.\d{1,2})?$/.test(value), 'must be an amount with at most 2 decimals')
  .refine((value) => Number(value) > 0, 'must be more than 0')
  .refine((value) => Number(value) <= 1_000_000, 'must be at most 1000000')
  .transform((value) => toMoney(Number(value)));

/** A decimal string with 2 decimals, from a number of the currency. */
export const toMoney = (amount: number) => (Math.round(amount * 100) / 100).toFixed(2);

export const quantity = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1000, 'must be at most 1000');

export const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter currency code (ISO 4217), e.g. USD')
  .transform((c) => c.toUpperCase());

export const title = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
export const description = z.string().trim().max(1000, 'must be at most 1000 characters');

/** Recipients are contacts; Wix sends a link to at most 50 at a time. */
export const recipients = z
  .array(wixId)
  .max(50, 'must be at most 50 (Wix sends a link to 50 contacts at a time)')
  .refine((ids) => new Set(ids).size === ids.length, 'must not name a contact twice');

export const cursor = z.string().max(16_000, 'is not a cursor').nullish();

export const STATUSES = ['ACTIVE', 'INACTIVE', 'PAID', 'EXPIRED'] as const;
export const TYPES = ['ECOM', 'ECOM_ORDER'] as const;

/** A payment link as the dashboard lists it. */
export interface PaymentLinkRow {
  id: string;
  title: string;
  description: string;
  type: 'ECOM' | 'ECOM_ORDER';
  status: 'ACTIVE' | 'INACTIVE' | 'PAID' | 'EXPIRED';
  /** The link's total (decimal string), when known: what the app recorded at creation, else its custom items'. */
  amount: string | null;
  currency: string;
  payments: number;
  paymentsLimit: number | null;
  createdDate: string | null;
  lastPaymentDate: string | null;
  expirationDate: string | null;
  /** Where the buyer opens the link (its share URL). */
  url: string | null;
  recipients: string[];
  /** What the link charges for: product and custom items (name, quantity) or the order. */
  items: Array<{ name: string; quantity: number }>;
  orderId: string | null;
}

/** The link as the dashboard lists it, with the amount the app recorded for it (if it made it). */
export function linkRow(link: PaymentLink, recorded?: { amount?: string; names?: string[] }): PaymentLinkRow {
  const lineItems = link.ecomPaymentLink?.lineItems ?? [];
  const customOnly = lineItems.length > 0 && lineItems.every((item) => item.type === 'CUSTOM');
  const customTotal = lineItems.reduce(
    (sum, item) => sum + (item.type === 'CUSTOM' ? Number(item.customItem.price) * item.customItem.quantity : 0),
    0,
  );
  const amount =
    recorded?.amount ??
    (link.type === 'ECOM_ORDER'
      ? (link.ecomOrderPaymentLink?.amount ?? null)
      : customOnly
        ? toMoney(customTotal)
        : null);
  const items = lineItems.map((item, i) =>
    item.type === 'CUSTOM'
      ? { name: item.customItem.name, quantity: item.customItem.quantity }
      : {
          name:
            recorded?.names?.[i] ??
            item.catalogItem.catalogOverrideFields?.productName?.original ??
            `Product ${item.catalogItem.catalogReference.catalogItemId}`,
          quantity: item.catalogItem.quantity,
        },
  );
  const url = link.links?.url ?? link.links?.shortUrl ?? null;
  return {
    id: link.id,
    title: link.title ?? '',
    description: link.description ?? '',
    type: link.type ?? 'ECOM',
    status: link.status ?? 'ACTIVE',
    amount,
    currency: link.currency ?? '',
    payments: Number(link.totalPayments ?? (link.totalReceived as { paymentCount?: number })?.paymentCount ?? 0),
    paymentsLimit: link.paymentsLimit ?? null,
    createdDate: link.createdDate ?? null,
    lastPaymentDate: link.lastPaymentDate ?? null,
    expirationDate: link.expirationDate ?? null,
    url: typeof url === 'string' ? url : null,
    recipients: (link.recipients ?? []).map((r) => r.contactId),
    items,
    orderId: link.ecomOrderPaymentLink?.orderId ?? null,
  };
}
