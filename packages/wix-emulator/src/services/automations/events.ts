import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalidArgument, permissionDenied } from '../../http/errors.ts';
import { type Ctx, Router, requireCaller } from '../../http/router.ts';
import type { Doc } from '../../storage/columns.ts';
import { automationEvents } from './tables.ts';

/** Wix keeps an idempotency key a week unless the report says otherwise (`Idempotency.key`'s JSDoc). */
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** `ReportEventOptions.payload`: key names are letters, digits and underscores, not starting with an underscore. */
const PAYLOAD_KEY = /^[A-Za-z0-9][A-Za-z0-9_]*$/;

const isScalar = (v: unknown) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * The payload rules the typings state in words (`ReportEventOptions.payload`): values are strings, numbers,
 * booleans or arrays of objects whose properties are strings, numbers or booleans. Anything else is refused,
 * naming the key (the reading: Wix lists what a value can be; null and nested objects are not on the list).
 */
function checkPayload(payload: unknown): Doc {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'object' || Array.isArray(payload)) throw invalidArgument('payload', 'must be an object');
  for (const [key, value] of Object.entries(payload as Doc)) {
    const field = `payload.${key}`;
    if (!PAYLOAD_KEY.test(key)) {
      throw invalidArgument(field, 'key names are letters, digits and underscores, not starting with an underscore');
    }
    if (isScalar(value)) continue;
    if (!Array.isArray(value)) throw invalidArgument(field, 'must be a string, number, boolean or array of objects');
    value.forEach((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        throw invalidArgument(`${field}.${i}`, 'array items must be objects');
      }
      for (const [k, v] of Object.entries(item as Doc)) {
        if (!isScalar(v)) throw invalidArgument(`${field}.${i}.${k}`, 'must be a string, number or boolean');
      }
    });
  }
  return payload as Doc;
}

/** `ttlInMilliseconds` is an int64, which the SDK sends as a decimal string (`@min 1`). */
function ttlOf(raw: unknown): number {
  if (raw === undefined || raw === null) return WEEK_MS;
  const text = String(raw);
  if (!/^[0-9]+$/.test(text) || Number(text) < 1) {
    throw invalidArgument('idempotency.ttlInMilliseconds', 'must be a whole number of milliseconds, at least 1');
  }
  return Number(text);
}

/** `@applicableIdentity APP`: only an app reports or cancels its triggers' events, and Wix scopes them by its id. */
function requireApp(ctx: Ctx, method: string): string {
  const identity = requireCaller(ctx);
  if (identity.type !== 'APP') {
    throw permissionDenied(`${method} needs an app identity; a ${identity.type.toLowerCase()} may not call it`);
  }
  if (!identity.appId) throw permissionDenied(`${method} needs an app identity naming its appId`);
  return identity.appId;
}

const reportRequest = z.object({
  triggerKey: z.string(),
  payload: z.unknown().optional(),
  externalEntityId: z.string().nullish(),
  idempotency: z.object({ key: z.string().optional(), ttlInMilliseconds: z.unknown().optional() }).nullish(),
});

const cancelRequest = z.object({ triggerKey: z.string(), externalEntityId: z.string() });

const adminQuery = z.object({
  triggerKey: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Wix Automations' Triggered Events (`@wix/automations` `activations`): what apps report, recorded. */
export function automationEventRoutes(): Router {
  const r = new Router();

  r.post('/automations/v1/events/report', async ({ body, ctx }) => {
    const appId = requireApp(ctx, 'Report Event');
    const request = reportRequest.parse(body);
    const payload = checkPayload(request.payload);
    const key = request.idempotency?.key || null;
    const ttl = ttlOf(request.idempotency?.ttlInMilliseconds);
    await ctx.tx(async (tx) => {
      if (key) {
        const lock = `automations\u001f${appId}\u001f${request.triggerKey}\u001f${key}`;
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lock}, 0))`);
        const [seen] = await tx
          .select({ id: automationEvents.id })
          .from(automationEvents)
          .where(
            and(
              eq(automationEvents.appId, appId),
              eq(automationEvents.triggerKey, request.triggerKey),
              eq(automationEvents.idempotencyKey, key),
              gt(automationEvents.idempotencyExpiresAt, ctx.now),
            ),
          );
        // "consecutive requests will be ignored after the first one": answered as the first, recorded once.
        if (seen) return;
      }
      await tx.insert(automationEvents).values({
        id: randomUUID(),
        appId,
        triggerKey: request.triggerKey,
        payload,
        externalEntityId: request.externalEntityId ?? null,
        idempotencyKey: key,
        idempotencyExpiresAt: key ? new Date(ctx.now.getTime() + ttl) : null,
        reportedAt: ctx.now,
      });
    });
    // The emulated site has no automations of its own, so no activation starts (see the README).
    return { activationIds: [] };
  });

  r.post('/automations/v1/events/cancel', async ({ body, ctx }) => {
    const appId = requireApp(ctx, 'Cancel Event');
    const request = cancelRequest.parse(body);
    await ctx.tx((tx) =>
      tx
        .update(automationEvents)
        .set({ canceledAt: ctx.now })
        .where(
          and(
            eq(automationEvents.appId, appId),
            eq(automationEvents.triggerKey, request.triggerKey),
            eq(automationEvents.externalEntityId, request.externalEntityId),
            sql`${automationEvents.canceledAt} is null`,
          ),
        ),
    );
    return {};
  });

  // ---- the emulator's own API ----

  r.get('/_emulator/v1/automations/events', async ({ body, ctx }) => {
    const query = adminQuery.parse(body);
    const rows = await ctx.db
      .select()
      .from(automationEvents)
      .where(query.triggerKey ? eq(automationEvents.triggerKey, query.triggerKey) : undefined)
      .orderBy(desc(automationEvents.reportedAt), desc(automationEvents.id))
      .limit(query.limit ?? 100);
    // Dates as Wix writes them (ISO strings), the rest of the row as stored.
    const events = rows.map(({ reportedAt, canceledAt, idempotencyExpiresAt: _, ...row }) =>
      Object.assign(row, { reportedDate: reportedAt.toISOString(), canceledDate: canceledAt?.toISOString() ?? null }),
    );
    return { events };
  });

  return r;
}
