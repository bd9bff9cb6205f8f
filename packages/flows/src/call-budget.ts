/**
 * The site's call budget, as background work lives within it (`withRetries(wix, { budget })`).
 *
 * Wix lets an app make 200 calls a minute per site instance; past that "the app may be throttled - and API requests
 * made by a throttled app will fail" (Wix REST "Rate Limits"): a 429 `RESOURCE_EXHAUSTED`. Wix declares no retry hint
 * and no header telling what is left of the minute. A backend on Wix shares no memory between requests, so no
 * process can see the others' calls: the live path (visits, the widget, redeem, the dashboard) cannot wait on a token
 * bucket shared in memory. What works instead:
 * - **Background work paces itself** (the renewal sweep, bringing existing members in, exports): one budget per run of
 *   it, at most `BACKGROUND_CALLS_PER_MINUTE` (120) calls a minute, one call every half second (no bursts), so at least
 *   80 of the site's 200 stay free for live traffic whatever the background does.
 * - **It leaves what live traffic is using**: live traffic leaves a footprint in Wix, the one memory every request
 *   shares: each visit writes two records in the app's visits collection. A run first counts the records of the last
 *   minute (one call, `liveCallsLastMinute`) and lowers its pace to what the site's 200 leave after them
 *   (`LIVE_CALLS_PER_VISIT_RECORD` each, and `LIVE_MARGIN` for the widget, redeem and the dashboard, which leave none).
 * - **It takes only what is left**: a 429 means live traffic needs the minute. The run pauses (exponential backoff with
 *   jitter, at least any `Retry-After` an answer carries), halves its pace, and earns it back a call a minute per call
 *   answered. After `MAX_STRIKES` 429s in a row it gives up (`WixUnavailable`): its caller resumes from its cursor later,
 *   and every renewal carries its key, so nothing applies twice.
 * - **A run ends when its pace says so** (`drain`): a scheduler that calls the next chunk as soon as the last answered
 *   still makes no more than the pace allows, though the next run's budget starts afresh.
 * - **Live calls** are never paced: they retry a 429 briefly (`RATE_LIMIT_WAITS_MS` in `retries.ts`, under two
 *   seconds in all) and then fail as `WixUnavailable`, which the app answers as "try again" instead of hanging.
 * Time comes from the clock and sleep given (tests and simulations own them).
 */

import { COLLECTIONS } from './collections.ts';
import type { WixApis } from './wix.ts';

export type Sleep = (ms: number) => Promise<void>;

/** Wix's limit: calls a minute per site instance (Wix REST "Rate Limits"). */
export const SITE_CALLS_PER_MINUTE = 200;
/** The most background work spends a minute; the rest (80) is live traffic's. */
export const BACKGROUND_CALLS_PER_MINUTE = 120;
/** The slowest background work goes after 429s: a call every ten seconds. */
export const MIN_BACKGROUND_CALLS_PER_MINUTE = 6;
/** The first pause after a 429, doubled at each one in a row, up to `MAX_PAUSE_MS` (a minute: the budget's window). */
export const FIRST_PAUSE_MS = 2_000;
export const MAX_PAUSE_MS = 60_000;
/** 429s in a row before a background call gives up (about eight minutes of pauses). */
export const MAX_STRIKES = 12;
/**
 * Live calls a visit record stands for: a counted visit writes two (its claim and its day's slot) and made 6.4-6.9
 * calls when its program was due a renewal (`bench-rush.ts` counts them); two calls fewer since the claim replaced the
 * outcome record and goes in one call with the slot (2026-12: 5.1 due a renewal, 3 when nothing is due); kept, since
 * over-counting live traffic only slows background work down.
 */
export const LIVE_CALLS_PER_VISIT_RECORD = 3.5;
/** Live calls a minute kept free for what leaves no record: widget loads, redemptions, the dashboard. */
export const LIVE_MARGIN = 20;

