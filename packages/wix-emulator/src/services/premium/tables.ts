import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Bookkeeping, entityColumns } from '../../storage/columns.ts';
import type { Plan } from './app-instances.ts';
import type { feature, product, productFamily, productType } from './catalog.ts';
import type { PaymentCycle } from './common.ts';
import type { displayAttributes, translatableContent } from './display.ts';
import type { TaxSettings } from './offering.ts';

/** Each kind of premium catalog entity (`premium_entities.kind`) and its fields: its zod schema's (catalog.ts, display.ts). */
export type PremiumKinds = {
  PRODUCT_TYPE: z.infer<typeof productType>;
  PRODUCT_FAMILY: z.infer<typeof productFamily>;
  FEATURE: z.infer<typeof feature>;
  PRODUCT: z.infer<typeof product>;
  DISPLAY_ATTRIBUTES: z.infer<typeof displayAttributes>;
  TRANSLATABLE_CONTENT: z.infer<typeof translatableContent>;
};

/** The kinds of premium catalog entities, as `premium_entities.kind`. */
export type Kind = keyof PremiumKinds;

/**
 * The premium catalog of every app, one table for all its entity kinds (product types, families, features, products,
 * display attributes, translatable content). `app_id` is the app that created it; `unique_key` is what must be unique
 * per app and kind (a type's name, a feature's `uniqueName`, a product's `vendorProductId`, ...), so a rerun of a
 * setup cannot duplicate even when two run at once: the database refuses the second.
 */
/** A stored premium entity of kind `K` (any kind: the union of them), with the bookkeeping. */
export type PremiumEntity<K extends Kind = Kind> = PremiumKinds[K] & Bookkeeping;

export const premiumEntities = pgTable(
  'premium_entities',
  {
    ...entityColumns<PremiumKinds[Kind]>(),
    kind: text('kind').$type<Kind>().notNull(),
    appId: text('app_id').notNull(),
    uniqueKey: text('unique_key').notNull(),
  },
  (t) => [
    uniqueIndex('premium_entities_unique_key').on(t.kind, t.appId, t.uniqueKey),
    index('premium_entities_kind').on(t.kind, t.appId),
  ],
);

/** Order pages made by Create Order Page: the product, cycle and currency chosen, and whether it was paid. */
/** A price with its tax, as the offering and an order page show it (`withTax` in offering.ts). */
export type PriceWithTax = {
  currency: string;
  cycle: string;
  amount: string;
  tax: { name: string; rate: string; included: boolean; amount: string };
  total: string;
};

/** An order page's session (offering.ts creates it, order-page.ts pays it): the plan bought, its price, its state. */
export type OrderSession = PriceWithTax & {
  productId: string;
  appId: string;
  vendorProductId: string;
  productName: string;
  cycle: PaymentCycle;
  successUrl: string | null;
  userId: string;
  /** OPEN until paid; HELD is only answered (the site already had the plan), never stored. */
  status: 'OPEN' | 'PAID' | 'HELD';
  paidDate?: string;
};

export const premiumOrderSessions = pgTable('premium_order_sessions', { ...entityColumns<OrderSession>() });

/** What Get App Instance answers for each app on the emulated site: free, or its billing. */
export const appInstances = pgTable('app_instances', {
  appId: text('app_id').primaryKey(),
  data: jsonb('data').$type<{ plan: Plan | null }>().notNull(),
});

/** The offering's tax settings (one row, id 1), set through the emulator API. */
export const premiumOfferingSettings = pgTable('premium_offering_settings', {
  id: integer('id').primaryKey(),
  data: jsonb('data').$type<TaxSettings>().notNull(),
});
