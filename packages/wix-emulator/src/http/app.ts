import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { ZodError } from 'zod';
import { asDeclared, bulkErrorsAsDeclared, declarationOf } from '../contract/declarations.ts';
import { dropReadonly, validateRequest } from '../contract/request-validation.ts';
import { type ClockCache, readClock } from '../platform/clock.ts';
import { DELAYED_MS, type Faults } from '../platform/faults.ts';
import type { Identity, TokenResolver } from '../platform/identity.ts';
import { EmulatorSettings } from '../platform/settings.ts';
import type { Db, Tx } from '../storage/db.ts';
import { fromZodError, internalError, invalidArgument, notFound, resourceExhausted, WixError } from './errors.ts';
import { RateLimiter } from './rate-limit.ts';
import type { Ctx, Route } from './router.ts';

/** One line of `GET /_emulator/v1/requests`: what was served, to whom, how it ended. */
export interface ServedRequest {
  at: string;
  method: string;
  path: string;
  identity: Identity | null;
  status: number;
  durationMs: number;
  /**
   * When the route began serving it (when it arrived, when the faults delayed it), in milliseconds since 1970 with
   * fractions (`at` is rounded to the millisecond): `startedAtMs + durationMs` is when it ended, precise enough to tell
   * calls made together from calls made in turn.
   */
  startedAtMs: number;
  requestId: string;
  errorCode?: string;
}

/**
 * The last `capacity` requests, oldest first: a ring, so adding one costs the same however full it is (an array
 * shifted on every request cost a copy of 20,000 entries each time it was full).
 */
export class RequestLog {
  private entries: ServedRequest[] = [];
  /** Where the next entry goes once the ring is full (the oldest entry's place). */
  private start = 0;
  constructor(private readonly capacity = 20_000) {}
  add(entry: ServedRequest) {
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
  }
  list(): ServedRequest[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }
  clear() {
    this.entries = [];
    this.start = 0;
  }
}

const RETRYABLE = new Set(['40001', '40P01']);

export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const code =
        (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
    }
  }
}

function decodeGetInput(url: URL): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    if (key === '.r') continue;
    const existing = input[key];
    input[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const encoded = url.searchParams.get('.r');
  if (encoded) {
    try {
      Object.assign(input, JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
    } catch {
      throw invalidArgument('.r', 'is not base64url-encoded JSON');
    }
  }
  return input;
}

async function readInput(c: Context, url: URL): Promise<unknown> {
  if (c.req.method === 'GET' || c.req.method === 'DELETE') {
    const text = c.req.method === 'DELETE' ? await c.req.text() : '';
    return text ? parseJson(text) : decodeGetInput(url);
  }
  const text = await c.req.text();
  // An HTML form the emulator serves (the buyer's checkout page) posts its fields URL-encoded.
  if (c.req.header('content-type')?.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return text ? parseJson(text) : {};
}

const asObject = (input: unknown): Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidArgument('body', 'is not valid JSON');
  }
}

/** A NUL, or a surrogate not in a pair: JSON and URLs carry them, PostgreSQL's text and jsonb cannot store them. */
const unstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();
const unstorableReason = (text: string) =>
  text.includes('\u0000')
    ? 'must not contain NUL (\\u0000)'
    : 'must not contain a lone surrogate (unpaired \\uD800-\\uDFFF)';

/**
 * Refuses input holding a string PostgreSQL cannot store, in a value or a field name, with a 400 naming the field
 * (`items.1.name`; the object for a field name). Walked without recursion, so no input can exhaust the stack.
 */
function refuseUnstorable(input: unknown, root = ''): void {
  const pending: Array<[unknown, string]> = [[input, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (unstorable(value)) throw invalidArgument(path || '(body)', unstorableReason(value));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], path ? `${path}.${i}` : String(i)]);
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        if (unstorable(key)) throw invalidArgument(path || '(body)', `field names ${unstorableReason(key)}`);
        pending.push([(value as Record<string, unknown>)[key], path ? `${path}.${key}` : key]);
      }
    }
  }
}

/** Static path segments win over parameters (`/programs/by-namespace-and-external-id` before `/programs/:programId`). */
function bySpecificity(a: Route, b: Route): number {
  const sa = a.path.split('/');
  const sb = b.path.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const pa = sa[i]?.startsWith(':') ? 1 : 0;
    const pb = sb[i]?.startsWith(':') ? 1 : 0;
    if (pa !== pb) return pa - pb;
  }
  return 0;
}

export interface AppDeps {
  db: Db;
  tokens: TokenResolver;
  log: RequestLog;
  routes: Route[];
  /** Logs one line per request when set. */
  logLine?: (line: string) => void;
  /** Strict mode and its tunables (README, "Strict mode"); off by default. */
  settings?: EmulatorSettings;
  /** Strict mode's requests-a-minute window (shared with the emulator API, which clears it on reset). */
  rateLimiter?: RateLimiter;
  /** Injected faults (`POST /_emulator/v1/faults`), applied before any route. */
  faults?: Faults;
  /** The clock as last read (forgotten when it moves); without it every request reads the clock's row. */
  clock?: ClockCache;
}

