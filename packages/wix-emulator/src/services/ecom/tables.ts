import { pgTable } from 'drizzle-orm/pg-core';
import { entityColumns } from '../../storage/columns.ts';

/** eCommerce orders (`/ecom/v1/orders`). */
export const orders = pgTable('ecom_orders', { ...entityColumns() });
