import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { internalError, resourceExhausted, unavailable, type WixError } from '../http/errors.ts';
import { Router } from '../http/router.ts';
import type { EmulatorSettings } from './settings.ts';

/** The context variable holding the latency a request was given before its route (`latencyMs`), in ms. */
export const DELAYED_MS = 'wixEmulatorDelayedMs';

/**
 * Fault injection (README, "Faults"): per route pattern, a share of Wix's routes answered 500/503 or 429 without being
 * served, a share served and then answered 503 or cut off ("commit then drop": the write happened, the caller saw a
 * failure), and added latency. Every decision comes from one seeded generator, drawn a fixed number of times per
 * matching request, so the same seed and the same sequence of requests replay the same faults.
 */

const rate = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

const ruleSchema = z
  .object({
    /** `GET`, `POST`, … or `*` (the default): which methods the rule applies to. */
    method: z.enum(['*', 'GET', 'POST', 'PATCH', 'PUT', 'DELETE']).default('*'),
    /** A glob over the path (`*` within a segment, `**` across segments), or a regular expression written `/…/`. */
    path: z.string().min(1, 'is required').max(500, 'must be at most 500 characters'),
    /** Share answered 500 `INTERNAL` or 503 `UNAVAILABLE` (half each), the route not served. */
    errorRate: rate.default(0),
    /** Share answered 429 `RESOURCE_EXHAUSTED` as the rate limit answers it, the route not served. */
    rateLimitRate: rate.default(0),
    /** Share served (its writes committed), then answered 503 or with the connection reset (`dropAs`). */
    dropRate: rate.default(0),
    /** How a dropped answer fails: a 503, a reset connection, or either (half each). */
    dropAs: z.enum(['503', 'reset', 'either']).default('either'),
    /** Share delayed by `latencyMs` before being served (faulted or not). */
    latencyRate: rate.default(0),
    latencyMs: z.number().int().min(0).max(60_000, 'must be at most 60000').default(0),
    /** At most this many faults (latency not counted) from the rule; then its requests pass untouched. */
    limit: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((r) => r.errorRate + r.rateLimitRate + r.dropRate <= 1, {
    message: 'errorRate + rateLimitRate + dropRate must be at most 1',
    path: ['errorRate'],
  })
  .refine((r) => compiles(r.path), { message: 'is not a valid regular expression', path: ['path'] });

const faultsSchema = z
  .object({
    seed: z.number().int('must be a whole number').min(0).max(0xffff_ffff),
    rules: z.array(ruleSchema).max(50, 'must be at most 50 rules'),
  })
  .strict();

export type FaultRule = z.infer<typeof ruleSchema>;
export type FaultKind = '500' | '503' | '429' | 'drop-503' | 'drop-reset';

/** One fault injected: what `GET /_emulator/v1/faults` lists. */
export interface InjectedFault {
  method: string;
  path: string;
  kind: FaultKind | 'latency';
  delayedMs: number;
}

function compiles(pattern: string): boolean {
  try {
    pathMatcher(pattern);
    return true;
  } catch {
    return false;
  }
}

/** `/…/` is a regular expression; anything else a glob where `**` spans segments and `*` stays within one. */
export function pathMatcher(pattern: string): RegExp {
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) return new RegExp(pattern.slice(1, -1));
  const literal = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const glob = pattern
    .split('**')
    .map((part) => part.split('*').map(literal).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${glob}$`);
}

/** mulberry32: a small, fast, seedable generator of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The faults in force and the ones injected since they were set. */
export class Faults {
  private seed = 0;
  private rules: Array<FaultRule & { matcher: RegExp; faulted: number }> = [];
  private random = seeded(0);
  private injected: InjectedFault[] = [];

  constructor(private readonly settings?: EmulatorSettings) {}

  /** Sets the faults (replacing any before) and starts the generator from `seed`. */
  set(input: unknown) {
    const { seed, rules } = faultsSchema.parse(input);
    this.seed = seed;
    this.rules = rules.map((r) => ({ ...r, matcher: pathMatcher(r.path), faulted: 0 }));
    this.random = seeded(seed);
    this.injected = [];
    return this.snapshot();
  }

  clear() {
    this.rules = [];
    this.injected = [];
  }

  snapshot() {
    const counts: Record<string, number> = {};
    for (const f of this.injected) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    return {
      seed: this.seed,
      rules: this.rules.map(({ matcher: _, faulted: __, ...rule }) => rule),
      counts,
      injected: this.injected.slice(-1_000),
    };
  }

  /**
   * What happens to one request: undefined when no rule matches. Three draws per matching request, whatever the
   * outcome, so that a replay stays in step.
   */
  decide(method: string, path: string): { kind: FaultKind | null; delayMs: number } | undefined {
    if (path.startsWith('/_emulator/')) return undefined;
    const rule = this.rules.find((r) => (r.method === '*' || r.method === method) && r.matcher.test(path));
    if (!rule) return undefined;
    const [latency, fault, variant] = [this.random(), this.random(), this.random()];
    const delayMs = latency < rule.latencyRate ? rule.latencyMs : 0;
    let kind: FaultKind | null = null;
    if (fault < rule.errorRate) kind = variant < 0.5 ? '500' : '503';
    else if (fault < rule.errorRate + rule.rateLimitRate) kind = '429';
    else if (fault < rule.errorRate + rule.rateLimitRate + rule.dropRate) {
      const reset = rule.dropAs === 'reset' || (rule.dropAs === 'either' && variant < 0.5);
      kind = reset ? 'drop-reset' : 'drop-503';
    }
    if (kind && rule.limit !== undefined && rule.faulted >= rule.limit) kind = null;
    if (kind) rule.faulted += 1;
    if (kind || delayMs > 0) this.injected.push({ method, path, kind: kind ?? 'latency', delayedMs: delayMs });
    if (this.injected.length > 100_000) this.injected.splice(0, 50_000);
    return { kind, delayMs };
  }

  /** Wix's answer to a request the platform failed, in Wix's error envelope. */
  private failure(kind: FaultKind): WixError {
    if (kind === '429') {
      const limitPerMinute = this.settings?.rateLimitPerMinute ?? 200;
      const message = `rate limit: at most ${limitPerMinute} requests a minute per site`;
      return resourceExhausted(message, { limitPerMinute, retryAfterMs: 0 });
    }
    if (kind === '500') return internalError();
    return unavailable();
  }

  /** The Hono middleware that injects the faults; mounted before every route. */
  middleware(): MiddlewareHandler {
    return async (c: Context, next) => {
      const decision = this.decide(c.req.method, new URL(c.req.url).pathname);
      if (!decision) return next();
      if (decision.delayMs > 0) {
        // The request log counts the wait in the call (`DELAYED_MS`): the caller waited for it like for the route.
        c.set(DELAYED_MS as never, decision.delayMs as never);
        await sleep(decision.delayMs);
      }
      const { kind } = decision;
      if (kind === '500' || kind === '503' || kind === '429') {
        return c.json(this.failure(kind).toBody(), kind === '429' ? 429 : kind === '500' ? 500 : 503);
      }
      await next();
      if (kind === 'drop-503') {
        c.res = c.json(this.failure('503').toBody(), 503);
      } else if (kind === 'drop-reset') {
        // Served and committed; the caller's connection is cut before the answer (a plain 503 off a real server).
        const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
        if (incoming) incoming.socket.destroy();
        else c.res = c.json(this.failure('503').toBody(), 503);
      }
    };
  }

  /** `GET`, `POST`, `DELETE /_emulator/v1/faults`. */
  routes(): Router {
    const r = new Router();
    r.get('/_emulator/v1/faults', async () => this.snapshot());
    r.post('/_emulator/v1/faults', async ({ body }) => this.set(body));
    r.delete('/_emulator/v1/faults', async () => {
      this.clear();
      return this.snapshot();
    });
    return r;
  }
}
