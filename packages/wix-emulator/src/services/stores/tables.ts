import type { productsV3 } from '@wix/stores';
import { pgTable } from 'drizzle-orm/pg-core';
import { entityColumns, type Stored } from '../../storage/columns.ts';

/** A stored Catalog V3 product: the SDK's `V3Product` in its REST form. */
export type Product = Stored<productsV3.V3Product>;
export type ProductOption = NonNullable<Product['options']>[number];
export type Variant = NonNullable<NonNullable<Product['variantsInfo']>['variants']>[number];

/** Catalog V3 products. */
export const products = pgTable('stores_products', { ...entityColumns<Product>() });
