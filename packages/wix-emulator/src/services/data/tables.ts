import { bigserial, boolean, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { type Doc, instant } from '../../storage/columns.ts';

/**
 * The site's Wix Data collections the emulator knows of: created by the first write into them (an app-owned
 * collection exists once the app is installed) or declared through `POST /_emulator/v1/data/collections`.
 */
export const dataCollections = pgTable('data_collections', {
  id: text('id').primaryKey(),
  /** `IMPLICIT` (first write), `DECLARED` (emulator API) or `CREATED` (the Data Collections API). */
  origin: text('origin').notNull(),
  /** What Create Data Collection was sent (displayName, fields, permissions, ...); null for the other origins. */
  definition: jsonb('definition').$type<Doc>(),
  createdAt: instant('created_at').notNull(),
});

/**
 * Wix Data items. `item` is the item as Wix answers it (`_id`, `_owner`, dates as `{ $date }`); `queryable` is the same
 * item with dates as ISO strings, the form filters and sorts run on. An item id is unique within its collection.
 *
 * Strict mode's lagging reads (README, "Strict mode", d): `visibleAt` is the wall-clock time from which reads without
 * `consistentRead` see the row's last write (the write's time plus `dataLagMs` as set then); until then they see
 * `previous` / `previousQueryable`, the version they saw just before that write (null: no item). `removed` marks an
 * item removed in strict mode, kept as a tombstone while its removal lags. Writes see only the latest version.
 */
export const dataItems = pgTable(
  'data_items',
  {
    collectionId: text('collection_id').notNull(),
    itemId: text('item_id').notNull(),
    item: jsonb('item').$type<Doc>().notNull(),
    queryable: jsonb('queryable').$type<Doc>().notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    /** Insertion order: breaks ties between items created in the same instant. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** Null for rows written before the column existed: visible to every read. */
    visibleAt: instant('visible_at'),
    previous: jsonb('previous').$type<Doc>(),
    previousQueryable: jsonb('previous_queryable').$type<Doc>(),
    removed: boolean('removed').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.collectionId, t.itemId] }),
    index('data_items_by_creation').on(t.collectionId, t.createdAt, t.seq),
  ],
);
