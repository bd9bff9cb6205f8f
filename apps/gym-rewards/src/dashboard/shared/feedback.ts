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
    return { field: error.field, message: readable(error.message) };
  }
  return null;
}

/** The validator's wording for an empty field, in a person's words; other reasons as they are. */
function readable(message: string): string {
  if (/expected number, received (null|undefined|NaN)/i.test(message)) return 'Enter a number';
  if (/expected string, received (null|undefined)/i.test(message)) return 'This is required';
  return message;
}

/** The reason to show next to `path` (or anything inside it), if the refusal names it. */
export function errorAt(error: FieldError | null, path: string): string | undefined {
  if (!error) return undefined;
  return error.field === path || error.field.startsWith(`${path}.`) ? error.message : undefined;
}

/** A message for a whole-form problem: the refusal's own message, without a field prefix. */
export const reasonOf = (error: unknown) => (isRefusal(error) ? error.message : messageOf(error));

/** A request id for one submission: a retry of the same submission sends the same id. */
export function newRequestId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
