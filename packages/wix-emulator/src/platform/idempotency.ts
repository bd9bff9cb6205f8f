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
  { field = 'idempotencyKey', reuseCode = 'ALREADY_EXISTS', executedCode = reuseCode, strict = false }: KeyOptions = {},
): Promise<T> {
  requireKey(key, field);
  const hash = fingerprint(request);
  const which = and(eq(idempotency.scope, scope), eq(idempotency.key, key));
  // The key is claimed by inserting its row: a request with the same key waits on that row until this transaction
  // ends, then finds the first answer (or, if this one failed and changed nothing, claims the key itself).
  const claimed = await claimKey(tx, { scope, key, hash });
  if (claimed.length === 0) return firstAnswer<T>(tx, scope, key, hash, { field, reuseCode, executedCode, strict });
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

/** A key is required, of at most 200 characters (`field` names it in the refusal). */
function requireKey(key: string | undefined | null, field: string): asserts key is string {
  if (!key) throw invalidArgument(field, 'is required');
  if (key.length > 200) throw invalidArgument(field, 'must be at most 200 characters', 'MAX_LENGTH');
}

/**
 * The answer kept under a key claimed before (`idempotent`): the first answer to the same request, or the refusal of a
 * reused key (always, in strict mode).
 */
async function firstAnswer<T>(
  tx: Tx,
  scope: string,
  key: string,
  hash: string,
  { field, reuseCode, executedCode, strict }: Required<KeyOptions>,
): Promise<T> {
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

interface KeyOptions {
  field?: string;
  reuseCode?: string;
  executedCode?: string;
  strict?: boolean;
}

/**
 * A key's claim and its answer's record as parts of the work's own statements (`idempotentRequestAlong`): the
 * `WITH`s `keyClaim` (its rows: the key when this request claimed it, none when it was claimed before) and
 * `answerKeep`, whose placeholders' values (`claimValues`, `keepValues(answer)`) join the statement's.
 */
export interface KeyAlong<T> {
  claimValues: Record<string, unknown>;
  keepValues(answer: T): Record<string, unknown>;
}

/** The claim of `KeyAlong`, for a statement's `with`. */
export const keyClaim = (tx: Tx) =>
  tx.$with('key_claimed').as(
    tx
      .insert(idempotency)
      .values({
        scope: sql.placeholder('key.scope') as never,
        key: sql.placeholder('key.key') as never,
        requestHash: sql.placeholder('key.hash') as never,
        response: {},
      })
      .onConflictDoNothing()
      .returning({ key: idempotency.key }),
  );

/** The record of the answer of `KeyAlong`, for a statement's `with`. */
export const answerKeep = (tx: Tx) =>
  tx.$with('answer_kept').as(
    tx
      .update(idempotency)
      .set({ response: sql`${sql.placeholder('key.response')}::jsonb` })
      .where(and(eq(idempotency.scope, sql.placeholder('key.scope')), eq(idempotency.key, sql.placeholder('key.key'))))
      .returning({ key: idempotency.key }),
  );

/** What work done with `idempotentRequestAlong` answers when its first statement found the key claimed before. */
export const KEY_TAKEN = Symbol('the key was claimed before');

/**
 * `idempotentRequest` for work that claims the key in its first statement and records the answer in its last (the
 * `WITH`s `keyClaim` and `answerKeep`, with the values `key` gives), two round trips to PostgreSQL fewer. The work
 * must start by locking the one row every request of `scope` changes (Change Balance: the pool), which serialises
 * requests with one key as the claim's row does in `idempotent`; a work that finds the key taken changes nothing and
 * answers `KEY_TAKEN`, and the first answer (or the refusal) is read as `idempotent` reads it. A work that fails takes
 * the claim with it (the transaction is rolled back).
 */
export function idempotentRequestAlong<T extends Doc>(
  ctx: { tx<R>(work: (tx: Tx) => Promise<R>): Promise<R>; settings: { strict: boolean } },
  scope: string,
  request: { idempotencyKey: string },
  work: (tx: Tx, key: KeyAlong<T>) => Promise<T | typeof KEY_TAKEN>,
  options: { reuseCode?: string; executedCode?: string } = {},
): Promise<T> {
  const { reuseCode = 'ALREADY_EXISTS', executedCode = reuseCode } = options;
  const field = 'idempotencyKey';
  const key = request.idempotencyKey;
  requireKey(key, field);
  const hash = fingerprint(request);
  const along: KeyAlong<T> = {
    claimValues: { 'key.scope': scope, 'key.key': key, 'key.hash': hash },
    keepValues: (answer) => ({ 'key.scope': scope, 'key.key': key, 'key.response': JSON.stringify(answer) }),
  };
  return ctx.tx(async (tx) => {
    const answer = await work(tx, along);
    if (answer !== KEY_TAKEN) return answer;
    return firstAnswer<T>(tx, scope, key, hash, { field, reuseCode, executedCode, strict: ctx.settings.strict });
  });
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
