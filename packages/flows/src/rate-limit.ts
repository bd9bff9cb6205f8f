import type { WixApis } from './wix.ts';
import { wixErrorCode } from './wix.ts';

/**
 * Wix lets an app make 200 calls a minute per site; past that it answers HTTP 429 (`RESOURCE_EXHAUSTED`) until the
 * minute is over. The flows' Wix APIs retry such a call with growing waits (about 30 s in all), so a busy minute slows
 * a flow down instead of failing it. Nothing else is retried: any other refusal is the flow's to read.
 */
export function isRateLimited(error: unknown): boolean {
  const e = error as { status?: number; httpStatus?: number };
  return e?.status === 429 || e?.httpStatus === 429 || wixErrorCode(error) === 'RESOURCE_EXHAUSTED';
}

export const RATE_LIMIT_WAITS_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A REST answer (`fetchWithAuth` answers rather than throws) saying the budget is spent. */
const isLimitedAnswer = (answer: unknown) => answer instanceof Response && answer.status === 429;

async function retried<T>(call: () => Promise<T>, first: Promise<T>, wait: Sleep): Promise<T> {
  let attempt = first;
  for (const ms of RATE_LIMIT_WAITS_MS) {
    try {
      const answer = await attempt;
      if (!isLimitedAnswer(answer)) return answer;
    } catch (error) {
      if (!isRateLimited(error)) throw error;
    }
    await wait(ms);
    attempt = call();
  }
  return attempt;
}

const isThenable = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * Wraps what an SDK call answers so that the calls it leads to are retried too: a query builder's chain and `find()`,
 * and a page's `next()`.
 */
function wrapped(value: unknown, wait: Sleep): unknown {
  if (!isObject(value) || Array.isArray(value) || value instanceof Date || value instanceof Response) return value;
  return new Proxy(value, {
    get(target, property) {
      const member = Reflect.get(target, property);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => call(() => member.apply(target, args), wait);
    },
  });
}

function call(invoke: () => unknown, wait: Sleep): unknown {
  const result = invoke();
  if (!isThenable(result)) return wrapped(result, wait);
  return retried(invoke as () => Promise<unknown>, result, wait).then((answer) => wrapped(answer, wait));
}

/** The same Wix APIs, with every call (query builders and pages included) retried when Wix says the budget is spent. */
export function withRateLimitRetries(wix: WixApis, wait: Sleep = sleep): WixApis {
  const modules = Object.fromEntries(
    Object.entries(wix).map(([name, module]) => [
      name,
      typeof module === 'function'
        ? (...args: unknown[]) => call(() => (module as (...a: unknown[]) => unknown)(...args), wait)
        : wrapped(module, wait),
    ]),
  );
  return modules as unknown as WixApis;
}
