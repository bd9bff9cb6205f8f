import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { z } from 'zod';
import type { Doc } from '../../storage/columns.ts';
import type { Order } from './tables.ts';

/** eCommerce orders as documents: the line items an order is made of, its totals and its payment state. */

const symbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', ILS: '₪' };
export const money = (amount: Big.BigSource, currency: string) => {
  const text = new Big(amount).toFixed(2);
  return { amount: text, formattedAmount: `${symbols[currency] ?? `${currency} `}${text}` };
};

/** A decimal string with at most 2 decimals, 0 or more (how the emulator's controls and links take prices). */
export const decimal = z
  .union([z.string(), z.number()], {
    error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : 'must be a decimal string'),
  })
  .transform((v) => String(v).trim())
  .refine(
    (v) => /^\d{1,9}(\.\d{1,2})?$/.test(v),
    'must be a decimal string from 0 to 999999999.99 with at most 2 decimals',
  );

/** One line of an order: what the buyer pays for. */
export interface OrderLine {
  name: string;
  quantity: number;
  price: string;
  catalogReference?: Doc;
  description?: string;
}

export interface OrderInput {
  lines: OrderLine[];
  currency: string;
  buyer?: { email?: string; contactId?: string; memberId?: string | undefined; firstName?: string; lastName?: string };
}

/** A new, approved, unpaid order's document (without id and dates). */
export function orderDocument(input: OrderInput, number: string) {
  const { currency } = input;
  const lineItems = input.lines.map((line) => {
    const total = new Big(line.price).times(line.quantity);
    return {
      id: randomUUID(),
      productName: { original: line.name, translated: line.name },
      ...(line.catalogReference ? { catalogReference: line.catalogReference } : {}),
      ...(line.description ? { descriptionLines: [{ plainText: { original: line.description } }] } : {}),
      quantity: line.quantity,
      price: money(line.price, currency),
      totalPriceBeforeTax: money(total, currency),
      totalPriceAfterTax: money(total, currency),
      itemType: { preset: line.catalogReference ? 'PHYSICAL' : 'UNRECOGNISED' },
    };
  });
  const total = input.lines.reduce((sum, l) => sum.plus(new Big(l.price).times(l.quantity)), new Big(0));
  const buyer = input.buyer ?? {};
  return {
    number,
    status: 'APPROVED',
    paymentStatus: 'NOT_PAID',
    fulfillmentStatus: 'NOT_FULFILLED',
    currency,
    lineItems,
    buyerInfo: {
      ...(buyer.contactId ? { contactId: buyer.contactId } : {}),
      ...(buyer.memberId ? { memberId: buyer.memberId } : {}),
      ...(buyer.email ? { email: buyer.email } : {}),
    },
    billingInfo: {
      contactDetails: {
        ...(buyer.firstName ? { firstName: buyer.firstName } : {}),
        ...(buyer.lastName ? { lastName: buyer.lastName } : {}),
      },
    },
    priceSummary: {
      subtotal: money(total, currency),
      shipping: money(0, currency),
      tax: money(0, currency),
      discount: money(0, currency),
      total: money(total, currency),
    },
    balanceSummary: { balance: money(total, currency), paid: money(0, currency) },
    channelInfo: { type: 'WEB' },
    archived: false,
  };
}

/** The order after a payment of `amount`: `PAID` when nothing is left to pay, else `PARTIALLY_PAID`. */
export function paidOrder(order: Order, amount: string): Order {
  const currency = String(order.currency);
  const total = new Big(order.priceSummary.total.amount);
  const paid = new Big(order.balanceSummary.paid.amount).plus(amount);
  const balance = total.minus(paid);
  return {
    ...order,
    paymentStatus: balance.lte(0) ? 'PAID' : 'PARTIALLY_PAID',
    balanceSummary: { balance: money(balance.lt(0) ? 0 : balance, currency), paid: money(paid, currency) },
  };
}
