import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { badRequest, failedPrecondition, invalidArgument, notFound } from '../../http/errors.ts';
import { cursorQuery, queryable } from '../../http/query-rules.ts';
import { type Ctx, Router, requireManager } from '../../http/router.ts';
import { emitEvent } from '../../platform/events.ts';
import type { Tx } from '../../storage/db.ts';
import { insertEntity, saveEntity } from '../../storage/entities.ts';
import { queryEntities } from '../../storage/query.ts';
import { findContact } from '../contacts/contacts.ts';
import { lockOrder, orderNotFound } from '../ecom/orders.ts';
import { SITE_CURRENCY } from '../stores/product-input.ts';
import { lockLink, requireSiteReady, settleExpired } from './access.ts';
import {
  type PaymentLinkInput,
  paymentLinkInput,
  presentLink,
  recipients as recipientsSchema,
  resolveLines,
} from './link-document.ts';
import { linkEvent, sendLink } from './sending.ts';
import { type PaymentLink, paymentLinkPayments, paymentLinks } from './tables.ts';

export const BASE = '/payment-links/v1/payment-links';
const RULES = {
  filterable: new Set([
    'id',
    'createdDate',
    'updatedDate',
    'title',
    'description',
    'status',
    'type',
    'currency',
    'expirationDate',
    'paymentsLimit',
    'totalPayments',
    'lastPaymentDate',
    'ecomOrderPaymentLink.orderId',
  ]),
  sortable: new Set([
    'createdDate',
    'updatedDate',
    'title',
    'totalPayments',
    'lastPaymentDate',
    'expirationDate',
    'status',
  ]),
};

/** Every recipient must be a contact of the site (`RECIPIENT_NOT_FOUND`). */
export async function requireRecipients(tx: Tx, now: Date, list: Array<{ contactId: string }>, field: string) {
  for (const [i, r] of list.entries()) {
    if (!(await findContact(tx, now, r.contactId))) {
      throw notFound('RECIPIENT_NOT_FOUND', `${field}.${i}.contactId: contact ${r.contactId} not found`, {
        contactId: r.contactId,
        field: `${field}.${i}.contactId`,
      });
    }
  }
}

/** Checks a new link against the rules Wix documents, and answers its document. */
async function newLink(ctx: Ctx, tx: Tx, input: PaymentLinkInput): Promise<PaymentLink> {
  const strict = ctx.settings.strict;
  await requireSiteReady(tx);
  if (input.type === 'ECOM' && !input.ecomPaymentLink) {
    throw invalidArgument('paymentLink.ecomPaymentLink', 'is required for an ECOM payment link');
  }
  if (input.type === 'ECOM_ORDER' && !input.ecomOrderPaymentLink) {
    throw invalidArgument('paymentLink.ecomOrderPaymentLink', 'is required for an ECOM_ORDER payment link');
  }
  const other = input.type === 'ECOM' ? 'ecomOrderPaymentLink' : 'ecomPaymentLink';
  if (input[other]) throw invalidArgument(`paymentLink.${other}`, `must not be given for a ${input.type} payment link`);
  if (input.expirationDate && new Date(input.expirationDate) <= ctx.now) {
    throw invalidArgument('paymentLink.expirationDate', 'must be in the future');
  }
  // Strict: the link's currency must be the site's (the worst reading of "keep currency aligned").
  if (strict && input.currency !== SITE_CURRENCY) {
    throw invalidArgument('paymentLink.currency', `must be the site currency ${SITE_CURRENCY}`);
  }
  let paymentsLimit = input.paymentsLimit ?? null;
  if (input.type === 'ECOM_ORDER') {
    // Strict: the limit must be sent as 1; otherwise a missing one is read as 1.
    if ((paymentsLimit ?? (strict ? null : 1)) !== 1) {
      throw badRequest(
        'INVALID_PAYMENTS_LIMIT_FOR_ECOM_ORDER_PAYMENT_LINK',
        'paymentLink.paymentsLimit: must be 1 for an ECOM_ORDER payment link',
        { field: 'paymentLink.paymentsLimit', paymentsLimit },
      );
    }
    paymentsLimit = 1;
    const { orderId, amount } = input.ecomOrderPaymentLink as { orderId: string; amount: string };
    const order = await lockOrder(tx, orderId);
    if (!order) throw orderNotFound(orderId);
    if (order.paymentStatus !== 'NOT_PAID' && order.paymentStatus !== 'PARTIALLY_PAID') {
      throw failedPrecondition(
        'FAILED_PRECONDITION',
        `order ${orderId} is ${String(order.paymentStatus)}: only an unpaid order`,
        {
          orderId,
          paymentStatus: order.paymentStatus,
        },
      );
    }
    const balance = order.balanceSummary.balance.amount;
    if (new Big(amount).lte(0) || new Big(amount).gt(balance)) {
      throw invalidArgument(
        'paymentLink.ecomOrderPaymentLink.amount',
        `must be more than 0 and at most the order's balance ${balance}`,
      );
    }
    if (order.currency !== input.currency)
      throw invalidArgument('paymentLink.currency', `must be the order's currency ${String(order.currency)}`);
  } else {
    await resolveLines(tx, input.ecomPaymentLink?.lineItems ?? []);
  }
  if (input.recipients) await requireRecipients(tx, ctx.now, input.recipients, 'paymentLink.recipients');
  return JSON.parse(
    JSON.stringify({
      title: input.title,
      description: input.description ?? undefined,
      currency: input.currency,
      type: input.type,
      ecomPaymentLink: input.ecomPaymentLink ?? undefined,
      ecomOrderPaymentLink: input.ecomOrderPaymentLink ?? undefined,
      recipients: input.recipients ?? [],
      expirationDate: input.expirationDate ? new Date(input.expirationDate).toISOString() : undefined,
      paymentsLimit: paymentsLimit ?? undefined,
      status: 'ACTIVE',
      totalPayments: 0,
    } satisfies PaymentLink),
  );
}

