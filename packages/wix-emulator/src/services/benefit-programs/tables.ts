import type {
  balances as balancesSdk,
  items as itemsSdk,
  poolDefinitions as poolDefinitionsSdk,
  pools as poolsSdk,
  programDefinitions as programDefinitionsSdk,
  programs as programsSdk,
  transactions as transactionsSdk,
} from '@wix/benefit-programs';
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { entityColumns, instant, requiredTexts, type Stored } from '../../storage/columns.ts';
import { indexFields } from '../../storage/query.ts';

/** The stored documents: Wix's entities as the SDK typings declare them, in their REST form. */
export type ProgramDefinition = Stored<programDefinitionsSdk.ProgramDefinition>;
export type PoolDefinition = Stored<poolDefinitionsSdk.PoolDefinition>;
export type Item = Stored<itemsSdk.Item>;
export type Program = Stored<programsSdk.Program>;
export type Pool = Stored<poolsSdk.Pool>;
export type Balance = Stored<balancesSdk.Balance>;
export type Transaction = Stored<transactionsSdk.Transaction>;
export type Benefit = NonNullable<NonNullable<PoolDefinition['details']>['benefits']>[number];
export type Beneficiary = NonNullable<Pool['beneficiary']>;

/** What settling a strict-mode job needs (`bp_jobs.data`): the status to end in, the credits to grant, the renewal. */
export interface JobData {
  finalStatus?: 'ACTIVE' | 'PAUSED' | 'ENDED';
  grants?: Array<{ poolId: string; amount: string }>;
  key?: string;
  /** The statuses the pools had before the job marked them. */
  poolStatuses?: Record<string, Pool['status']>;
}

export const programDefinitions = pgTable(
  'bp_program_definitions',
  { ...entityColumns<ProgramDefinition>(), namespace: text('namespace').notNull(), externalId: text('external_id') },
  (t) => [
    uniqueIndex('bp_program_definitions_external_id').on(t.namespace, t.externalId).where(sql`external_id is not null`),
  ],
);

export const poolDefinitions = pgTable(
  'bp_pool_definitions',
  { ...entityColumns<PoolDefinition>(), namespace: text('namespace').notNull() },
  (t) => [index('bp_pool_definitions_namespace').on(t.namespace)],
);

/** Benefit items: an external item (e.g. a Stores product) placed in an item set. */
export const items = pgTable(
  'bp_items',
  {
    ...entityColumns<Item>(),
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
  { ...entityColumns<Program>(), namespace: text('namespace').notNull(), externalId: text('external_id') },
  (t) => [uniqueIndex('bp_programs_external_id').on(t.namespace, t.externalId).where(sql`external_id is not null`)],
);

/**
 * Pools. `member_id` is generated from the document (`beneficiary.memberId`): a member's pools are found through its
 * index (every visit and widget load asks), and the sweep pages through pools in `id` order on `bp_pools_id`.
 */
export const pools = indexFields(
  pgTable(
    'bp_pools',
    {
      ...entityColumns<Pool>(),
      namespace: text('namespace').notNull(),
      programId: text('program_id').notNull(),
      memberId: text('member_id').generatedAlwaysAs(sql`data #>> '{beneficiary,memberId}'`),
    },
    (t) => [
      index('bp_pools_program').on(t.programId),
      index('bp_pools_member').on(t.memberId),
      index('bp_pools_id').on(sql`${t.id} collate "C"`),
    ],
  ),
  (t) => ({ id: t.id, namespace: t.namespace, programId: t.programId, 'beneficiary.memberId': t.memberId }),
);

/** One balance per pool (same id); `data.amount.available` is the source the ledger must sum to. */
export const balances = indexFields(pgTable('bp_balances', { ...entityColumns<Balance>() }), (t) => ({ id: t.id }));

export const transactions = indexFields(
  pgTable(
    'bp_transactions',
    {
      ...entityColumns<Transaction>(),
      poolId: text('pool_id').notNull(),
    },
    (t) => [index('bp_transactions_pool').on(t.poolId, t.seq)],
  ),
  (t) => ({ id: t.id, 'pool.id': t.poolId }),
);

/**
 * Strict mode's jobs: provision, renew, end, pause and resume answer a `jobId` and leave the program and its pools in
 * their transient statuses for `transientMs` from `startedAt` (wall-clock time; the setting as it is when read, so a
 * test may shorten or lengthen jobs under way); the first request after that settles the job (the credits arrive,
 * the renewal is computed, the final status is set). `data` holds what settling needs.
 */
export const jobs = pgTable(
  'bp_jobs',
  {
    id: text('id').primaryKey(),
    ...requiredTexts('programId', 'kind'),
    data: jsonb('data').$type<JobData>().notNull(),
    startedAt: instant('started_at').notNull(),
    settled: boolean('settled').notNull().default(false),
  },
  (t) => [index('bp_jobs_unsettled').on(t.settled, t.startedAt), index('bp_jobs_program').on(t.programId)],
);
