import Big from 'big.js';
import { z } from 'zod';
import { entityNotFound, invalidArgument } from '../../http/errors.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { findEntity } from '../../storage/entities.ts';
import { STORES_APP_ID } from '../benefit-programs/common.ts';
import { decimal } from '../ecom/order-document.ts';
import { products, type Variant } from '../stores/tables.ts';
import type { PaymentLink } from './tables.ts';

/** Payment links as documents: the input Create Payment Link takes, its line items resolved, its status. */

const isRequired = {
  error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'is required' : undefined),
};
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const quantity = z.number(isRequired).int('must be a whole number').min(1, 'must be at least 1').max(100000);

export const SEND_METHODS = ['EMAIL_METHOD', 'SMS_METHOD'] as const;
export const recipient = z.object(
  {
    contactId: guid,
    sendMethods: z.array(z.enum(SEND_METHODS)).min(1, 'at least one send method').max(2),
  },
  isRequired,
);
/** At most 50 recipients (Wix's Send Payment Link). */
export const recipients = z.array(recipient).max(50, 'at most 50 recipients');

const customItem = z.object(
  {
    name: z.string(isRequired).min(1, 'is required').max(200, 'must be at most 200 characters'),
    quantity,
    price: decimal,
    description: z.string().max(600, 'must be at most 600 characters').nullish(),
  },
  isRequired,
);
const catalogItem = z.object(
  {
    quantity,
    catalogReference: z.object(
      {
        appId: guid,
        catalogItemId: z.string(isRequired).min(1, 'is required'),
        options: z.object({ variantId: guid.nullish() }).nullish(),
      },
      isRequired,
    ),
  },
  isRequired,
);
const lineItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CUSTOM'), customItem }),
  z.object({ type: z.literal('CATALOG'), catalogItem }),
]);

export const paymentLinkInput = z.object(
  {
    title: z.string(isRequired).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    description: z.string().max(2000, 'must be at most 2000 characters').nullish(),
    currency: z.string(isRequired).regex(/^[A-Z]{3}$/, 'must be an ISO-4217 currency code'),
    type: z.enum(['ECOM', 'ECOM_ORDER'], isRequired),
    paymentsLimit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000000).nullish(),
    recipients: recipients.nullish(),
    expirationDate: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).nullish(),
    ecomPaymentLink: z
      .object({ lineItems: z.array(lineItem).min(1, 'at least one line item').max(300, 'at most 300 line items') })
      .nullish(),
    ecomOrderPaymentLink: z.object({ orderId: guid, amount: decimal }).nullish(),
  },
  isRequired,
);
export type PaymentLinkInput = z.infer<typeof paymentLinkInput>;
type LineItem = z.infer<typeof lineItem>;

/** A line item as the buyer pays it: its name and unit price now. */
export interface ResolvedLine {
  name: string;
  quantity: number;
  price: string;
  description?: string;
  catalogReference?: Doc;
}

const FIELD = 'paymentLink.ecomPaymentLink.lineItems';

/** Resolves line items: CUSTOM as given; CATALOG against the Stores catalog (price of the variant now). */
export async function resolveLines(tx: Tx, items: LineItem[]): Promise<ResolvedLine[]> {
  const lines: ResolvedLine[] = [];
  for (const [i, item] of items.entries()) {
    if (item.type === 'CUSTOM') {
      const c = item.customItem;
      lines.push({
        name: c.name,
        quantity: c.quantity,
        price: c.price,
        ...(c.description ? { description: c.description } : {}),
      });
      continue;
    }
    const ref = item.catalogItem.catalogReference;
    const at = `${FIELD}.${i}.catalogItem.catalogReference`;
    if (ref.appId !== STORES_APP_ID) {
      throw invalidArgument(`${at}.appId`, `the emulator's catalog is Wix Stores (${STORES_APP_ID})`);
    }
    const product = await findEntity(tx, products, ref.catalogItemId);
    if (!product) throw invalidArgument(`${at}.catalogItemId`, 'is not a product of the Stores catalog');
    const variants = product.variantsInfo?.variants ?? [];
    const options = product.options ?? [];
    const variantId = ref.options?.variantId;
    let variant: Variant | undefined;
    if (variantId) {
      variant = variants.find((v) => v.id === variantId);
      if (!variant) throw invalidArgument(`${at}.options.variantId`, 'is not a variant of the product');
    } else {
      if (options.length > 0 && variants.length > 1) {
        throw invalidArgument(`${at}.options.variantId`, 'is required for a product with options');
      }
      variant = variants[0];
    }
    if (!variant) throw invalidArgument(`${at}.catalogItemId`, 'has no variant to sell');
    const price = String(variant.price?.actualPrice?.amount);
    const choices = (variant.choices ?? []).map((c) => c.optionChoiceNames?.choiceName ?? '').filter(Boolean);
    lines.push({
      name: choices.length ? `${product.name} (${choices.join(', ')})` : String(product.name),
      quantity: item.catalogItem.quantity,
      price,
      catalogReference: { ...ref, options: { variantId: variant.id } },
    });
  }
  return lines;
}

export const totalOf = (lines: ResolvedLine[]) =>
  lines.reduce((sum, l) => sum.plus(new Big(l.price).times(l.quantity)), new Big(0)).toFixed(2);

/** What the buyer pays on this link now: the line items' total (ECOM) or the link's amount (ECOM_ORDER). */
export async function amountDue(tx: Tx, link: PaymentLink): Promise<{ amount: string; lines: ResolvedLine[] }> {
  if (link.type === 'ECOM_ORDER' && link.ecomOrderPaymentLink) {
    const { amount } = link.ecomOrderPaymentLink;
    return { amount: new Big(amount).toFixed(2), lines: [{ name: String(link.title), quantity: 1, price: amount }] };
  }
  const lines = await resolveLines(tx, link.ecomPaymentLink?.lineItems ?? []);
  return { amount: totalOf(lines), lines };
}

/** The share URL: the link's page on the emulated site (reading: `links.url`). */
export const shareUrl = (origin: string, id: unknown) => `${origin}/_emulator/pages/payment-links/${String(id)}`;

/** A stored payment link as callers see it: with its share URL for this origin. */
export function presentLink(stored: PaymentLink, origin: string): Doc {
  return { ...structuredClone(stored), links: { url: shareUrl(origin, stored.id) } };
}

export const linkNotFound = (id: string) => entityNotFound('NOT_FOUND', 'payment link', id);