export interface BudgetOptions {
  /** The time in ms (the platform's clock in simulations). */
  now?: () => number;
  sleep?: Sleep;
  /** In [0, 1): the jitter of pauses. */
  random?: () => number;
  perMinute?: number;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a refusal asks to wait: an HTTP `Retry-After` (seconds or a date) on a REST answer or error, else 0. */
export function retryHintMs(failure: unknown, now: number): number {
  const headers =
    failure instanceof Response
      ? failure.headers
      : (failure as { response?: { headers?: unknown } })?.response?.headers;
  const value = headers instanceof Headers ? headers.get('retry-after') : undefined;
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

/** One run of background work's share of the site's call budget. */
export class BackgroundBudget {
  readonly now: () => number;
  readonly sleep: Sleep;
  private readonly random: () => number;
  private ceiling: number;
  private pace: number;
  private nextFree = Number.NEGATIVE_INFINITY;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private strikes = 0;
  /** Calls let through, and 429s met. */
  calls = 0;
  refusals = 0;

  constructor(options: BudgetOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.ceiling = options.perMinute ?? BACKGROUND_CALLS_PER_MINUTE;
    this.pace = this.ceiling;
  }

  /** Calls a minute this run goes at now. */
  get callsPerMinute(): number {
    return this.pace;
  }

  /**
   * Lowers this run's share to what the site's budget leaves after `liveCalls` a minute of live traffic (never below
   * `MIN_BACKGROUND_CALLS_PER_MINUTE`, never above the share it was given).
   */
  fit(liveCalls: number): void {
    const left = SITE_CALLS_PER_MINUTE - liveCalls;
    this.ceiling = Math.max(MIN_BACKGROUND_CALLS_PER_MINUTE, Math.min(this.ceiling, left));
    this.pace = Math.min(this.pace, this.ceiling);
  }

  /** Waits for this run's turn to make a call (past any pause, a call's spacing after the last), and takes it. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.now();
      const at = Math.max(this.nextFree, this.pausedUntil);
      if (at <= now) {
        this.nextFree = now + 60_000 / this.pace;
        this.calls++;
        return;
      }
      await this.sleep(at - now);
    }
  }

  /**
   * Wix answered 429: pauses the run (the `strikes`th in a row waits `FIRST_PAUSE_MS × 2^(strikes-1)` up to a
   * minute, half of it fixed and half jittered, and at least `hintMs`) and halves the pace. Answers the pause, or null
   * when this was the `MAX_STRIKES`th in a row: give up.
   */
  limited(hintMs = 0): number | null {
    this.refusals++;
    this.strikes++;
    if (this.strikes > MAX_STRIKES) return null;
    this.pace = Math.max(MIN_BACKGROUND_CALLS_PER_MINUTE, this.pace / 2);
    const backoff = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (this.strikes - 1));
    const pause = Math.max(hintMs, backoff / 2 + (this.random() * backoff) / 2);
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + pause);
    return pause;
  }

  /** A call was answered: the strikes are over and the pace grows back by a call a minute. */
  answered(): void {
    this.strikes = 0;
    this.pace = Math.min(this.ceiling, this.pace + 1);
  }

  /** Waits until this run's pace would let its next call go: the end of a run, so the next run keeps the pace. */
  async drain(): Promise<void> {
    const wait = Math.max(this.nextFree, this.pausedUntil) - this.now();
    if (wait > 0) await this.sleep(wait);
  }
}

/**
 * Live traffic's calls in the last minute, as its footprint in Wix tells (one Wix call): the visit records written since
 * (`LIVE_CALLS_PER_VISIT_RECORD` each) and `LIVE_MARGIN`.
 */
export async function liveCallsLastMinute(wix: WixApis, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 60_000);
  const records = await wix.data.query(COLLECTIONS.visits).ge('_createdDate', since).count();
  return records * LIVE_CALLS_PER_VISIT_RECORD + LIVE_MARGIN;
}

/**
 * One run of background work (a chunk of the renewal sweep, a page of members brought in, of an export) on `wix`, paced
 * by `budget` (the Wix APIs made with it: `withRetries(…, { budget })`): fitted first to the live traffic of the last
 * minute, drained at its end so a caller starting the next run at once keeps the pace.
 */
export async function backgroundRun<T>(
  budget: BackgroundBudget,
  wix: WixApis,
  work: (wix: WixApis) => Promise<T>,
): Promise<T> {
  try {
    budget.fit(await liveCallsLastMinute(wix, new Date(budget.now())));
    return await work(wix);
  } finally {
    await budget.drain();
  }
}
