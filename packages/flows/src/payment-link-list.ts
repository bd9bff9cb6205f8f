import { z } from 'zod';
import { parseInput } from './errors.ts';
import {
  type Contact,
  type CursorPage,
  callWix,
  type Order,
  type PaymentLink,
  type PaymentLinkPayment,
} from './get-paid.ts';
import { cursor, linkRow, type PaymentLinkRow, STATUSES, TYPES, wixId } from './payment-link-inputs.ts';
import { recordsOf } from './payment-links.ts';
import type { WixApis } from './wix.ts';

/** The most pages of Wix's query one call of the list reads while it narrows by type or text (which Wix's query has no filter for). */
const MAX_PAGES = 5;

const listInput = z.object({
  status: z.array(z.enum(STATUSES)).max(4).default([]),
  type: z.enum(TYPES).optional(),
  search: z.string().trim().max(100, 'must be at most 100 characters').default(''),
  sort: z.enum(['NEWEST', 'OLDEST']).default('NEWEST'),
  cursor,
  limit: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
});

type QueryAnswer = { paymentLinks?: PaymentLink[]; pagingMetadata?: CursorPage };

/**
 * The payment links, a page at a time (sample flow "Display payment link data"): Wix's Query Payment Links filters by
 * status and sorts by creation date (its documented filters and sorts); the type and the text (title, description) are
 * matched by the app over Wix's pages, reading up to five of them to fill a page. `cursor` continues where the last
 * page stopped, with the same filters.
 */
export async function listPaymentLinks(
  wix: WixApis,
  input: z.input<typeof listInput> = {},
): Promise<{ links: PaymentLinkRow[]; cursor: string | null }> {
  const request = parseInput(listInput, input);
  const text = request.search.toLowerCase();
  const matches = (link: PaymentLink) =>
    (!request.type || link.type === request.type) &&
    (!text || `${link.title ?? ''} ${link.description ?? ''}`.toLowerCase().includes(text));
  const narrowing = Boolean(request.type || text);
  const found: PaymentLink[] = [];
  let next = request.cursor ?? null;
  for (let page = 0; page < (narrowing ? MAX_PAGES : 1); page++) {
    const query = next
      ? { cursorPaging: { cursor: next, limit: request.limit } }
      : {
          ...(request.status.length > 0 ? { filter: { status: { $in: request.status } } } : {}),
          sort: [{ fieldName: 'createdDate', order: request.sort === 'NEWEST' ? 'DESC' : 'ASC' }],
          cursorPaging: { limit: request.limit },
        };
    const answer = await callWix<QueryAnswer>(wix, 'queryPaymentLinks', { body: { query } });
    found.push(...(answer.paymentLinks ?? []).filter(matches));
    next = answer.pagingMetadata?.hasNext === false ? null : (answer.pagingMetadata?.cursors?.next ?? null);
    if (!next || found.length >= request.limit) break;
  }
  const records = await recordsOf(
    wix,
    found.map((l) => l.id),
  );
  return { links: found.map((link) => linkRow(link, records.get(link.id))), cursor: next };
}

export interface PaymentRow {
  id: string;
  amount: string;
  currency: string;
  createdDate: string | null;
  payer: string;
  email: string | null;
  method: string | null;
  orderId: string | null;
}

const paymentRow = (p: PaymentLinkPayment): PaymentRow => {
  const regular = p.regularPaymentLinkPayment;
  const contact = regular?.contactDetails;
  const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ');
  return {
    id: p.id,
    amount: p.amount ?? '0',
    currency: p.currencyCode ?? '',
    createdDate: p.createdDate ?? null,
    payer: name || contact?.email || '',
    email: contact?.email ?? null,
    method: regular?.paymentMethod ?? null,
    orderId: regular?.order?.ecomOrder?.ecomOrderId ?? null,
  };
};

/** A link's payments, newest first, a page at a time (Query Payment Link Payments filtered by the link). */
export async function paymentLinkPayments(
  wix: WixApis,
  input: { paymentLinkId: string; cursor?: string | null; limit?: number },
): Promise<{ payments: PaymentRow[]; cursor: string | null }> {
  const request = parseInput(
    z.object({ paymentLinkId: wixId, cursor, limit: z.number().int().min(1).max(100).default(20) }),
    input,
  );
  const query = request.cursor
    ? { cursorPaging: { cursor: request.cursor, limit: request.limit } }
    : {
        filter: { paymentLinkId: { $eq: request.paymentLinkId } },
        sort: [{ fieldName: 'createdDate', order: 'DESC' }],
        cursorPaging: { limit: request.limit },
      };
  const answer = await callWix<{ paymentLinkPayments?: PaymentLinkPayment[]; pagingMetadata?: CursorPage }>(
    wix,
    'queryPaymentLinkPayments',
    { body: { query } },
  );
  const next = answer.pagingMetadata?.hasNext === false ? null : (answer.pagingMetadata?.cursors?.next ?? null);
  return { payments: (answer.paymentLinkPayments ?? []).map(paymentRow), cursor: next };
}