/** Query and Search Payment Links: cursor paging, `{ paymentLinks, pagingMetadata }`. */
async function runQuery(ctx: Ctx, q: z.infer<typeof cursorQuery>, within: string, scope?: SQL) {
  const sort = queryable(q, within, RULES);
  return ctx.tx(async (tx) => {
    await settleExpired(tx, ctx.now);
    const page = await queryEntities(tx, paymentLinks, { ...q, sort }, scope, within);
    return { paymentLinks: page.docs.map((d) => presentLink(d, ctx.origin)), pagingMetadata: page.cursorMetadata };
  });
}

const linkCall = (name: string) => (ctx: Ctx) => requireManager(ctx, name);

/** Payment Links at Wix's paths: create, get, query, search, delete, activate, deactivate, send. */
export function paymentLinkRoutes(): Router {
  const r = new Router();

  r.post(BASE, async ({ body, ctx }) => {
    linkCall('createPaymentLink')(ctx);
    const { paymentLink } = z.object({ paymentLink: paymentLinkInput }).parse(body);
    return ctx.tx(async (tx) => {
      const doc = await newLink(ctx, tx, paymentLink);
      const created = await insertEntity(tx, paymentLinks, randomUUID(), doc, ctx.now);
      await emitEvent(tx, linkEvent('created', created, ctx.origin), ctx.now);
      return { paymentLink: presentLink(created, ctx.origin) };
    });
  });

  r.get(`${BASE}/:paymentLinkId`, async ({ params, ctx }) => {
    linkCall('getPaymentLink')(ctx);
    return ctx.tx(async (tx) => ({
      paymentLink: presentLink(await lockLink(tx, ctx.now, params.paymentLinkId ?? ''), ctx.origin),
    }));
  });

  r.post(`${BASE}/query`, async ({ body, ctx }) => {
    linkCall('queryPaymentLinks')(ctx);
    const { query } = z.object({ query: cursorQuery.nullish() }).parse(body);
    return runQuery(ctx, query ?? {}, 'query');
  });

  r.post(`${BASE}/search`, async ({ body, ctx }) => {
    linkCall('searchPaymentLinks')(ctx);
    const { search } = z
      .object({
        search: cursorQuery
          .extend({
            search: z
              .object({ expression: z.string().max(100).nullish(), fields: z.array(z.string()).nullish() })
              .nullish(),
          })
          .nullish(),
      })
      .parse(body);
    const { search: text, ...q } = search ?? {};
    const expression = text?.expression?.trim();
    const pattern = expression ? `%${expression.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const scope = pattern
      ? sql`((${paymentLinks.data} ->> 'title') ilike ${pattern} or (${paymentLinks.data} ->> 'description') ilike ${pattern})`
      : undefined;
    return runQuery(ctx, q, 'search', scope);
  });

  r.delete(`${BASE}/:paymentLinkId`, async ({ params, ctx }) => {
    linkCall('deletePaymentLink')(ctx);
    return ctx.tx(async (tx) => {
      const link = await lockLink(tx, ctx.now, params.paymentLinkId ?? '');
      const [paid] = await tx
        .select({ id: paymentLinkPayments.id })
        .from(paymentLinkPayments)
        .where(sql`(${paymentLinkPayments.data} ->> 'paymentLinkId') = ${String(link.id)}`)
        .limit(1);
      if (paid || Number(link.totalPayments ?? 0) > 0) {
        throw failedPrecondition(
          'FAILED_PRECONDITION',
          'a payment link with payments cannot be deleted: deactivate it instead',
          {
            id: link.id,
            totalPayments: link.totalPayments,
          },
        );
      }
      await tx.delete(paymentLinks).where(eq(paymentLinks.id, String(link.id)));
      await emitEvent(tx, linkEvent('deleted', link, ctx.origin), ctx.now);
      return {};
    });
  });

  for (const [action, from, to] of [
    ['activate', 'INACTIVE', 'ACTIVE'],
    ['deactivate', 'ACTIVE', 'INACTIVE'],
  ] as const) {
    r.post(`${BASE}/:paymentLinkId/${action}`, async ({ params, ctx }) => {
      linkCall(`${action}PaymentLink`)(ctx);
      return ctx.tx(async (tx) => {
        const link = await lockLink(tx, ctx.now, params.paymentLinkId ?? '');
        // Strict: activating an active link (deactivating an inactive one) is refused, not a harmless 200.
        if (link.status === to && !ctx.settings.strict) return { paymentLink: presentLink(link, ctx.origin) };
        if (link.status !== from) {
          throw failedPrecondition(
            'FAILED_PRECONDITION',
            `a ${String(link.status)} payment link cannot be ${action}d`,
            {
              id: link.id,
              status: link.status,
            },
          );
        }
        const saved = await saveEntity(tx, paymentLinks, link, { ...link, status: to }, ctx.now);
        await emitEvent(tx, linkEvent(`${action}d`, saved, ctx.origin), ctx.now);
        return { paymentLink: presentLink(saved, ctx.origin) };
      });
    });
  }

  r.post(`${BASE}/:paymentLinkId/send`, async ({ params, body, ctx }) => {
    linkCall('sendPaymentLink')(ctx);
    const request = z
      .object({ paymentLinkId: z.string().nullish(), recipients: recipientsSchema.nullish() })
      .parse(body);
    const id = params.paymentLinkId ?? '';
    if (request.paymentLinkId && request.paymentLinkId !== id) {
      throw invalidArgument('paymentLinkId', 'does not match the payment link id in the path');
    }
    return ctx.tx(async (tx) => {
      const link = await lockLink(tx, ctx.now, id);
      await requireSiteReady(tx);
      const list = request.recipients?.length
        ? request.recipients
        : ((link.recipients as Array<{ contactId: string; sendMethods: string[] }>) ?? []);
      if (list.length === 0) throw invalidArgument('recipients', 'is required: the payment link has no recipients');
      if (link.status !== 'ACTIVE') {
        throw failedPrecondition('FAILED_PRECONDITION', `a ${String(link.status)} payment link cannot be sent`, {
          id,
          status: link.status,
        });
      }
      await requireRecipients(tx, ctx.now, list, request.recipients?.length ? 'recipients' : 'paymentLink.recipients');
      await sendLink(tx, ctx, link, list);
      return {};
    });
  });

  return r;
}