/** The HTTP face of the emulator: every service's routes, Wix-style errors, identities and the request log. */
export function createHttpApp(deps: AppDeps): Hono {
  const app = new Hono();
  const settings = deps.settings ?? new EmulatorSettings();
  const rateLimiter = deps.rateLimiter ?? new RateLimiter();
  if (deps.faults) app.use('*', deps.faults.middleware());
  for (const route of [...deps.routes].sort(bySpecificity)) {
    // A method the app calls: its requests are checked and its refusals answered as Wix declares them (src/contract).
    const declared = declarationOf(route.method, route.path);
    app.on(route.method, route.path, async (c) => {
      const started = performance.now();
      const requestId = randomUUID();
      const url = new URL(c.req.url);
      let identity: Identity | null = null;
      let status = 200;
      let errorCode: string | undefined;
      let body: unknown;
      try {
        // Strict: at most `rateLimitPerMinute` requests a minute to Wix's routes (the emulator's own are not counted).
        // The minute is the platform clock's (`rate-limit.ts`): read first, the same time the request is served at.
        const now = deps.clock ? await deps.clock.now(deps.db) : await readClock(deps.db);
        if (settings.strict && !url.pathname.startsWith('/_emulator/')) {
          if (!rateLimiter.take(settings.rateLimitPerMinute, now.getTime())) {
            throw resourceExhausted(`rate limit: at most ${settings.rateLimitPerMinute} requests a minute per site`, {
              limitPerMinute: settings.rateLimitPerMinute,
              retryAfterMs: rateLimiter.retryAfterMs(now.getTime()),
            });
          }
        }
        identity = await deps.tokens.resolve(deps.db, c.req.header('authorization'));
        const ctx: Ctx = {
          db: deps.db,
          settings,
          identity,
          now,
          requestId,
          origin: url.origin,
          tx: (work) => inTransaction(deps.db, work),
        };
        const input = await readInput(c, url);
        const params = c.req.param() as Record<string, string>;
        // One check for every route: what PostgreSQL cannot store is refused before any service reads it.
        refuseUnstorable(params);
        refuseUnstorable(input);
        // Strict: what the SDK marks read-only in the request never reaches the service (unless also required).
        if (declared && settings.strict) dropReadonly(declared, input);
        // Checked once the caller is known (a request without a valid token is 401 first), before the service runs.
        if (declared && identity) validateRequest(declared, { ...asObject(input), ...params });
        body = (await route.handler({ params, body: input, ctx })) ?? {};
        if (body instanceof Response) status = body.status;
        if (declared) bulkErrorsAsDeclared(declared, body);
      } catch (error) {
        const refusal = error instanceof WixError ? error : error instanceof ZodError ? fromZodError(error) : null;
        const wix = refusal && declared ? asDeclared(declared, refusal) : refusal;
        if (wix) {
          status = wix.status;
          errorCode = wix.code;
          body = wix.toBody();
        } else {
          status = 500;
          errorCode = 'INTERNAL';
          console.error(`[wix-emulator] ${c.req.method} ${url.pathname} failed:`, error);
          body = internalError().toBody();
        }
      }
      // An injected latency is part of the call, as its caller waited for it: the call began when it arrived.
      const delayedMs = Number(c.get(DELAYED_MS as never) ?? 0);
      const durationMs = Math.round((performance.now() - started + delayedMs) * 100) / 100;
      deps.log.add({
        at: new Date().toISOString(),
        method: c.req.method,
        path: url.pathname,
        identity,
        status,
        durationMs,
        startedAtMs: performance.timeOrigin + started - delayedMs,
        requestId,
        ...(errorCode ? { errorCode } : {}),
      });
      deps.logLine?.(`${c.req.method} ${url.pathname} ${status} ${durationMs}ms ${identity?.type ?? '-'}`);
      // A page the emulator serves (the buyer's checkout) answers itself, with the request id.
      if (body instanceof Response) {
        body.headers.set('x-wix-request-id', requestId);
        return body;
      }
      return c.json(body as object, status as 200, { 'x-wix-request-id': requestId });
    });
  }
  app.notFound((c) => {
    const requestId = randomUUID();
    const { pathname } = new URL(c.req.url);
    const error = notFound('ROUTE_NOT_FOUND', `no route ${c.req.method} ${pathname} in the emulator`);
    // Logged too: an SDK call the emulator does not serve shows up in the request log.
    deps.log.add({
      at: new Date().toISOString(),
      method: c.req.method,
      path: pathname,
      identity: null,
      status: 404,
      durationMs: 0,
      startedAtMs: performance.timeOrigin + performance.now(),
      requestId,
      errorCode: error.code,
    });
    deps.logLine?.(`${c.req.method} ${pathname} 404 0ms -`);
    return c.json(error.toBody(), 404, { 'x-wix-request-id': requestId });
  });
  return app;
}
