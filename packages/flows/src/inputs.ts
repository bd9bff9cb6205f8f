import { z } from 'zod';

/** Input fields the flows share. */

export const memberId = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

/** A caller's id for one request (a visit, a redemption, an adjustment): retries carry the same one. */
export const requestId = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .regex(/^[\w.:@-]+$/, 'may hold letters, digits and . : @ _ - only');
