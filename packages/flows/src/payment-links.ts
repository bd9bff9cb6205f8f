import { z } from 'zod';
import { COLLECTIONS } from './collections.ts';
import { InvalidInput, parseInput, Refused } from './errors.ts';
import { callWix, type LineItem, type Order, type PaymentLink } from './get-paid.ts';
import { stableId } from './ids.ts';
import { requestId } from './inputs.ts';
import {
  currency,
  description,
  linkRow,
  money,
  type PaymentLinkRow,
  quantity,
  recipients,
  title,
  toMoney,
  wixId,
} from './payment-link-inputs.ts';
import { ownerWords, refusedAsOwnerWords } from './payment-link-refusals.ts';
import { isUnavailable, WixUnavailable } from './transient.ts';
import { type Clock, isDuplicateItem, STORES_APP_ID, type WixApis } from './wix.ts';

/** What the app recorded of each payment link it made: the request that made it, its amount and item names. */
export const PAYMENT_LINKS = COLLECTIONS.paymentLinks;

/** The record of the request that creates a link: one per request id, so a retry meets it. */
const recordId = (request: string) => stableId(`payment-link-request:${request}`);

/** How many times (300 ms apart) a retry waits for the same request's link being made. */
const WAITS_FOR_TWIN = 10;

export interface PaymentLinkRecord {
  _id: string;
  requestId: string;
  linkId?: string;
  amount?: string;
  names?: string[];
  /** When the try that is making the link began (an ISO instant; records before 2026-12 have none). */
  startedAt?: string;
}

/**
 * How long after a try began a retry may take it over when no link of it is found: Wix made nothing (its answer was a
 * 5xx before it did, or the try stopped before calling), and no try of the request is still running by then.
 */
const TAKE_OVER_AFTER_MS = 60_000;
/** How far before a try began the link it made may say it was created (the platform's clock against the app's). */
const CLOCK_SKEW_MS = 5 * 60_000;

const common = {
  requestId,
  title,
  description: description.optional(),
  currency: currency.optional(),
  recipients: recipients.default([]),
  expirationDate: z.iso.datetime({ offset: true, message: 'must be an ISO date and time' }).optional(),
};

const createInput = z.discriminatedUnion('type', [
  z.object({
    ...common,
    type: z.literal('ECOM'),
    products: z
      .array(z.object({ productId: wixId, variantId: wixId.optional(), quantity }))
      .max(50, 'must be at most 50')
      .default([]),
    customItems: z
      .array(z.object({ name: title, quantity, price: money, description: description.optional() }))
      .max(50, 'must be at most 50')
      .default([]),
    paymentsLimit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000).optional(),
  }),
  z.object({ ...common, type: z.literal('ECOM_ORDER'), orderId: wixId, amount: money.optional() }),
]);

export type CreatePaymentLinkInput = z.input<typeof createInput>;

type Priced = { lineItems: LineItem[]; amount: string; names: string[]; currency?: string };

/** The store's price of each product (its variant's, or its first variant's) and its name; refuses unknown ones. */
async function catalogItems(
  wix: WixApis,
  products: Array<{ productId: string; variantId?: string; quantity: number }>,
) {
  const found = await Promise.all(
    [...new Set(products.map((p) => p.productId))].map(async (id) => {
      try {
        return await wix.productsV3.getProduct(id, { fields: ['CURRENCY'] } as never);
      } catch {
        return null;
      }
    }),
  );
  const byId = new Map(found.flatMap((product) => (product?._id ? [[product._id, product] as const] : [])));
  return products.map((wanted, i) => {
    const product = byId.get(wanted.productId);
    if (!product) throw new InvalidInput(`products.${i}.productId`, 'is not a product of the store');
    const variants = product.variantsInfo?.variants ?? [];
    const variant = wanted.variantId ? variants.find((v) => v._id === wanted.variantId) : variants[0];
    if (!variant) throw new InvalidInput(`products.${i}.variantId`, 'is not a variant of the product');
    const price = Number(variant.price?.actualPrice?.amount ?? 0);
    const lineItem: LineItem = {
      type: 'CATALOG',
      catalogItem: {
        quantity: wanted.quantity,
        catalogReference: {
          appId: STORES_APP_ID,
          catalogItemId: wanted.productId,
          // The variant picked, else the product's first: a product with options has no default variant.
          ...(variant._id ? { options: { variantId: variant._id } } : {}),
        },
      },
    };
    return { lineItem, total: price * wanted.quantity, name: product.name ?? wanted.productId };
  });
}

