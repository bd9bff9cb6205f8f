import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { type Doc, instant } from '../../storage/columns.ts';

/**
 * The events apps reported to Wix Automations (`@wix/automations` `activations.reportEvent`), one row per event
 * recorded: a report whose idempotency key was already used (same app, same trigger key, key not yet expired) is not
 * recorded again.
 */
export const automationEvents = pgTable(
  'automation_events',
  {
    id: text('id').primaryKey(),
    appId: text('app_id').notNull(),
    triggerKey: text('trigger_key').notNull(),
    payload: jsonb('payload').$type<Doc>().notNull(),
    externalEntityId: text('external_entity_id'),
    idempotencyKey: text('idempotency_key'),
    /** When the idempotency key stops counting: the report's time plus `ttlInMilliseconds` (a week by default). */
    idempotencyExpiresAt: instant('idempotency_expires_at'),
    reportedAt: instant('reported_at').notNull(),
    /** Set by Cancel Event (same app, trigger key and external entity id). */
    canceledAt: instant('canceled_at'),
  },
  (t) => [
    index('automation_events_key').on(t.appId, t.triggerKey, t.idempotencyKey),
    index('automation_events_reported').on(t.reportedAt),
  ],
);

export type AutomationEvent = typeof automationEvents.$inferSelect;
