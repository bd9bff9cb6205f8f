import { generateKeyPairSync } from 'node:crypto';
import { getTableName, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { RequestLog } from '../http/app.ts';
import { Router } from '../http/router.ts';
import type { Db } from '../storage/db.ts';
import * as schema from '../storage/schema.ts';
import { announceClockChange, type ClockCache, clockState, moveClock } from './clock.ts';
import { identitySchema, issueToken, type TokenResolver } from './identity.ts';
import type { EmulatorSettings } from './settings.ts';
import { getSiteSettings, setSiteSetting, siteSettingsSchema } from './site.ts';
import { apps } from './tables.ts';

const clockChange = z
  .object({
    set: z.iso.datetime({ offset: true }).optional(),
    advanceMs: z.number().int().optional(),
    freeze: z.boolean().optional(),
  })
  .strict()
  .refine((c) => !(c.set && c.advanceMs !== undefined), {
    message: 'give either set or advanceMs, not both',
    path: ['set'],
  });

const appRegistration = z.object({
  appId: z.string().min(1),
  webhookUrl: z.url(),
});

/**
 * The emulator's own API under /_emulator/v1: identities, the clock, apps for webhooks, site settings,
 * the request log and reset. It has no Wix counterpart and needs no token.
 */
export function adminRoutes(deps: {
  db: Db;
  tokens: TokenResolver;
  log: RequestLog;
  settings: EmulatorSettings;
  onReset: () => void;
  /** The clock as the HTTP layer last read it: forgotten when the clock moves. */
  clock?: ClockCache;
}): Router {
  const r = new Router();

  // Strict mode and its tunables (README, "Strict mode"): `strict` is chosen at start, the tunables may change.
  r.get('/_emulator/v1/settings', async () => deps.settings.snapshot());
  r.post('/_emulator/v1/settings', async ({ body }) => deps.settings.update(body));

  r.post('/_emulator/v1/tokens', async ({ body, ctx }) => {
    const { identity } = z.object({ identity: identitySchema }).parse(body);
    return ctx.tx((tx) => issueToken(tx, identity));
  });

  const clockAnswer = ({ now, frozen }: { now: Date; frozen: boolean }) => ({ now: now.toISOString(), frozen });
  r.get('/_emulator/v1/clock', async ({ ctx }) => clockAnswer(await clockState(ctx.db)));
  r.post('/_emulator/v1/clock', async ({ body, ctx }) => {
    const change = clockChange.parse(body);
    const moved = await ctx.tx((tx) =>
      moveClock(tx, {
        ...(change.set ? { set: new Date(change.set) } : {}),
        ...(change.advanceMs !== undefined ? { advanceMs: change.advanceMs } : {}),
        ...(change.freeze !== undefined ? { freeze: change.freeze } : {}),
      }),
    );
    deps.clock?.forget();
    return clockAnswer(moved);
  });

  r.post('/_emulator/v1/apps', async ({ body, ctx }) => {
    const { appId, webhookUrl } = appRegistration.parse(body);
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    await ctx.tx((tx) =>
      tx
        .insert(apps)
        .values({ appId, webhookUrl, publicKey, privateKey })
        .onConflictDoUpdate({ target: apps.appId, set: { webhookUrl, publicKey, privateKey } }),
    );
    return { appId, publicKey };
  });

  r.get('/_emulator/v1/site', async ({ ctx }) => getSiteSettings(ctx.db));
  r.post('/_emulator/v1/site', async ({ body, ctx }) => {
    const settings = siteSettingsSchema.partial().strict().parse(body);
    return ctx.tx(async (tx) => {
      for (const [key, value] of Object.entries(settings)) await setSiteSetting(tx, key as never, value as never);
      return getSiteSettings(tx);
    });
  });

  r.get('/_emulator/v1/requests', async () => ({ requests: deps.log.list() }));
  r.delete('/_emulator/v1/requests', async () => {
    deps.log.clear();
    return {};
  });

  r.post('/_emulator/v1/reset', async ({ ctx }) => {
    const tables = Object.values(schema)
      .filter((t) => (t as unknown) instanceof PgTable)
      .map((t) => `"${getTableName(t as PgTable)}"`);
    await ctx.db.execute(sql.raw(`truncate ${tables.join(', ')} restart identity`));
    await announceClockChange(ctx.db);
    deps.clock?.forget();
    deps.tokens.forget();
    deps.log.clear();
    deps.onReset();
    return {};
  });

  return r;
}
