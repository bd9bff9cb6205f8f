import { bigint, integer, jsonb, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core';
import { type Doc, instant, requiredTexts } from '../storage/columns.ts';

/** Tokens handed out by POST /_emulator/v1/tokens, each bound to one identity. */
export const tokens = pgTable('emu_tokens', {
  token: text('token').primaryKey(),
  identity: jsonb('identity').$type<Doc>().notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** The emulator clock: wall-clock time shifted by `offsetMs`, or stopped at `frozenAt`. One row, id 1. */
export const clock = pgTable('emu_clock', {
  id: integer('id').primaryKey(),
  offsetMs: bigint('offset_ms', { mode: 'number' }).notNull().default(0),
  frozenAt: instant('frozen_at'),
});

/** Settings of the emulated site (time zone, Stores catalog version, ...), a JSON value per key. */
export const siteSettings = pgTable('emu_site_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
});

/**
 * Idempotency records: the first answer to a request made with a given key.
 * `scope` is the method (e.g. `balances.changeBalance`); `requestHash` tells a retry from a different request.
 */
export const idempotency = pgTable(
  'emu_idempotency',
  {
    ...requiredTexts('scope', 'key', 'requestHash'),
    response: jsonb('response').$type<Doc>().notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Apps registered for webhooks, with the key pair their events are signed with. */
export const apps = pgTable('emu_apps', {
  appId: text('app_id').primaryKey(),
  webhookUrl: text('webhook_url').notNull(),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/**
 * The webhook outbox: an event is written here in the same transaction as the change that caused it,
 * then delivered at least once, retried with backoff until the app answers 200.
 */
export const webhookDeliveries = pgTable('emu_webhook_deliveries', {
  id: serial('id').primaryKey(),
  appId: text('app_id').notNull(),
  eventType: text('event_type').notNull(),
  entityId: text('entity_id'),
  payload: jsonb('payload').$type<Doc>().notNull(),
  status: text('status').notNull().default('PENDING'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
  lastError: text('last_error'),
  deliveredAt: instant('delivered_at'),
  createdAt: instant('created_at').notNull().defaultNow(),
});
