import { pgTable } from 'drizzle-orm/pg-core';
import { entityColumns } from '../../storage/columns.ts';

/** Catalog V3 products. */
export const products = pgTable('stores_products', { ...entityColumns() });
