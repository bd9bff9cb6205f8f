import { pgTable } from 'drizzle-orm/pg-core';
import { type Bookkeeping, entityColumns } from '../../storage/columns.ts';
import type { orderDocument } from './order-document.ts';

/** A stored order: what order-document.ts writes (the fields of Wix's `Order` the emulator keeps). */
export type Order = Bookkeeping & ReturnType<typeof orderDocument>;

/** eCommerce orders (`/ecom/v1/orders`). */
export const orders = pgTable('ecom_orders', { ...entityColumns<Order>() });
