/**
 * What a web method throws to its caller when it refuses: a plain object, so it survives the trip to the browser
 * (the Wix runtime sends a thrown value back as the call's `result` with `exception: true`). Shared by the backend and
 * the pages and widget; it imports nothing, so it adds nothing to a bundle.
 */
export interface Refusal {
  code: 'INVALID_INPUT' | 'NOT_ALLOWED' | 'PRECONDITION' | 'PLAN_REQUIRED';
  message: string;
  /** The input field at fault (dotted path, e.g. `tiers.0.price`), for INVALID_INPUT. */
  field?: string;
  /**
   * For PRECONDITION: what stands in the way, as the flows name it (`UNPUBLISHED_SITE`, `STORES_V3_REQUIRED`, …), so a
   * page can say it in its own language; `message` says it in English.
   */
  reason?: string;
  /** For PLAN_REQUIRED: the plan feature asked for (`payment-links`) and the plan that unlocks it (`grow`). */
  feature?: string;
  plan?: string;
}

/**
 * Wix failing for a moment is not a refusal but "try again" (`{ code: 'UNAVAILABLE', status: 503, message }`): the
 * request is not settled, and sent again with the same request id counts once.
 */
export function isTryAgain(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { code?: unknown }).code === 'UNAVAILABLE';
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value && !isTryAgain(value);
}

/** What a person is told when what went wrong says nothing they could use. */
export const SOMETHING_WENT_WRONG = 'Something went wrong. Try again.';

/** A message for a person, from whatever a web method call threw. */
export function messageOf(error: unknown): string {
  if (isRefusal(error)) return error.field ? `${error.field}: ${error.message}` : error.message;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error && 'message' in error) return String((error as { message: unknown }).message);
  return SOMETHING_WENT_WRONG;
}