async function priced(wix: WixApis, request: z.output<typeof createInput>): Promise<Priced> {
  if (request.type === 'ECOM_ORDER') {
    const order = await refusedAsOwnerWords('The order', () =>
      callWix<{ order: Order }>(wix, 'getOrder', { params: { orderId: request.orderId } }),
    ).then((a) => a.order);
    if (order.paymentStatus === 'PAID' || order.paymentStatus === 'FULLY_REFUNDED') {
      throw new Refused('ORDER_ALREADY_PAID', 'That order is paid already: pick an unpaid order.');
    }
    const due = order.balanceSummary?.balance?.amount ?? order.priceSummary?.total?.amount ?? '0';
    const amount = request.amount ?? toMoney(Number(due));
    return { lineItems: [], amount, names: [], ...(order.currency ? { currency: order.currency } : {}) };
  }
  if (request.products.length + request.customItems.length === 0) {
    throw new InvalidInput('products', 'pick at least one product or add a custom item');
  }
  const catalog = request.products.length > 0 ? await catalogItems(wix, request.products) : [];
  const custom = request.customItems.map((item) => ({
    lineItem: {
      type: 'CUSTOM',
      customItem: {
        name: item.name,
        quantity: item.quantity,
        price: item.price,
        ...(item.description ? { description: item.description } : {}),
      },
    } satisfies LineItem,
    total: Number(item.price) * item.quantity,
    name: item.name,
  }));
  const all = [...catalog, ...custom];
  return {
    lineItems: all.map((a) => a.lineItem),
    amount: toMoney(all.reduce((sum, a) => sum + a.total, 0)),
    names: all.map((a) => a.name),
  };
}

/**
 * Creates a payment link (sample flows "Create and send a payment link", "for Wix Stores products"): `ECOM` for store
 * products (with variants and quantities) and custom items, or `ECOM_ORDER` for an unpaid eCommerce order (paid once).
 * The currency is the site's unless given (an order's is the order's). Once per `requestId`: the request is recorded
 * before Wix is called, so a retry answers the link made the first time and never makes a second one. Create Payment
 * Link takes no idempotency key: when Wix did not answer (it may have made the link), or the record of the link was
 * not saved, the record stays, and a retry finds the link that try made (`resume`).
 */
export async function createPaymentLink(
  wix: WixApis,
  clock: Clock,
  input: CreatePaymentLinkInput,
): Promise<{ status: 'CREATED'; link: PaymentLinkRow }> {
  const request = parseInput(createInput, input);
  if (request.expirationDate && new Date(request.expirationDate) <= clock()) {
    throw new InvalidInput('expirationDate', 'must be in the future');
  }
  const _id = recordId(request.requestId);
  const earlier = await madeBefore(wix, _id);
  if (earlier) return { status: 'CREATED', link: earlier };
  const [price, siteCurrency] = await Promise.all([priced(wix, request), wix.siteCurrency()]);
  const making: LinkToMake = {
    request,
    price,
    paymentLink: {
      title: request.title,
      ...(request.description ? { description: request.description } : {}),
      currency: request.currency ?? price.currency ?? siteCurrency,
      type: request.type,
      ...(request.recipients.length > 0
        ? { recipients: request.recipients.map((contactId) => ({ contactId, sendMethods: ['EMAIL_METHOD'] })) }
        : {}),
      ...(request.expirationDate ? { expirationDate: request.expirationDate } : {}),
      ...(request.type === 'ECOM'
        ? {
            ecomPaymentLink: { lineItems: price.lineItems },
            ...(request.paymentsLimit ? { paymentsLimit: request.paymentsLimit } : {}),
          }
        : { paymentsLimit: 1, ecomOrderPaymentLink: { orderId: request.orderId, amount: price.amount } }),
    },
  };
  const record: PaymentLinkRecord = { _id, requestId: request.requestId, startedAt: clock().toISOString() };
  try {
    await wix.data.insert(PAYMENT_LINKS, record);
  } catch (error) {
    if (!isDuplicateItem(error)) throw error;
    return resume(wix, clock, _id, making);
  }
  return makeLink(wix, record, making);
}

