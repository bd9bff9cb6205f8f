import { dashboard } from '@wix/dashboard';
import { isRefusal, messageOf, type Refusal } from '../../shared/refusal';

export { isRefusal, messageOf, type Refusal };

type ToastType = 'standard' | 'success' | 'warning' | 'error';

/** A dashboard toast. Outside the Wix dashboard (no host) it does nothing rather than break the page. */
export function toast(message: string, type: ToastType = 'standard'): void {
  try {
    dashboard.showToast({ message, type });
  } catch (error) {
    console.warn('toast not shown:', message, error);
  }
}

/** A field error from a refusal: the field path (e.g. `tiers.0.price`) and the reason, or null. */
export interface FieldError {
  field: string;
  message: string;
}

export function fieldErrorOf(error: unknown): FieldError | null {
  if (isRefusal(error) && error.code === 'INVALID_INPUT' && error.field) {
    return { field: error.field, message: error.message };
  }
  return null;
}

/** The reason to show next to `path` (or anything inside it), if the refusal names it. */
export function errorAt(error: FieldError | null, path: string): string | undefined {
  if (!error) return undefined;
  return error.field === path || error.field.startsWith(`${path}.`) ? error.message : undefined;
}

/** A message for a whole-form problem: the refusal's own message, without a field prefix. */
export const reasonOf = (error: unknown) => (isRefusal(error) ? error.message : messageOf(error));
