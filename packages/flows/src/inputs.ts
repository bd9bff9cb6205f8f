import { z } from 'zod';

/** Input fields the flows share. */

export const memberId = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

/** A member's contact as Wix gives it with the member (`Member.contactId`, a GUID). */
export const contactId = z.string().uuid('must be a contact id (a GUID)');

/** A caller's id for one request (a visit, a redemption, an adjustment): retries carry the same one. */
export const requestId = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .regex(/^[\w.:@-]+$/, 'may hold letters, digits and . : @ _ - only');

/** A pickup's id as the flows make them (a stable id); far longer ones are not ids and would not fit Wix's URLs. */
export const pickupId = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

/** A NUL, or a surrogate not in a pair: JavaScript strings hold them, Wix (its storage) cannot. */
const unstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();
const unstorableReason = (text: string) =>
  text.includes('\u0000')
    ? 'must not contain NUL (\\u0000)'
    : 'must not contain a lone surrogate (unpaired \\uD800-\\uDFFF)';

/**
 * The first string in a flow's input, value or field name, that Wix could not store: its field (dotted path, e.g.
 * `tiers.0.productIds.1`; the object for a field name) and the reason, or null. Every flow's schema is applied
 * through `parseInput`, which refuses such input first. Walked without recursion, so no input exhausts the stack.
 */
export function unstorableString(input: unknown): { field: string; reason: string } | null {
  const pending: Array<[unknown, string]> = [[input, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (unstorable(value)) return { field: path, reason: unstorableReason(value) };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], path ? `${path}.${i}` : String(i)]);
    } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        if (unstorable(key)) return { field: path, reason: `field names ${unstorableReason(key)}` };
        pending.push([(value as Record<string, unknown>)[key], path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}
