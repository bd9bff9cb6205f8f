import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { entityNotFound, failedPrecondition, invalidArgument, type WixError } from '../../http/errors.ts';
import type { Ctx } from '../../http/router.ts';
import { emitEvent } from '../../platform/events.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { insertEntity, saveEntity } from '../../storage/entities.ts';
import { contactDocument } from '../contacts/contact-document.ts';
import { syncMemberContacts } from '../contacts/contacts.ts';
import { contacts } from '../contacts/tables.ts';
import { createOrder, lockOrder, orderNotFound, payOrder } from '../ecom/orders.ts';
import type { Order } from '../ecom/tables.ts';
import { lockLink, requireSiteReady } from './access.ts';
import { amountDue, type ResolvedLine } from './link-document.ts';
import { linkEvent } from './sending.ts';
import {
  type PaymentLink,
  type PaymentLinkPayment,
  paymentLinkCheckouts,
  paymentLinkPayments,
  paymentLinks,
} from './tables.ts';

/** Where the buyer pays: the checkout page (ECOM) or the order page (ECOM_ORDER), served by the emulator. */
export const checkoutPath = (link: PaymentLink, checkoutId: string) =>
  `/_emulator/pages/${link.type === 'ECOM_ORDER' ? 'order' : 'checkout'}/${checkoutId}`;

/** Why a link takes no payment now, or null when it does (status, limit, the order still unpaid). */
async function refusal(tx: Tx, link: PaymentLink): Promise<WixError | null> {
  if (link.status !== 'ACTIVE') {
    return failedPrecondition(
      'FAILED_PRECONDITION',
      `the payment link is ${String(link.status)}: it takes no payment`,
      {
        id: link.id,
        status: link.status,
      },
    );
  }
  const limit = link.paymentsLimit;
  if (limit !== undefined && Number(link.totalPayments ?? 0) >= limit) {
    return failedPrecondition('FAILED_PRECONDITION', `the payment link reached its payments limit ${limit}`, {
      id: link.id,
      paymentsLimit: limit,
      totalPayments: link.totalPayments,
    });
  }
  if (link.type === 'ECOM_ORDER' && link.ecomOrderPaymentLink) {
    const { orderId } = link.ecomOrderPaymentLink;
    const order = await lockOrder(tx, orderId);
    if (!order) return orderNotFound(orderId);
    if (order.paymentStatus !== 'NOT_PAID' && order.paymentStatus !== 'PARTIALLY_PAID') {
      return failedPrecondition('FAILED_PRECONDITION', `order ${orderId} is ${String(order.paymentStatus)}`, {
        orderId,
        paymentStatus: order.paymentStatus,
      });
    }
  }
  return null;
}

/**
 * Opens a checkout for a link (Initiate Payment, or a buyer opening the link): refused on an unready site, an
 * inactive, expired or paid link, past its payments limit. Emits `payment_link_payment_initiated`.
 */
export async function openCheckout(tx: Tx, ctx: Ctx, linkId: string): Promise<{ link: Doc; url: string }> {
  const link = await lockLink(tx, ctx.now, linkId);
  await requireSiteReady(tx);
  const refused = await refusal(tx, link);
  if (refused) throw refused;
  const id = randomUUID();
  await tx.insert(paymentLinkCheckouts).values({
    id,
    paymentLinkId: String(link.id),
    formToken: randomBytes(18).toString('base64url'),
    status: 'OPEN',
    createdAt: ctx.now,
  });
  await emitEvent(tx, linkEvent('payment_initiated', link, ctx.origin), ctx.now);
  return { link, url: `${ctx.origin}${checkoutPath(link, id)}` };
}

export interface CheckoutView {
  checkout: typeof paymentLinkCheckouts.$inferSelect;
  link: PaymentLink;
  amount: string;
  lines: ResolvedLine[];
  payment?: PaymentLinkPayment;
}

/** What the buyer's page shows: the link, its items and total now, and the payment once paid. */
export async function viewCheckout(tx: Tx, ctx: Ctx, checkoutId: string, forUpdate = false): Promise<CheckoutView> {
  const query = tx.select().from(paymentLinkCheckouts).where(eq(paymentLinkCheckouts.id, checkoutId));
  const [checkout] = await (forUpdate ? query.for('update') : query);
  if (!checkout) throw entityNotFound('NOT_FOUND', 'checkout', checkoutId);
  const link = await lockLink(tx, ctx.now, checkout.paymentLinkId);
  const { amount, lines } = await amountDue(tx, link);
  const [payment] = checkout.paymentId
    ? await tx
        .select({ data: paymentLinkPayments.data })
        .from(paymentLinkPayments)
        .where(eq(paymentLinkPayments.id, checkout.paymentId))
    : [];
  return { checkout, link, amount, lines, ...(payment ? { payment: payment.data } : {}) };
}

