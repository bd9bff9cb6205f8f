import { ZodError } from 'zod';
import type { Doc } from '../storage/columns.ts';
import type { Tx } from '../storage/db.ts';
import { fromZodError, WixError } from './errors.ts';

/** The refusal behind a bulk item's error (not serialised), so the HTTP layer can answer it as the method may. */
export const REFUSAL = Symbol('refusal');

export interface BulkItemResult {
  itemMetadata: { id: unknown; originalIndex: number; success: boolean; error?: Doc };
  item?: Doc;
}

/**
 * Runs each item of a Wix bulk call in its own savepoint, the way Wix's bulk methods answer: a Wix error (or invalid
 * input) fails that item only, with `itemMetadata.error`; anything else fails the whole call. Answers
 * `{ results, bulkActionMetadata }`.
 */
export async function runBulk<T>(
  tx: Tx,
  inputs: T[],
  work: (tx: Tx, input: T, index: number) => Promise<Doc | undefined>,
  options: { returnEntity?: boolean | null | undefined; idOf?: (input: T) => unknown } = {},
) {
  const results: BulkItemResult[] = [];
  for (const [originalIndex, input] of inputs.entries()) {
    const knownId = options.idOf?.(input) ?? null;
    try {
      const item = await tx.transaction((savepoint) => work(savepoint, input, originalIndex));
      results.push({
        itemMetadata: { id: item?.id ?? knownId, originalIndex, success: true },
        ...(options.returnEntity !== false && item ? { item } : {}),
      });
    } catch (error) {
      const wix = error instanceof WixError ? error : error instanceof ZodError ? fromZodError(error) : null;
      if (!wix) throw error;
      results.push({
        itemMetadata: {
          id: knownId,
          originalIndex,
          success: false,
          error: { code: wix.code, description: wix.message, data: wix.data, [REFUSAL]: wix },
        },
      });
    }
  }
  const totalSuccesses = results.filter((r) => r.itemMetadata.success).length;
  return {
    results,
    bulkActionMetadata: { totalSuccesses, totalFailures: results.length - totalSuccesses, undetailedFailures: 0 },
  };
}
