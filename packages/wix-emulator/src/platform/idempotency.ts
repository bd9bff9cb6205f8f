import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { conflict, invalidArgument } from '../http/errors.ts';
import { builtOnce } from '../storage/built-once.ts';
import type { Doc } from '../storage/columns.ts';
import type { Tx } from '../storage/db.ts';
import { idempotency } from './tables.ts';

/** A stable fingerprint of a request: the same fields in any order give the same hash. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, x]) => [k, canonical(x)]),
      );
    }
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

const keyIs = and(eq(idempotency.scope, sql.placeholder('scope')), eq(idempotency.key, sql.placeholder('key')));

/** Claims a key: its row inserted, or nothing when the key has one (`[[key]]` or `[]`). */
const claimKey = builtOnce<{ scope: string; key: string; hash: string }>((tx) =>
  tx
    .insert(idempotency)
    .values({
      scope: sql.placeholder('scope'),
      key: sql.placeholder('key'),
      requestHash: sql.placeholder('hash'),
      response: {},
    })
    .onConflictDoNothing()
    .returning({ key: idempotency.key }),
);

/** The request hash and the answer kept under a key (`[[requestHash, response]]`). */
const keptAnswer = builtOnce<{ scope: string; key: string }>((tx) =>
  tx.select({ requestHash: idempotency.requestHash, response: idempotency.response }).from(idempotency).where(keyIs),
);

/** Keeps the answer under a claimed key (`response`: its JSON). */
const keepAnswer = builtOnce<{ scope: string; key: string; response: string }>((tx) =>
  tx
    .update(idempotency)
    .set({ response: sql`${sql.placeholder('response')}::jsonb` })
    .where(keyIs),
);

/**
 * Runs `work` once per (scope, key) inside the caller's transaction. A retry with the same key and the same
 * request gets the first answer and changes nothing; the same key with a different request is refused with
 * `reuseCode`: the method's declared code (Change Balance and Cancel Redemption declare `ALREADY_EXECUTED`), else
 * Wix's standard `ALREADY_EXISTS`.
 * Requests with one key are serialised by the key's row, inserted first (a second insert waits for the first
 * transaction to end), so a race cannot run `work` twice.
 *
 * Strict mode (`strict: true`): a reused key is refused even when the request is the same, never answered the first
 * answer again: with `executedCode` (the method's "already executed" refusal; `reuseCode` unless given), since Wix
 * declares a reused key as `ALREADY_EXECUTED` and does not say it replays the first answer. The work never runs twice.
 */
export async function idempotent<T extends Doc>(
  tx: Tx,
  scope: string,
  key: string | undefined | null,
  request: unknown,
  work: () => Promise<T>,
  {
    field = 'idempotencyKey',
    reuseCode = 'ALREADY_EXISTS',
    executedCode = reuseCode,
    strict = false,
  }: { field?: string; reuseCode?: string; executedCode?: string; strict?: boolean } = {},
): Promise<T> {
  if (!key) throw invalidArgument(field, 'is required');
  if (key.length > 200) throw invalidArgument(field, 'must be at most 200 characters', 'MAX_LENGTH');
  const hash = fingerprint(request);
  const which = and(eq(idempotency.scope, scope), eq(idempotency.key, key));
  // The key is claimed by inserting its row: a request with the same key waits on that row until this transaction
  // ends, then finds the first answer (or, if this one failed and changed nothing, claims the key itself).
  const claimed = await claimKey(tx, { scope, key, hash });
  if (claimed.length === 0) {
    const [previous] = await keptAnswer(tx, { scope, key });
    if (!previous) throw new Error(`idempotency key ${scope} ${key}: claimed, then gone`);
    const [requestHash, response] = previous;
    if (strict) {
      throw conflict(executedCode, `${field} "${key}" was already used: that request was already executed`, {
        idempotencyKey: key,
      });
    }
    if (requestHash !== hash) {
      throw conflict(reuseCode, `${field} "${key}" was already used for a different request`, {
        idempotencyKey: key,
      });
    }
    return response as T;
  }
  let response: T;
  try {
    response = await work();
  } catch (error) {
    // A caller that goes on in its transaction after the refusal keeps no claim: the key answers nothing yet. When the
    // failure aborted the transaction, the delete fails too and is let go: the rollback takes the claim with it.
    await tx
      .delete(idempotency)
      .where(which)
      .catch(() => {});
    throw error;
  }
  await keepAnswer(tx, { scope, key, response: JSON.stringify(response) });
  return response;
}

/**
 * `idempotent` over a request that carries its `idempotencyKey`, in a transaction of its own, strict as the
 * emulator is set.
 */
export function idempotentRequest<T extends Doc>(
  ctx: { tx<R>(work: (tx: Tx) => Promise<R>): Promise<R>; settings: { strict: boolean } },
  scope: string,
  request: { idempotencyKey: string },
  work: (tx: Tx) => Promise<T>,
  options: { reuseCode?: string; executedCode?: string } = {},
): Promise<T> {
  return ctx.tx((tx) =>
    idempotent(tx, scope, request.idempotencyKey, request, () => work(tx), { ...options, strict: ctx.settings.strict }),
  );
}
