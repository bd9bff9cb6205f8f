import { AsyncLocalStorage } from 'node:async_hooks';
import { type BackgroundBudget, retryHintMs } from './call-budget.ts';
import { ensureCollection } from './collections.ts';
import { isUnavailable, isUnavailableAnswer, safeToRetry, TRANSIENT_WAITS_MS, WixUnavailable } from './transient.ts';
import type { WixApis } from './wix.ts';
import { wixErrorCode } from './wix.ts';

/**
 * The flows' Wix APIs, made to live with three things Wix does to every app (`withRetries`):
 * - **The call budget.** Wix lets an app make 200 calls a minute per site; past that it answers HTTP 429
 *   (`RESOURCE_EXHAUSTED`). A live call (a member or the owner waits) is retried briefly (`RATE_LIMIT_WAITS_MS`, under
 *   two seconds in all), then fails as `WixUnavailable` ("try again"), never hangs. Background work given a
 *   `BackgroundBudget` (`call-budget.ts`) paces every call within its share and pauses on a 429 with backoff.
 * - **The app's collections.** Wix Data works only on collections that exist (`WDE0025` otherwise, "Wix Data Error
 *   Codes"). A call on one of the app's own collections that answers `WDE0025` creates it (`ensureCollection`) and is made
 *   again, once: a site that installed the app before a collection was added heals on first use.
 * - **Failing for a moment** (`transient.ts`): a 5xx or no answer at all. A read, or a write carrying an idempotency key,
 *   is made again with the same key, with growing waits (`TRANSIENT_WAITS_MS`), then fails as `WixUnavailable`; any
 *   other write fails at once as `WixUnavailable` (it may have been made: the caller retries with its request id).
 * Nothing else is retried: any other refusal is the flow's to read. Every attempt is counted against the budget.
 */
export function isRateLimited(error: unknown): boolean {
  const e = error as { status?: number; httpStatus?: number };
  return e?.status === 429 || e?.httpStatus === 429 || wixErrorCode(error) === 'RESOURCE_EXHAUSTED';
}

/** The waits of a live call over the budget: four attempts in 1.75 s, then "try again". */
export const RATE_LIMIT_WAITS_MS = [250, 500, 1_000];

/**
 * How long into a live request its 429s may still be waited on (`withinDeadline`): a check-in answers within 2 s, and
 * the rounds after the last wait (four or five at 100-300 ms on Wix) need the other 800 ms.
 */
export const LIVE_RETRY_WITHIN_MS = 1_200;

/** The time by which the live request being served stops waiting on 429s (`withinDeadline`), in the wrapper's `now`. */
const deadlines = new AsyncLocalStorage<number>();

/**
 * Runs a live request's work with a deadline (ms, in the `now` given to `withRetries`): a call over the budget is not
 * retried past it but fails at once as `WixUnavailable` ("try again"), so the caller's answer never waits longer on
 * 429s than the request allows (the door answers a check-in within 2 s).
 */
export function withinDeadline<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  return deadlines.run(deadline, work);
}

type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Method names that make a Wix call when paced by a budget: a module's functions but its `query…` builders and the
 * site's settings (kept by the app for minutes), and a builder's or page's calls.
 */
const BUILDS = /^(query|siteTimeZone$|siteCurrency$)/;
const BUILDER_CALLS = /^(find|count|distinct|next|prev)$/;

interface Context {
  wait: Sleep;
  /** The call, as `module.method`, for errors. */
  name: string;
  /** Whether the call may be made again: a read, or a write carrying an idempotency key (`safeToRetry`). */
  safe: boolean;
  /** Counts a call made to Wix. */
  count(): void;
  /** Creates a missing collection of the app; answers whether it is one. */
  repair(collection: string): Promise<boolean>;
  /** The Wix Data collection the call is about, when it is one. */
  collection?: string;
  /** Background work's share of the budget: every call waits its turn, a 429 pauses the run. */
  budget?: BackgroundBudget;
  /** The time, for a live request's deadline (`withinDeadline`). */
  now: () => number;
  /** Whether the call, paced by `budget`, goes to Wix (not a step of a query builder's chain). */
  paced?: boolean;
  /** Whether the call is made on what an earlier call answered (a query builder, a page), not on a module. */
  onAnswer?: boolean;
}

/** A REST answer (`fetchWithAuth` answers rather than throws) saying the budget is spent. */
const isLimitedAnswer = (answer: unknown) => answer instanceof Response && answer.status === 429;

