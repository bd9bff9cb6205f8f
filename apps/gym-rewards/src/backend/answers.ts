import {
  InvalidInput,
  PlanRequired,
  Refused,
  SetupPrecondition,
  WixUnavailable,
  wixErrorCode,
} from '@gym-rewards/flows';
import type { Refusal } from '../shared/refusal';
import { tryAgainThrown } from './wix-error';

/** What a caller of a web method reads when Wix failed for a moment (the flows' `WixUnavailable`). */
export const TRY_AGAIN_REASON =
  'Wix is not answering for the moment: try again in a few seconds (the same request is never counted twice)';

/** What the Wix SDK throws for a refusal: Wix's error body as the SDK keeps it. */
interface WixRefusal {
  details?: {
    applicationError?: { code?: string; description?: string; data?: { field?: unknown; reason?: unknown } };
    validationError?: { fieldViolations?: Array<{ field?: string; description?: string }> };
  };
}

/**
 * Wix's refusal of input the app passed on (`INVALID_ARGUMENT`, e.g. a cursor Wix never issued), as the app's own
 * refusal: the field as the page names it (Wix's `query.cursorPaging.cursor` is the page's `cursor`), else as Wix does.
 */
function refusalOfWix(error: unknown): Refusal | null {
  const details = (error as WixRefusal | null)?.details;
  const violation = details?.validationError?.fieldViolations?.[0];
  // The SDK keeps a validation error's field violations and drops its application error.
  if (wixErrorCode(error) !== 'INVALID_ARGUMENT' && !violation) return null;
  const data = details?.applicationError?.data;
  const wixField = typeof data?.field === 'string' ? data.field : (violation?.field ?? '');
  const reason = typeof data?.reason === 'string' ? data.reason : (violation?.description ?? 'is not valid');
  const field = /(^|\.)cursor$/i.test(wixField) ? 'cursor' : wixField;
  return { code: 'INVALID_INPUT', message: reason, ...(field ? { field } : {}) };
}

/**
 * Runs a web method's work, turning the flows' refusals, and Wix's refusals of the input passed on, into a Refusal the
 * page can show next to the field; Wix failing for a moment into "try again" (503 `UNAVAILABLE`, `tryAgainThrown`).
 */
export async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidInput) {
      throw { code: 'INVALID_INPUT', field: error.field, message: error.reason } satisfies Refusal;
    }
    if (error instanceof PlanRequired) {
      const plan = error.plan ? { plan: error.plan } : {};
      throw { code: 'PLAN_REQUIRED', message: error.message, feature: error.feature, ...plan } satisfies Refusal;
    }
    if (error instanceof SetupPrecondition || error instanceof Refused) {
      throw { code: 'PRECONDITION', reason: error.code, message: error.message } satisfies Refusal;
    }
    if (error instanceof WixUnavailable) throw tryAgainThrown(TRY_AGAIN_REASON);
    const wix = refusalOfWix(error);
    if (wix) throw wix;
    throw error;
  }
}
