import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { entityColumns } from '../../storage/columns.ts';

export const programDefinitions = pgTable(
  'bp_program_definitions',
  { ...entityColumns(), namespace: text('namespace').notNull(), externalId: text('external_id') },
  (t) => [
    uniqueIndex('bp_program_definitions_external_id').on(t.namespace, t.externalId).where(sql`external_id is not null`),
  ],
);

export const poolDefinitions = pgTable(
  'bp_pool_definitions',
  { ...entityColumns(), namespace: text('namespace').notNull() },
  (t) => [index('bp_pool_definitions_namespace').on(t.namespace)],
);

/** Benefit items: an external item (e.g. a Stores product) placed in an item set. */
export const items = pgTable(
  'bp_items',
  {
    ...entityColumns(),
    namespace: text('namespace').notNull(),
    itemSetId: text('item_set_id').notNull(),
    externalId: text('external_id').notNull(),
    providerAppId: text('provider_app_id').notNull(),
  },
  (t) => [
    uniqueIndex('bp_items_in_set').on(t.namespace, t.itemSetId, t.providerAppId, t.externalId),
    index('bp_items_external').on(t.externalId, t.providerAppId),
  ],
);

export const programs = pgTable(
  'bp_programs',
  { ...entityColumns(), namespace: text('namespace').notNull(), externalId: text('external_id') },
  (t) => [uniqueIndex('bp_programs_external_id').on(t.namespace, t.externalId).where(sql`external_id is not null`)],
);

export const pools = pgTable(
  'bp_pools',
  {
    ...entityColumns(),
    namespace: text('namespace').notNull(),
    programId: text('program_id').notNull(),
  },
  (t) => [index('bp_pools_program').on(t.programId)],
);

/** One balance per pool (same id); `data.amount.available` is the source the ledger must sum to. */
export const balances = pgTable('bp_balances', { ...entityColumns() });

export const transactions = pgTable(
  'bp_transactions',
  {
    ...entityColumns(),
    poolId: text('pool_id').notNull(),
  },
  (t) => [index('bp_transactions_pool').on(t.poolId, t.seq)],
);