interface LinkToMake {
  request: z.output<typeof createInput>;
  price: Awaited<ReturnType<typeof priced>>;
  paymentLink: Record<string, unknown> & { title: string; type: string };
}

/**
 * Makes the link of a recorded request and records it. Wix refused it: nothing was made, the record goes (the same
 * request may be tried again, after publishing the site, say). Wix did not answer: the record stays for the retry.
 */
async function makeLink(
  wix: WixApis,
  record: PaymentLinkRecord,
  { price, paymentLink }: LinkToMake,
): Promise<{ status: 'CREATED'; link: PaymentLinkRow }> {
  let link: PaymentLink;
  try {
    ({ paymentLink: link } = await callWix<{ paymentLink: PaymentLink }>(wix, 'createPaymentLink', {
      body: { paymentLink },
    }));
  } catch (error) {
    if (!(error instanceof WixUnavailable) && !isUnavailable(error)) {
      await wix.data.bulkRemove(PAYMENT_LINKS, [record._id]);
    }
    throw ownerWords('The payment link', error);
  }
  return recordLink(wix, record, link, price);
}

/** Records the link a request made (what the list shows of it), and answers it. */
async function recordLink(
  wix: WixApis,
  record: PaymentLinkRecord,
  link: PaymentLink,
  price: LinkToMake['price'],
): Promise<{ status: 'CREATED'; link: PaymentLinkRow }> {
  const made: PaymentLinkRecord = {
    _id: record._id,
    requestId: record.requestId,
    ...(record.startedAt ? { startedAt: record.startedAt } : {}),
    linkId: link.id,
    amount: price.amount,
    names: price.names,
  };
  await wix.data.update(PAYMENT_LINKS, made);
  return { status: 'CREATED', link: linkRow(link, made) };
}

/**
 * A request recorded before with no link named yet: the same request being made now (its link comes in a moment), or
 * an earlier try whose answer or record was lost. After waiting for a twin, the link that try made is looked for among
 * the newest links (its title, type and order, created since the try began, named by no other request's record) and
 * recorded; when none is and the try is over, this one takes it over (once, whoever retries) and makes the link.
 */
