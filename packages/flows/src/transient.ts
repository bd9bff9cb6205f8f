import { wixErrorCode } from './wix.ts';

/**
 * Wix failing for a moment (`withRetries`): a 5xx, or no answer at all (a connection reset, refused or cut). Such a call
 * may or may not have been made, so it is made again only when that is safe: a read, or a write carrying an
 * idempotency key (Wix answers the key's second use as the first, or `ALREADY_EXECUTED`, which the flows read back).
 * Anything else fails at once with `WixUnavailable`, for the caller to retry with its request id.
 */

/** The waits between the attempts of a call Wix failed for a moment: seven attempts in about six seconds. */
export const TRANSIENT_WAITS_MS = [100, 200, 400, 800, 1_600, 3_200];

const statusOf = (error: unknown): number | undefined => {
  const e = error as { status?: unknown; httpStatus?: unknown; response?: { status?: unknown } } | null;
  const status = e?.status ?? e?.httpStatus ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
};

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** A failure with no answer from Wix: what `fetch` throws when the connection is reset, refused or cut. */
function isNetworkFailure(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; cause?: unknown; message?: unknown } | null, depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && /fetch failed|socket hang up|other side closed/i.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Wix's standard codes of a 500 and a 503 ("About Errors"): what the Wix Data SDK keeps of them (no status). */
const UNAVAILABLE_CODES = new Set(['INTERNAL', 'UNAVAILABLE']);

/** Whether a call failed for want of Wix: a 5xx, or no answer. */
export function isUnavailable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status >= 500;
  return UNAVAILABLE_CODES.has(wixErrorCode(error) ?? '') || isNetworkFailure(error);
}

/** A REST answer (`fetchWithAuth` answers rather than throws) that is a 5xx. */
export const isUnavailableAnswer = (answer: unknown) => answer instanceof Response && answer.status >= 500;

/** Method names of calls that only read: getters, queries and their `find()`, pages' `next()`, counts, searches. */
const READS = /^(get|query|find|search|list|count|next|prev|siteTimeZone)/;

const hasKey = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  const key = (value as { idempotencyKey?: unknown }).idempotencyKey;
  return typeof key === 'string' && key.length > 0;
};

/**
 * Whether a call may be made again after Wix failed to answer it: it only reads, or it carries an idempotency key
 * (in its options, as Redeem Benefit and Renew Program take it; as the second argument of Change Balance and Revert
 * Balance Change; as Report Event's `idempotency.key`; in a REST body).
 */
export function safeToRetry(method: string, args: readonly unknown[]): boolean {
  if (READS.test(method)) return true;
  if (method === 'fetchWithAuth') {
    const init = args[1] as RequestInit | undefined;
    if (!init?.method || init.method.toUpperCase() === 'GET') return true;
    try {
      return typeof init.body === 'string' && hasKey(JSON.parse(init.body));
    } catch {
      return false;
    }
  }
  if (method === 'changeBalance' || method === 'revertBalanceChange') {
    return typeof args[1] === 'string' && args[1].length > 0;
  }
  // Report Event takes its key as `idempotency.key` in its options (Wix ignores a key it saw).
  if (method === 'reportEvent') {
    const key = (args[1] as { idempotency?: { key?: unknown } } | undefined)?.idempotency?.key;
    return typeof key === 'string' && key.length > 0;
  }
  return args.some(hasKey);
}

/** Wix did not answer a call: after the bounded retries of a safe call, or at once for a write without a key. */
export class WixUnavailable extends Error {
  /** The HTTP status Wix answered (a 5xx), or undefined when no answer came. */
  readonly status: number | undefined;
  constructor(
    readonly call: string,
    readonly failure: unknown,
    readonly attempts: number,
    /** Whether the call was safe to retry (and was, `attempts` times in all). */
    readonly retried: boolean,
  ) {
    const status = failure instanceof Response ? failure.status : statusOf(failure);
    const code = wixErrorCode(failure);
    const what =
      status !== undefined ? `HTTP ${status}` : code ? code : `no answer: ${(failure as Error)?.message ?? failure}`;
    super(
      retried
        ? `Wix did not answer ${call} in ${attempts} attempts (${what}); nothing was left half done: try again later`
        : `Wix did not answer ${call} (${what}); it may or may not have been made: retry the request with the same request id`,
    );
    this.name = 'WixUnavailable';
    this.status = status;
  }
}