export const buyerForm = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(200, 'Your name is too long'),
  email: z.email('Enter an email address such as kim@example.com').max(320),
  formToken: z.string().min(1, 'The form is incomplete: open the page again'),
});

/** The buyer's contact: the contact with that email (members' contacts included), else a new one. */
async function buyerContact(tx: Tx, ctx: Ctx, name: string, email: string): Promise<{ id: string; memberId?: string }> {
  await syncMemberContacts(tx, ctx.now);
  // Serialised with Create Contact, so two buyers with one new email make one contact.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('contacts.v4.contacts'))`);
  const [found] = await tx
    .select({ id: contacts.id, memberId: contacts.memberId })
    .from(contacts)
    .where(sql`(${contacts.data} #>> '{primaryInfo,email}') = ${email}`)
    .orderBy(contacts.seq)
    .limit(1);
  if (found) return { id: found.id, ...(found.memberId ? { memberId: found.memberId } : {}) };
  const [first, ...rest] = name.split(/\s+/);
  const doc = contactDocument(
    { name: { first: first ?? name, last: rest.join(' ') || null }, emails: { items: [{ email }] } },
    { sourceType: 'WIX_APP', appId: 'payment-links' },
    ctx.now,
  );
  return { id: String((await insertEntity(tx, contacts, randomUUID(), doc, ctx.now)).id) };
}

/**
 * The buyer submits the page's form: the first submit of a checkout's form pays (creates the order for ECOM or
 * pays the order for ECOM_ORDER, records the payment, updates the link, emits events); a later submit of the same
 * form answers that payment again and pays nothing.
 */
export async function payCheckout(tx: Tx, ctx: Ctx, checkoutId: string, form: z.infer<typeof buyerForm>) {
  const view = await viewCheckout(tx, ctx, checkoutId, true);
  const { checkout, link, amount, lines } = view;
  if (form.formToken !== checkout.formToken) throw invalidArgument('formToken', 'not this page’s form');
  if (view.payment) return view;
  await requireSiteReady(tx);
  const refused = await refusal(tx, link);
  if (refused) throw refused;
  const email = form.email.trim().toLowerCase();
  const [firstName, ...rest] = form.name.split(/\s+/);
  const { id: contactId, memberId } = await buyerContact(tx, ctx, form.name, email);
  const currency = String(link.currency);
  let order: Order;
  if (link.type === 'ECOM_ORDER') {
    const orderId = String(link.ecomOrderPaymentLink?.orderId);
    // refusal() found the order, locked, in this transaction.
    const locked = await lockOrder(tx, orderId);
    if (!locked) throw orderNotFound(orderId);
    order = locked;
  } else {
    order = await createOrder(
      tx,
      {
        lines,
        currency,
        buyer: { email, contactId, memberId, firstName: firstName ?? form.name, lastName: rest.join(' ') },
      },
      ctx.now,
    );
  }
  order = await payOrder(tx, order, amount, ctx.now);
  const payment = await insertEntity(
    tx,
    paymentLinkPayments,
    randomUUID(),
    {
      amount,
      currencyCode: currency,
      paymentLinkId: link.id,
      type: 'REGULAR',
      regularPaymentLinkPayment: {
        contactDetails: { contactId, firstName: firstName ?? form.name, lastName: rest.join(' '), email },
        order: { ecomOrder: { ecomOrderId: order.id } },
      },
    },
    ctx.now,
  );
  const totalPayments = Number(link.totalPayments ?? 0) + 1;
  const limit = link.paymentsLimit;
  const updated = await saveEntity(
    tx,
    paymentLinks,
    link,
    {
      ...link,
      totalPayments,
      lastPaymentDate: ctx.now.toISOString(),
      status: limit !== undefined && totalPayments >= limit ? 'PAID' : link.status,
    },
    ctx.now,
  );
  await tx
    .update(paymentLinkCheckouts)
    .set({ status: 'PAID', paymentId: String(payment.id), orderId: String(order.id) })
    .where(eq(paymentLinkCheckouts.id, checkoutId));
  await emitEvent(
    tx,
    {
      eventType: 'wix.paymentlinks.payments.v1.payment_link_payment_created',
      entityFqdn: 'wix.paymentlinks.payments.v1.payment_link_payment',
      slug: 'created',
      entityId: String(payment.id),
      entity: payment,
      kind: 'created',
    },
    ctx.now,
  );
  await emitEvent(tx, linkEvent('updated', updated, ctx.origin), ctx.now);
  return { ...view, link: updated, payment };
}
