import { integer, jsonb, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { type Bookkeeping, type Doc, entityColumns, instant, requiredTexts } from '../../storage/columns.ts';
import type { PaymentLinkInput } from './link-document.ts';

/**
 * A stored payment link: the checked input (payment-links.ts) and what payments change. No SDK typings of Payment
 * Links are installed here: the fields are those of the REST `PaymentLink` the emulator writes.
 */
export type PaymentLink = Bookkeeping & {
  title?: string;
  description?: string | null;
  currency?: string;
  type?: PaymentLinkInput['type'];
  ecomPaymentLink?: NonNullable<PaymentLinkInput['ecomPaymentLink']>;
  ecomOrderPaymentLink?: NonNullable<PaymentLinkInput['ecomOrderPaymentLink']>;
  recipients?: NonNullable<PaymentLinkInput['recipients']>;
  expirationDate?: string;
  paymentsLimit?: number;
  status?: 'ACTIVE' | 'INACTIVE' | 'EXPIRED' | 'PAID';
  totalPayments?: number;
  lastPaymentDate?: string;
};

/** A stored payment of a link (checkout.ts writes it). */
export type PaymentLinkPayment = Bookkeeping & {
  amount?: string;
  currencyCode?: string;
  paymentLinkId?: string | null;
  type?: string;
  regularPaymentLinkPayment?: Doc;
};

/** Payment links (`/payment-links/v1/payment-links`). */
export const paymentLinks = pgTable('pl_payment_links', { ...entityColumns<PaymentLink>() });

/** Payment link payments (`/payment-links/v1/payment-link-payments`). */
export const paymentLinkPayments = pgTable('pl_payment_link_payments', { ...entityColumns<PaymentLinkPayment>() });

/** What Send Payment Link sent, to whom and when (platform clock): `GET /_emulator/v1/outbox`. */
export const paymentLinkSends = pgTable('pl_sends', {
  id: serial('id').primaryKey(),
  ...requiredTexts('paymentLinkId', 'contactId', 'sendMethod'),
  /** The contact's address the message went to (email or phone), or null when the contact has none. */
  to: text('to'),
  message: jsonb('message').$type<Doc>().notNull(),
  sentAt: instant('sent_at').notNull(),
});

/**
 * A buyer's checkout opened by Initiate Payment (or by opening the link): the page's form carries `formToken`;
 * the first submit pays, every later submit of the same form answers that payment again. `status` is `OPEN`, then
 * `PAID` once its form was submitted.
 */
export const paymentLinkCheckouts = pgTable('pl_checkouts', {
  id: text('id').primaryKey(),
  ...requiredTexts('paymentLinkId', 'formToken', 'status'),
  paymentId: text('payment_id'),
  orderId: text('order_id'),
  attempts: integer('attempts').notNull().default(0),
  createdAt: instant('created_at').notNull(),
});