async function retried<T>(call: () => Promise<T>, first: Promise<T>, context: Context): Promise<T> {
  let attempt = first;
  let repaired = false;
  let limited = 0;
  let failed = 0;
  for (;;) {
    let failure: unknown;
    let transient = false;
    try {
      const answer = await attempt;
      transient = context.safe && isUnavailableAnswer(answer);
      if (!isLimitedAnswer(answer) && !transient) {
        context.budget?.answered();
        return answer;
      }
      failure = answer;
    } catch (error) {
      const missing = wixErrorCode(error) === 'WDE0025' && context.collection && !repaired;
      if (missing && (await context.repair(context.collection!))) {
        repaired = true;
        attempt = call();
        continue;
      }
      if (isUnavailable(error)) {
        // A write without an idempotency key may have been made: only the caller, with its request id, may retry it.
        if (!context.safe) throw new WixUnavailable(context.name, error, 1, false);
        transient = true;
      } else if (!isRateLimited(error)) throw error;
      failure = error;
    }
    if (!transient && context.budget) {
      // Background work: paused as long as the budget says (the next attempt waits its turn), or given up.
      const tries = ++limited;
      if (context.budget.limited(retryHintMs(failure, context.budget.now())) === null) {
        if (failure instanceof Response) return attempt;
        throw new WixUnavailable(context.name, failure, tries, true);
      }
      attempt = call();
      continue;
    }
    const waits = transient ? TRANSIENT_WAITS_MS : RATE_LIMIT_WAITS_MS;
    const tries = transient ? failed++ : limited++;
    const deadline = deadlines.getStore();
    const late = !transient && deadline !== undefined && context.now() + (waits[tries] ?? 0) > deadline;
    if (tries >= waits.length || late) {
      // A REST answer is the caller's to read; a refusal over the budget or a failure is "try again".
      if (failure instanceof Response) return attempt;
      throw new WixUnavailable(context.name, failure, tries + 1, true);
    }
    await context.wait(waits[tries]!);
    attempt = call();
  }
}

const isThenable = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * Wraps what an SDK call answers so that the calls it leads to are handled too: a query builder's chain and `find()`,
 * and a page's `next()`.
 */
function wrapped(value: unknown, context: Context): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  if (value instanceof Date || value instanceof Response) return value;
  return new Proxy(value, {
    get(target, property) {
      const member = Reflect.get(target, property);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) =>
        call(() => member.apply(target, args), {
          ...named(context, String(property), args),
          paced: context.onAnswer ? BUILDER_CALLS.test(String(property)) : !BUILDS.test(String(property)),
        });
    },
  });
}

/** The context of a call of `method`: its name after the module's (or the builder's), and whether it is safe to retry. */
const named = (context: Context, method: string, args: readonly unknown[]): Context => ({
  ...context,
  name: `${context.name}.${method}`,
  safe: safeToRetry(method, args),
  paced: !BUILDS.test(method),
});

function call(invoke: () => unknown, context: Context): unknown {
  const { budget } = context;
  if (budget && context.paced) {
    // Background work: the call waits its turn in the budget, and so does each retry.
    const invokeInTurn = async () => {
      await budget.take();
      return invoke();
    };
    return callNow(invokeInTurn, { ...context, budget });
  }
  return callNow(invoke, context);
}

function callNow(invoke: () => unknown, context: Context): unknown {
  const result = invoke();
  // A builder's chain is local; a call that answers a promise went to Wix (each retry too).
  if (!isThenable(result)) return wrapped(result, { ...context, onAnswer: true });
  context.count();
  const again = () => {
    context.count();
    return invoke() as Promise<unknown>;
  };
  return retried(again, result, context).then((answer) => wrapped(answer, { ...context, onAnswer: true }));
}

/** The calls made in the last minute: a sliding window of their times. */
function minuteMeter(now: () => number = Date.now) {
  const times: number[] = [];
  const trim = () => {
    while (times.length > 0 && times[0]! <= now() - 60_000) times.shift();
  };
  return {
    count() {
      times.push(now());
      trim();
    },
    lastMinute() {
      trim();
      return times.length;
    },
  };
}

/** One meter for the process: every wrapper made (the app makes one) counts into it. */
const meter = minuteMeter();

/**
 * The same Wix APIs, every call (query builders and pages included) living with the call budget and missing
 * collections, and counted against the site's `callsPerMinute` (Wix's 200 unless a test lifts it).
 */
export function withRetries(
  wix: WixApis,
  options: { wait?: Sleep; now?: () => number; callsPerMinute?: number; budget?: BackgroundBudget } = {},
): WixApis {
  const { budget, wait = budget?.sleep ?? sleep, now = Date.now, callsPerMinute = 200 } = options;
  // Made through the wrapped APIs themselves: the creation is counted, and retried over the budget or failing for a moment.
  let wrappedApis: WixApis | undefined;
  const repair = (collection: string) => ensureCollection(wrappedApis!, collection);
  const base: Context = {
    wait,
    now,
    repair,
    count: meter.count,
    name: '',
    safe: false,
    ...(budget ? { budget } : {}),
  };
  const entries = Object.entries(wix).flatMap(([name, module]) => {
    if (name === 'callBudget') return [];
    // Read from the request, no Wix call: neither counted nor retried.
    if (name === 'sessionKey') return [[name, module]];
    if (typeof module === 'function') {
      const invoke = module as (...a: unknown[]) => unknown;
      return [[name, (...args: unknown[]) => call(() => invoke(...args), { ...named(base, name, args), name })]];
    }
    if (name !== 'data') return [[name, wrapped(module, { ...base, name })]];
    // Every Wix Data items method names its collection first.
    const data = new Proxy(module as object, {
      get(target, property) {
        const member = Reflect.get(target, property);
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          const collection = typeof args[0] === 'string' ? args[0] : undefined;
          const context = named({ ...base, name }, String(property), args);
          return call(() => member.apply(target, args), { ...context, ...(collection ? { collection } : {}) });
        };
      },
    });
    return [[name, data]];
  });
  const callBudget = () => ({ used: meter.lastMinute(), limit: callsPerMinute });
  wrappedApis = { ...Object.fromEntries(entries), callBudget } as unknown as WixApis;
  return wrappedApis;
}
