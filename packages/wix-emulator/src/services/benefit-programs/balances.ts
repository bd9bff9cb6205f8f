import type Big from 'big.js';
import { z } from 'zod';
import { conflict, failedPrecondition } from '../../http/errors.ts';
import { Router, requireCaller, requireManager } from '../../http/router.ts';
import { fieldsOf } from '../../http/shapes.ts';
import { answerKeep, idempotentRequestAlong, KEY_TAKEN, type KeyAlong } from '../../platform/idempotency.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { queryEntities } from '../../storage/query.ts';
import { ownedReads, ownedScope } from './access.ts';
import { beneficiary, decimal, guid, idempotencyKey, normalizeBeneficiary } from './common.ts';
import {
  applyChange,
  availableOf,
  balanceExceededLimits,
  dec,
  lockPoolAndBalanceClaiming,
  type Reversal,
  reverseOnce,
} from './ledger.ts';
import { type Balance, balances, type Transaction } from './tables.ts';

const BASE = '/benefit-programs/v1/balances';

const transactionDetails = z
  .object({
    item: z
      .object(
        fieldsOf(z.string().nullish(), 'id', 'externalId', 'category', 'itemSetId', 'displayName', 'providerAppId'),
      )
      .optional(),
    itemCount: z.number().int().nullish(),
    effectiveDate: z.iso.datetime({ offset: true }).nullish(),
    reason: z.string().max(500, 'must be at most 500 characters').nullish(),
    benefitKey: z.string().nullish(),
  })
  .optional();

const changeRequest = z
  .object({
    poolId: guid,
    idempotencyKey,
    type: z.enum(['ADJUST', 'SET'], { message: 'must be ADJUST or SET' }),
    adjustOptions: z.object({ value: decimal, beneficiary: beneficiary.optional() }).optional(),
    setOptions: z.object({ value: decimal, beneficiary: beneficiary.optional() }).optional(),
    instructingParty: beneficiary.optional(),
    transactionDetails,
  })
  .superRefine((r, issue) => {
    if (r.type === 'ADJUST' && !r.adjustOptions)
      issue.addIssue({ code: 'custom', message: 'is required for ADJUST', path: ['adjustOptions'] });
    if (r.type === 'SET' && !r.setOptions)
      issue.addIssue({ code: 'custom', message: 'is required for SET', path: ['setOptions'] });
    if (r.type === 'SET' && r.setOptions?.value.startsWith('-'))
      issue.addIssue({ code: 'custom', message: 'must not be negative', path: ['setOptions', 'value'] });
  });

/**
 * Change Balance: ADJUST adds `adjustOptions.value` (negative takes away), SET makes `available` equal
 * `setOptions.value`. Only an active pool's balance changes; it never goes below zero.
 */
async function changeBalance(
  tx: Tx,
  now: Date,
  request: z.infer<typeof changeRequest>,
  key: KeyAlong<ChangeAnswer>,
): Promise<ChangeAnswer | typeof KEY_TAKEN> {
  const { pool, balance, taken } = await lockPoolAndBalanceClaiming(tx, request.poolId, key);
  if (taken) return KEY_TAKEN;
  if (pool.status !== 'ACTIVE') {
    throw failedPrecondition('FAILED_PRECONDITION', `pool ${pool.id} is ${pool.status}: its balance cannot change`, {
      poolId: pool.id,
      poolStatus: pool.status,
    });
  }
  const delta: Big =
    request.type === 'ADJUST'
      ? dec(request.adjustOptions?.value)
      : dec(request.setOptions?.value).minus(availableOf(balance));
  const result = await applyChange(
    tx,
    pool,
    balance,
    {
      delta,
      idempotencyKey: request.idempotencyKey,
      kind: request.type,
      instructingParty: request.instructingParty ? normalizeBeneficiary(request.instructingParty) : null,
      details: (request.transactionDetails ?? {}) as Doc,
    },
    now,
    balanceExceededLimits,
    {
      name: 'the answer kept',
      with: answerKeep,
      values: ({ inserted, saved }) => key.keepValues({ balance: saved, transactionId: String(inserted.id) }),
    },
  );
  return { balance: result.balance, transactionId: String(result.transaction.id) };
}

/** What Change Balance answers. */
type ChangeAnswer = { balance: Balance; transactionId: string };

/** Revert Balance Change: a transaction the other way, once per transaction; refused when it would go below zero. */
function revertOf(original: Transaction): Reversal {
  if (original.relatedTransactionId) {
    throw failedPrecondition('FAILED_PRECONDITION', `transaction ${original.id} is itself a reversal`, {
      transactionId: original.id,
    });
  }
  const alreadyDone = (previous: Transaction) =>
    conflict('CHANGE_ALREADY_REVERTED', `transaction ${original.id} was already reverted`, {
      originalTransactionId: original.id,
      revertedTransactionId: previous.id,
    });
  return { entry: { kind: 'REVERT' }, checks: { alreadyDone } };
}

export function balanceRoutes(): Router {
  const r = new Router();

  ownedReads(r, BASE, balances, 'balance', 'poolId', 'NOT_FOUND', 'balance of pool');

  r.get(BASE, async ({ body, ctx }) => {
    const identity = requireCaller(ctx);
    const input = z
      .object({
        poolIds: z.union([z.string(), z.array(z.string())]).optional(),
        cursorPaging: z.object({ limit: z.coerce.number().nullish(), cursor: z.string().nullish() }).optional(),
      })
      .parse(body);
    const ids = input.poolIds === undefined ? undefined : ([] as string[]).concat(input.poolIds);
    const query = input.cursorPaging?.cursor
      ? { cursorPaging: input.cursorPaging }
      : { filter: ids ? { id: { $in: ids } } : {}, cursorPaging: input.cursorPaging ?? {} };
    // The request's paging is at its top level: `cursorPaging.cursor`.
    const page = await queryEntities(ctx.db, balances, query, ownedScope(balances, identity), '');
    return { balances: page.docs, metadata: page.cursorMetadata };
  });

  r.post(`${BASE}/:poolId/change`, async ({ params, body, ctx }) => {
    requireManager(ctx, 'changeBalance');
    const request = changeRequest.parse({ ...(body as Doc), poolId: params.poolId });
    // The key is claimed as the pool is locked, and the answer kept as the entry and the balance are written.
    const change = (tx: Tx, key: KeyAlong<ChangeAnswer>) => changeBalance(tx, ctx.now, request, key);
    const scope = `balances.changeBalance:${request.poolId}`;
    return idempotentRequestAlong(ctx, scope, request, change, { reuseCode: 'ALREADY_EXECUTED' });
  });

  r.post(`${BASE}/changes/:transactionId/revert`, async ({ params, body, ctx }) => {
    requireManager(ctx, 'revertBalanceChange');
    const request = z
      .object({ transactionId: guid, idempotencyKey })
      .parse({ ...(body as Doc), transactionId: params.transactionId });
    // Its key is deprecated and ignored by Wix: in strict mode a repeat is what Wix declares, already reverted.
    return reverseOnce(ctx, 'balances.revertBalanceChange', request, revertOf, {
      executedCode: 'CHANGE_ALREADY_REVERTED',
    });
  });

  return r;
}
