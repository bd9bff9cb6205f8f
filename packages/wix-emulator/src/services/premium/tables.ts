import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { type Doc, entityColumns } from '../../storage/columns.ts';

/**
 * The premium catalog of every app, one table for all its entity kinds (product types, families, features, products,
 * display attributes, translatable content). `app_id` is the app that created it; `unique_key` is what must be unique
 * per app and kind (a type's name, a feature's `uniqueName`, a product's `vendorProductId`, ...), so a rerun of a
 * setup cannot duplicate even when two run at once: the database refuses the second.
 */
/** A stored premium entity: each kind's fields are its zod schema's (catalog.ts, display.ts), with the bookkeeping. */
export type PremiumEntity = typeof premiumEntities.$inferSelect.data;

export const premiumEntities = pgTable(
  'premium_entities',
  {
    ...entityColumns(),
    kind: text('kind').notNull(),
    appId: text('app_id').notNull(),
    uniqueKey: text('unique_key').notNull(),
  },
  (t) => [
    uniqueIndex('premium_entities_unique_key').on(t.kind, t.appId, t.uniqueKey),
    index('premium_entities_kind').on(t.kind, t.appId),
  ],
);

/** Order pages made by Create Order Page: the product, cycle and currency chosen, and whether it was paid. */
export const premiumOrderSessions = pgTable('premium_order_sessions', { ...entityColumns() });

/** What Get App Instance answers for each app on the emulated site: free, or its billing. */
export const appInstances = pgTable('app_instances', {
  appId: text('app_id').primaryKey(),
  data: jsonb('data').$type<Doc>().notNull(),
});

/** The offering's tax settings (one row, id 1), set through the emulator API. */
export const premiumOfferingSettings = pgTable('premium_offering_settings', {
  id: integer('id').primaryKey(),
  data: jsonb('data').$type<Doc>().notNull(),
});