export interface ContactRow {
  contactId: string;
  name: string;
  email: string | null;
}

const contactRow = (c: Contact): ContactRow => {
  const name = [c.info?.name?.first, c.info?.name?.last].filter(Boolean).join(' ');
  const email = c.primaryInfo?.email ?? c.info?.emails?.items?.[0]?.email ?? null;
  return { contactId: c.id, name: name || email || c.id, email };
};

/**
 * The site's contacts to pick recipients from (every member is one), by name or email, a page at a time: Contacts'
 * Query with offset paging (`offset` from the previous page).
 */
export async function paymentLinkRecipients(
  wix: WixApis,
  input: { search?: string; offset?: number; limit?: number } = {},
): Promise<{ contacts: ContactRow[]; offset: number | null }> {
  const request = parseInput(
    z.object({
      search: z.string().trim().max(100, 'must be at most 100 characters').default(''),
      offset: z.number().int().min(0).max(100_000).default(0),
      limit: z.number().int().min(1).max(100).default(20),
    }),
    input,
  );
  const s = request.search;
  const filter = s
    ? {
        $or: [
          { 'info.name.first': { $startsWith: s } },
          { 'info.name.last': { $startsWith: s } },
          { 'primaryInfo.email': { $startsWith: s } },
        ],
      }
    : {};
  const answer = await callWix<{
    contacts?: Contact[];
    pagingMetadata?: { count?: number; offset?: number; total?: number };
  }>(wix, 'queryContacts', {
    body: {
      query: {
        filter,
        sort: [{ fieldName: 'info.name.first', order: 'ASC' }],
        paging: { limit: request.limit, offset: request.offset },
      },
    },
  });
  const contacts = answer.contacts ?? [];
  const end = request.offset + contacts.length;
  const total = answer.pagingMetadata?.total;
  const more = total === undefined ? contacts.length === request.limit : end < total;
  return { contacts: contacts.map(contactRow), offset: more ? end : null };
}

export interface OrderRow {
  orderId: string;
  number: string;
  total: string;
  due: string;
  currency: string;
  paymentStatus: string;
  createdDate: string | null;
}

/** The store's orders waiting for payment (not paid or partly paid), newest first: what an `ECOM_ORDER` link is for. */
export async function unpaidOrders(
  wix: WixApis,
  input: { cursor?: string | null } = {},
): Promise<{ orders: OrderRow[]; cursor: string | null }> {
  const request = parseInput(z.object({ cursor }), input);
  const search = request.cursor
    ? { cursorPaging: { cursor: request.cursor, limit: 20 } }
    : {
        filter: { paymentStatus: { $in: ['NOT_PAID', 'PARTIALLY_PAID'] } },
        sort: [{ fieldName: 'createdDate', order: 'DESC' }],
        cursorPaging: { limit: 20 },
      };
  const answer = await callWix<{ orders?: Order[]; metadata?: CursorPage; pagingMetadata?: CursorPage }>(
    wix,
    'searchOrders',
    { body: { search } },
  );
  const paging = answer.metadata ?? answer.pagingMetadata;
  return {
    orders: (answer.orders ?? []).map((o) => ({
      orderId: o.id,
      number: o.number ?? o.id,
      total: o.priceSummary?.total?.amount ?? '0',
      due: o.balanceSummary?.balance?.amount ?? o.priceSummary?.total?.amount ?? '0',
      currency: o.currency ?? '',
      paymentStatus: o.paymentStatus ?? '',
      createdDate: o.createdDate ?? null,
    })),
    cursor: paging?.hasNext === false ? null : (paging?.cursors?.next ?? null),
  };
}

/** A store product's variants (choices and price) to pick from, and the site's currency. */
export async function productVariants(wix: WixApis, input: { productId: string }) {
  const { productId } = parseInput(z.object({ productId: wixId }), input);
  const product = await wix.productsV3.getProduct(productId, { fields: ['VARIANT_OPTION_CHOICE_NAMES'] } as never);
  return {
    productId,
    name: product.name ?? '',
    variants: (product.variantsInfo?.variants ?? []).map((v) => ({
      variantId: v._id!,
      name:
        (v.choices ?? [])
          .map((c) => c.optionChoiceNames?.choiceName)
          .filter(Boolean)
          .join(' / ') || 'Standard',
      price: v.price?.actualPrice?.amount ?? '0',
    })),
  };
}

/** What the create form needs first: the site's currency. */
export async function paymentLinkChoices(wix: WixApis) {
  return { currency: await wix.siteCurrency() };
}
