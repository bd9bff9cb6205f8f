import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { entityNotFound } from '../../http/errors.ts';
import { cursorQuery, queryable } from '../../http/query-rules.ts';
import { Router, requireManager } from '../../http/router.ts';
import { emitEvent } from '../../platform/events.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { findEntity, insertEntity, saveEntity } from '../../storage/entities.ts';
import { queryEntities } from '../../storage/query.ts';
import { SITE_CURRENCY } from '../stores/product-input.ts';
import { decimal, type OrderInput, orderDocument, paidOrder } from './order-document.ts';
import { type Order, orders } from './tables.ts';

const BASE = '/ecom/v1/orders';
const RULES = {
  filterable: new Set([
    'id',
    'number',
    'createdDate',
    'updatedDate',
    'paymentStatus',
    'fulfillmentStatus',
    'status',
    'archived',
    'buyerInfo.contactId',
    'buyerInfo.email',
    'currency',
  ]),
  sortable: new Set(['createdDate', 'updatedDate', 'number', 'paymentStatus']),
};

export const orderNotFound = (id: string) => entityNotFound('ORDER_NOT_FOUND', 'order', id);

const orderEvent = (eventType: string, order: Doc, action?: Doc) => ({
  eventType: `wix.ecom.v1.${eventType}`,
  entityFqdn: 'wix.ecom.v1.order',
  slug: eventType.replace(/^order_/, ''),
  entityId: String(order.id),
  ...(action ? { kind: 'action' as const, actionEvent: action } : { kind: 'created' as const, entity: order }),
});

/** Creates an approved, unpaid order (events `order_created`, `order_approved`). */
export async function createOrder(tx: Tx, input: OrderInput, now: Date): Promise<Order> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ecom.v1.orders'))`);
  const [row] = (await tx.select({ n: sql<number>`count(*)::int` }).from(orders)) as Array<{ n: number }>;
  const order = await insertEntity(tx, orders, randomUUID(), orderDocument(input, String(10001 + (row?.n ?? 0))), now);
  await emitEvent(tx, orderEvent('order_created', order), now);
  await emitEvent(tx, orderEvent('order_approved', order, { order }), now);
  return order;
}

/** The order, locked for the rest of the transaction. */
export async function lockOrder(tx: Tx, id: string): Promise<Order | undefined> {
  return findEntity(tx, orders, id, true);
}

/** Records a payment of `amount` on a locked order (event `order_payment_status_updated`). */
export async function payOrder(tx: Tx, current: Order, amount: string, now: Date): Promise<Order> {
  const saved = await saveEntity(tx, orders, current, paidOrder(current, amount), now);
  await emitEvent(
    tx,
    orderEvent('order_payment_status_updated', saved, { order: saved, previousPaymentStatus: current.paymentStatus }),
    now,
  );
  return saved;
}

const searchRequest = z.object({ search: cursorQuery.nullish() });

/** The emulator's control for tests: an approved, unpaid order to pay with an `ECOM_ORDER` payment link. */
const orderControl = z
  .object({
    lineItems: z
      .array(
        z.object({
          name: z.string().min(1, 'is required').max(200),
          quantity: z.number().int('must be a whole number').min(1).max(100000),
          price: decimal,
        }),
      )
      .min(1, 'at least one line item'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code')
      .optional(),
    buyerInfo: z.object({ email: z.email().optional(), contactId: z.string().optional() }).strict().optional(),
  })
  .strict();

/** eCommerce orders (Get Order, Search Orders) and the control to create an unpaid one. */
export function orderRoutes(): Router {
  const r = new Router();

  r.get(`${BASE}/:id`, async ({ params, ctx }) => {
    requireManager(ctx, 'getOrder');
    const id = params.id ?? '';
    const order = await findEntity(ctx.db, orders, id);
    if (!order) throw orderNotFound(id);
    return { order };
  });

  r.post(`${BASE}/search`, async ({ body, ctx }) => {
    requireManager(ctx, 'searchOrders');
    const { search } = searchRequest.parse(body);
    const q = search ?? {};
    const sort = queryable(q, 'search', RULES);
    const page = await queryEntities(ctx.db, orders, { ...q, sort }, undefined, 'search');
    return { orders: page.docs, metadata: page.cursorMetadata };
  });

  r.post('/_emulator/v1/ecom/orders', async ({ body, ctx }) => {
    const input = orderControl.parse(body);
    const order = await ctx.tx((tx) =>
      createOrder(
        tx,
        {
          lines: input.lineItems.map((l) => ({ name: l.name, quantity: l.quantity, price: l.price })),
          currency: input.currency ?? SITE_CURRENCY,
          ...(input.buyerInfo ? { buyer: input.buyerInfo } : {}),
        },
        ctx.now,
      ),
    );
    return { order };
  });

  return r;
}