async function resume(
  wix: WixApis,
  clock: Clock,
  _id: string,
  making: LinkToMake,
): Promise<{ status: 'CREATED'; link: PaymentLinkRow }> {
  for (let wait = 0; wait < WAITS_FOR_TWIN; wait++) {
    const made = await madeBefore(wix, _id);
    if (made) return { status: 'CREATED', link: made };
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const record = (await wix.data.get(PAYMENT_LINKS, _id, { consistentRead: true })) as
    | (PaymentLinkRecord & { _createdDate?: Date | string })
    | null;
  if (!record) {
    // The twin was refused and gave its record back: this try is the request's now.
    const fresh: PaymentLinkRecord = { _id, requestId: making.request.requestId, startedAt: clock().toISOString() };
    try {
      await wix.data.insert(PAYMENT_LINKS, fresh);
    } catch (error) {
      if (!isDuplicateItem(error)) throw error;
      throw inProgress();
    }
    return makeLink(wix, fresh, making);
  }
  if (record.linkId) return { status: 'CREATED', link: linkRow(await getLink(wix, record.linkId), record) };
  // Records made before tries said when they began: Wix Data's own creation date.
  const began = record.startedAt ?? record._createdDate;
  const startedAt = began ? new Date(began) : undefined;
  const found = startedAt ? await linkOfTry(wix, making, startedAt) : undefined;
  if (found) return recordLink(wix, record, found, making.price);
  if (startedAt && clock().getTime() - startedAt.getTime() >= TAKE_OVER_AFTER_MS) {
    // One retry takes the try over: the one whose mark of it Wix Data takes (a second is refused, WDE0074).
    try {
      const mark = { _id: takeOverId(_id, startedAt.toISOString()), requestId: record.requestId };
      await wix.data.insert(PAYMENT_LINKS, mark);
    } catch (error) {
      if (!isDuplicateItem(error)) throw error;
      throw inProgress();
    }
    const taken: PaymentLinkRecord = { _id, requestId: record.requestId, startedAt: clock().toISOString() };
    await wix.data.update(PAYMENT_LINKS, taken);
    return makeLink(wix, taken, making);
  }
  throw inProgress();
}

const takeOverId = (recordId: string, startedAt: string) => stableId(`payment-link-take-over:${recordId}:${startedAt}`);

const inProgress = () =>
  new Refused(
    'IN_PROGRESS',
    'An earlier try of this link has not finished: try again in a minute, or look for it in the list.',
  );

/** How many of the newest links are looked through for the one an earlier try made. */
const NEWEST_LINKS = 50;

/** The link an earlier try of the request made, among the newest links, if it made one. */
async function linkOfTry(wix: WixApis, { request }: LinkToMake, startedAt: Date): Promise<PaymentLink | undefined> {
  const { paymentLinks = [] } = await callWix<{ paymentLinks?: PaymentLink[] }>(wix, 'queryPaymentLinks', {
    body: { query: { sort: [{ fieldName: 'createdDate', order: 'DESC' }], cursorPaging: { limit: NEWEST_LINKS } } },
  });
  const since = startedAt.getTime() - CLOCK_SKEW_MS;
  const candidates = paymentLinks.filter(
    (link) =>
      link.title === request.title &&
      link.type === request.type &&
      new Date(link.createdDate ?? 0).getTime() >= since &&
      (request.type !== 'ECOM_ORDER' || link.ecomOrderPaymentLink?.orderId === request.orderId),
  );
  if (candidates.length === 0) return undefined;
  const named = await recordsOf(
    wix,
    candidates.map((link) => link.id),
  );
  // The oldest not named by another request: the first made since the try began.
  return candidates.reverse().find((link) => !named.has(link.id));
}

/** The link a request made before, if it made one. */
async function madeBefore(wix: WixApis, _id: string): Promise<PaymentLinkRow | null> {
  const record = (await wix.data.get(PAYMENT_LINKS, _id, { consistentRead: true })) as PaymentLinkRecord | null;
  if (!record?.linkId) return null;
  const link = await getLink(wix, record.linkId);
  return linkRow(link, record);
}

async function getLink(wix: WixApis, paymentLinkId: string): Promise<PaymentLink> {
  const answer = await refusedAsOwnerWords('The payment link', () =>
    callWix<{ paymentLink: PaymentLink }>(wix, 'getPaymentLink', { params: { paymentLinkId } }),
  );
  return answer.paymentLink;
}

/** What the app recorded of links it made, by link id (one Wix Data query). */
export async function recordsOf(wix: WixApis, linkIds: string[]): Promise<Map<string, PaymentLinkRecord>> {
  if (linkIds.length === 0) return new Map();
  const { items } = await wix.data.query(PAYMENT_LINKS).hasSome('linkId', linkIds).limit(linkIds.length).find();
  return new Map((items as PaymentLinkRecord[]).map((r) => [r.linkId!, r]));
}

/** One payment link, as the dashboard shows it. */
export async function paymentLink(wix: WixApis, input: { paymentLinkId: string }): Promise<PaymentLinkRow> {
  const { paymentLinkId } = parseInput(z.object({ paymentLinkId: wixId }), input);
  const [link, records] = await Promise.all([getLink(wix, paymentLinkId), recordsOf(wix, [paymentLinkId])]);
  return linkRow(link, records.get(paymentLinkId));
}

/**
 * Sends a link by email to its recipients, or to the contacts given now (at most 50). A link with no recipients and
 * none given is refused before Wix is called.
 */
export async function sendPaymentLink(
  wix: WixApis,
  input: { paymentLinkId: string; recipients?: string[] },
): Promise<{ status: 'SENT'; recipients: number }> {
  const request = parseInput(z.object({ paymentLinkId: wixId, recipients: recipients.default([]) }), input);
  let count = request.recipients.length;
  if (count === 0) {
    count = (await getLink(wix, request.paymentLinkId)).recipients?.length ?? 0;
    if (count === 0) throw new InvalidInput('recipients', 'pick at least one contact: the link has no recipients');
  }
  await refusedAsOwnerWords('The payment link', () =>
    callWix(wix, 'sendPaymentLink', {
      params: { paymentLinkId: request.paymentLinkId },
      body: {
        paymentLinkId: request.paymentLinkId,
        ...(request.recipients.length > 0
          ? { recipients: request.recipients.map((contactId) => ({ contactId, sendMethods: ['EMAIL_METHOD'] })) }
          : {}),
      },
    }),
  );
  return { status: 'SENT', recipients: count };
}

/**
 * Takes a payment now (sample flow "Lead a Wix user directly to a checkout page"): starts a checkout for the link and
 * answers where to send the buyer, the eCommerce checkout (`ECOM`) or the order's page (`ECOM_ORDER`).
 */
export async function takePayment(wix: WixApis, input: { paymentLinkId: string }): Promise<{ url: string }> {
  const { paymentLinkId } = parseInput(z.object({ paymentLinkId: wixId }), input);
  const answer = await refusedAsOwnerWords('The payment link', () =>
    callWix<{ ecomCheckout?: { checkoutUrl?: string }; ecomOrder?: { orderUrl?: string } }>(wix, 'initiatePayment', {
      params: { paymentLinkId },
      body: { paymentLinkId },
    }),
  );
  const url = answer.ecomCheckout?.checkoutUrl ?? answer.ecomOrder?.orderUrl;
  if (!url) throw new Error(`Initiate Payment answered no checkout or order URL for payment link ${paymentLinkId}`);
  return { url };
}

const linkAction =
  (route: 'activatePaymentLink' | 'deactivatePaymentLink') =>
  async (wix: WixApis, input: { paymentLinkId: string }): Promise<PaymentLinkRow> => {
    const { paymentLinkId } = parseInput(z.object({ paymentLinkId: wixId }), input);
    const answer = await refusedAsOwnerWords('The payment link', () =>
      callWix<{ paymentLink?: PaymentLink }>(wix, route, { params: { paymentLinkId }, body: { paymentLinkId } }),
    );
    const [link, records] = await Promise.all([
      answer.paymentLink ?? getLink(wix, paymentLinkId),
      recordsOf(wix, [paymentLinkId]),
    ]);
    return linkRow(link, records.get(paymentLinkId));
  };

/** Lets a link take payments again. */
export const activatePaymentLink = linkAction('activatePaymentLink');
/** Stops a link taking payments (it can be activated again). */
export const deactivatePaymentLink = linkAction('deactivatePaymentLink');

/** Deletes a link that has no payments (Wix keeps links with payments: deactivate those). */
export async function deletePaymentLink(
  wix: WixApis,
  input: { paymentLinkId: string },
): Promise<{ status: 'DELETED' }> {
  const { paymentLinkId } = parseInput(z.object({ paymentLinkId: wixId }), input);
  await refusedAsOwnerWords('The payment link', () => callWix(wix, 'deletePaymentLink', { params: { paymentLinkId } }));
  return { status: 'DELETED' };
}
