import { bigint, bigserial, jsonb, text, timestamp } from 'drizzle-orm/pg-core';

/** A JSON document as the REST API shows it (`id`, `createdDate`, ISO dates, decimal strings). */
export type Doc = Record<string, unknown>;

/**
 * The columns every stored Wix entity has: its id, its REST document, its revision and its dates.
 * Queries run over `data` (see query.ts), so every field Wix lets you filter on is filterable.
 */
export const entityColumns = () => ({
  id: text('id').primaryKey(),
  data: jsonb('data').$type<Doc>().notNull(),
  revision: bigint('revision', { mode: 'number' }).notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** Insertion order: breaks ties between entities created in the same request (they share `createdDate`). */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
});
