import { integer, jsonb, pgTable } from 'drizzle-orm/pg-core';
import type { Doc } from '../../storage/columns.ts';

/**
 * Site properties set through `POST /_emulator/v1/site-properties`, over the emulator's defaults (one row, id 1).
 * The time zone is not kept here: it is the site setting `timeZone`.
 */
export const sitePropertyOverrides = pgTable('site_properties', {
  id: integer('id').primaryKey(),
  properties: jsonb('properties').$type<Doc>().notNull(),
  /** Grows with every change: the `version` Get Site Properties answers. */
  version: integer('version').notNull(),
});
