import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createHttpApp, RequestLog } from './http/app.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { adminRoutes } from './platform/admin.ts';
import { CLOCK_CHANNEL, ClockCache } from './platform/clock.ts';
import { Faults } from './platform/faults.ts';
import { TokenResolver } from './platform/identity.ts';
import { oauthRoutes } from './platform/oauth.ts';
import { EmulatorSettings, type StrictTunables } from './platform/settings.ts';
import { WebhookDispatcher } from './platform/webhooks.ts';
import { serviceRoutes } from './services/index.ts';
import { openStorage, type Storage } from './storage/db.ts';

/**
 * Listens for clock changes any emulator on the database announces, so `clock` may keep what it read. When the
 * connection fails, `clock` stops keeping anything and every request reads the clock's row again.
 */
async function listenForClockChanges(storage: Storage, clock: ClockCache): Promise<{ end(): Promise<void> }> {
  const listener = new pg.Client(storage.pool.options);
  let ended = false;
  const stop = () => {
    clock.listening = false;
    clock.forget();
  };
  listener.on('error', stop);
  listener.on('end', stop);
  listener.on('notification', () => clock.forget());
  try {
    await listener.connect();
    await listener.query(`listen ${CLOCK_CHANNEL}`);
    clock.listening = true;
  } catch {
    stop();
  }
  return {
    async end() {
      if (ended) return;
      ended = true;
      stop();
      await listener.end().catch(() => {});
    },
  };
}

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  /** `memory` (default), a data directory for a persistent embedded PostgreSQL server, or a `postgres://` URL. */
  database?: string;
  /** Called with one line per request served (e.g. `console.log`). */
  log?: (line: string) => void;
  /**
   * Strict mode (README, "Strict mode"): every reading Wix leaves open is resolved against the app. Off by default.
   * The tunables (`transientMs`, `dataLagMs`, `rateLimitPerMinute`, `webhookSeed`) apply only in strict mode.
   */
  strict?: boolean;
  tunables?: Partial<StrictTunables>;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`: the origin to send the SDK's requests to. */
  url: string;
  /** Where the data lives. */
  database: string;
  /** Whether strict mode is on. */
  strict: boolean;
  close(): Promise<void>;
}

/** Starts the local Wix platform on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  // Checked before anything starts: bad tunables are refused at once.
  const settings = new EmulatorSettings({ strict: options.strict === true, ...(options.tunables ?? {}) });
  const storage = await openStorage(options.database ?? 'memory');
  const tokens = new TokenResolver();
  const log = new RequestLog();
  const clock = new ClockCache();
  const clockListener = await listenForClockChanges(storage, clock);
  const rateLimiter = new RateLimiter();
  const faults = new Faults(settings);
  const webhooks = new WebhookDispatcher(storage.db, options.log, undefined, settings);
  const routes = [
    ...adminRoutes({
      db: storage.db,
      tokens,
      log,
      settings,
      clock,
      onReset: () => {
        rateLimiter.clear();
        faults.clear();
        webhooks.poke();
      },
    }).routes,
    ...faults.routes().routes,
    ...webhooks.routes().routes,
    ...oauthRoutes({ tokens }).routes,
    ...serviceRoutes().flatMap((r) => r.routes),
  ];
  const app = createHttpApp({
    db: storage.db,
    tokens,
    log,
    routes,
    settings,
    rateLimiter,
    faults,
    clock,
    ...(options.log ? { logLine: options.log } : {}),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (error: unknown) => {
    // E.g. the port is taken: stop the database server started for nothing.
    await clockListener.end();
    await storage.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  webhooks.start(() => {});
  return {
    url,
    database: storage.describe,
    strict: settings.strict,
    async close() {
      await webhooks.stop();
      await clockListener.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await storage.close();
    },
  };
}

export { invalidArgument, WixError } from './http/errors.ts';
export type { Identity } from './platform/identity.ts';
export type { StrictTunables } from './platform/settings.ts';
