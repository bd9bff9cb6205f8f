import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { badRequest, conflict, failedPrecondition, notFound, permissionDenied } from '../../http/errors.ts';
import { type Ctx, isManager, Router, requireCaller, requireManager } from '../../http/router.ts';
import { answerKeep, idempotentRequestAlong, KEY_TAKEN, type KeyAlong } from '../../platform/idempotency.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { findEntity } from '../../storage/entities.ts';
import { callerAsBeneficiary, ownedReads, ownedUpdate } from './access.ts';
import {
  beneficiary,
  guid,
  idempotencyKey,
  inNamespaceContaining,
  itemReference,
  namespace,
  normalizeBeneficiary,
  sameBeneficiary,
} from './common.ts';
import {
  applyChange,
  availableOf,
  dec,
  findPoolAndBalanceClaiming,
  fmt,
  lockBalance,
  NotEnoughBalance,
  type Reversal,
  reverseOnce,
} from './ledger.ts';
import { balances, type Item, items, type Pool, pools, type Transaction } from './tables.ts';

const ItemReference = itemReference;
type ItemRef = z.infer<typeof ItemReference>;

const count = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1000, 'must be at most 1000')
  .optional();

const redeemRequest = z.object({
  poolId: guid,
  itemReference: ItemReference,
  benefitKey: z.string().min(1, 'is required').max(64, 'must be at most 64 characters'),
  count,
  targetDate: z.iso.datetime({ offset: true }).nullish(),
  idempotencyKey,
  additionalData: z.record(z.string(), z.unknown()).nullish(),
  beneficiary: beneficiary.optional(),
  namespace,
});

const benefitSelector = z.object({
  poolId: guid,
  benefitKey: z.string().max(64, 'must be at most 64 characters').nullish(),
  itemReference: ItemReference,
  count,
  targetDate: z.iso.datetime({ offset: true }).nullish(),
  additionalData: z.record(z.string(), z.unknown()).nullish(),
});

const eligibilityRequest = benefitSelector.extend({ beneficiary: beneficiary.optional(), namespace });

const benefitsOf = (pool: Pool) => pool.details?.benefits ?? [];

/** The item sets an item belongs to in a namespace (one per benefit it can be redeemed through). */
async function itemSetsOf(tx: Tx, ns: string, ref: ItemRef): Promise<Map<string, Item>> {
  const rows = await tx
    .select({ data: items.data, itemSetId: items.itemSetId })
    .from(items)
    .where(
      and(eq(items.namespace, ns), eq(items.externalId, ref.externalId), eq(items.providerAppId, ref.providerAppId)),
    );
  return new Map(rows.map((r) => [r.itemSetId, r.data]));
}

/**
 * One eligibility check, as Wix answers it: a result per benefit of the pool that covers the item (or the named
 * benefit). A balance equal to the price is enough.
 */
async function checkEligibility(tx: Tx, ns: string, selector: z.infer<typeof benefitSelector>): Promise<Doc[]> {
  const [row] = await tx.select({ data: pools.data }).from(pools).where(eq(pools.id, selector.poolId));
  const pool = row?.data;
  if (!pool || pool.namespace !== ns)
    return [{ type: 'POOL_NOT_FOUND', poolNotFoundOptions: { poolId: selector.poolId } }];
  if (pool.status !== 'ACTIVE') {
    return [{ type: 'POOL_NOT_ACTIVE', poolNotActiveOptions: { poolId: pool.id, poolStatus: pool.status } }];
  }
  const sets = await itemSetsOf(tx, ns, selector.itemReference);
  const benefits = benefitsOf(pool).filter(
    (b) => sets.has(String(b.itemSetId)) && (!selector.benefitKey || b.benefitKey === selector.benefitKey),
  );
  if (benefits.length === 0) {
    return [
      {
        type: 'BENEFIT_NOT_FOUND',
        benefitNotFoundOptions: { poolId: pool.id, benefitKey: selector.benefitKey ?? null },
      },
    ];
  }
  const balance = await findEntity(tx, balances, String(pool.id));
  const available = balance ? availableOf(balance) : dec(0);
  const itemCount = selector.count ?? 1;
  return benefits.map((benefit) => {
    const price = dec(benefit.price).times(itemCount);
    return price.lte(available)
      ? {
          type: 'ELIGIBLE_BENEFIT',
          eligibleBenefitOptions: {
            poolId: pool.id,
            benefitKey: benefit.benefitKey,
            itemReference: selector.itemReference,
            price: benefit.price ?? '0',
          },
        }
      : {
          type: 'NOT_ENOUGH_BALANCE',
          notEnoughBalanceOptions: {
            poolId: pool.id,
            itemReference: selector.itemReference,
            availableBalance: fmt(available),
            requestedBalance: fmt(price),
          },
        };
  });
}

/** The beneficiary a read-permission call is about: the caller themself, unless an app or Wix user names one. */
function beneficiaryFor(ctx: Ctx, given: z.infer<typeof beneficiary> | undefined): Doc | undefined {
  const identity = requireCaller(ctx);
  const self = callerAsBeneficiary(identity);
  if (isManager(identity)) return given ? normalizeBeneficiary(given) : undefined;
  if (given && !sameBeneficiary(normalizeBeneficiary(given), self)) {
    throw permissionDenied('a member or visitor may only ask about their own benefits');
  }
  return self;
}

async function redeem(
  tx: Tx,
  now: Date,
  request: z.infer<typeof redeemRequest>,
  key: KeyAlong<Redemption>,
): Promise<Redemption | typeof KEY_TAKEN> {
  const locked = await findPoolAndBalanceClaiming(tx, request.poolId, key);
  if (locked?.taken) return KEY_TAKEN;
  const pool = locked?.pool ?? (await findEntity(tx, pools, request.poolId, true));
  if (!pool || pool.namespace !== request.namespace) {
    throw notFound('POOL_NOT_FOUND', `pool ${request.poolId} not found`, { poolId: request.poolId });
  }
  if (request.beneficiary && !sameBeneficiary(normalizeBeneficiary(request.beneficiary), pool.beneficiary)) {
    throw notFound('POOL_NOT_FOUND', `pool ${request.poolId} does not belong to that beneficiary`, {
      poolId: request.poolId,
    });
  }
  if (pool.status !== 'ACTIVE') {
    throw failedPrecondition('POOL_NOT_ACTIVE', `pool ${pool.id} is ${pool.status}`, {
      poolId: pool.id,
      poolStatus: pool.status,
    });
  }
  const benefit = benefitsOf(pool).find((b) => b.benefitKey === request.benefitKey);
  const benefitNotFound = () =>
    notFound('BENEFIT_NOT_FOUND', `pool ${pool.id} has no benefit "${request.benefitKey}" covering that item`, {
      poolId: pool.id,
      benefitKey: request.benefitKey,
    });
  if (!benefit) throw benefitNotFound();
  const item = (await itemSetsOf(tx, request.namespace, request.itemReference)).get(String(benefit.itemSetId));
  if (!item) throw benefitNotFound();
  const itemCount = request.count ?? 1;
  const price = dec(benefit.price).times(itemCount);
  const balance = locked?.balance ?? (await lockBalance(tx, String(pool.id)));
  const available = availableOf(balance);
  if (price.gt(available)) throw new NotEnoughBalance(pool, available, price);
  const { transaction } = await applyChange(
    tx,
    pool,
    balance,
    {
      delta: price.times(-1),
      idempotencyKey: request.idempotencyKey,
      kind: 'REDEMPTION',
      instructingParty: null,
      details: {
        item: {
          id: item.id,
          externalId: item.externalId,
          category: item.category ?? null,
          itemSetId: item.itemSetId,
          displayName: item.displayName ?? null,
          providerAppId: item.providerAppId,
        },
        itemCount,
        effectiveDate: request.targetDate ?? now.toISOString(),
        reason: null,
        benefitKey: benefit.benefitKey,
      },
    },
    now,
    undefined,
    { name: 'the answer kept', with: answerKeep, values: ({ inserted }) => key.keepValues(redemptionOf(inserted)) },
  );
  return redemptionOf(transaction);
}

/** What Redeem Benefit answers. */
type Redemption = { transactionId: string };
const redemptionOf = (transaction: Transaction): Redemption => ({ transactionId: String(transaction.id) });

/** Cancel Redemption: the redemption's credits back, once; refused when the pool has ended. */
function cancellationOf(original: Transaction): Reversal {
  const details = original.details ?? {};
  if (!details.benefitKey || original.source !== 'AVAILABLE' || original.relatedTransactionId) {
    throw badRequest('TRANSACTION_NOT_CANCELABLE', `transaction ${original.id} is not a redemption`, {
      transactionId: original.id,
    });
  }
  const entry: Reversal['entry'] = {
    kind: 'REDEMPTION_CANCEL',
    details: { item: details.item, itemCount: details.itemCount, benefitKey: details.benefitKey },
  };
  const alreadyDone = (previous: Transaction) =>
    conflict('REDEMPTION_ALREADY_CANCELED', `redemption ${original.id} was already canceled`, {
      cancellationTransactionId: previous.id,
    });
  const pool = (pool: Pool) => {
    if (pool.status === 'ENDED') {
      throw failedPrecondition('FAILED_PRECONDITION', `pool ${pool.id} has ended`, {
        poolId: pool.id,
        poolStatus: pool.status,
      });
    }
  };
  return { entry, checks: { alreadyDone, pool } };
}

export function poolRoutes(): Router {
  const r = new Router();
  const BASE = '/benefit-programs/v1';

  ownedReads(r, `${BASE}/pools`, pools, 'pool', 'poolId', 'POOL_NOT_FOUND');

  ownedUpdate(r, `${BASE}/pools`, pools, {
    method: 'updatePool',
    singular: 'pool',
    param: 'poolId',
    notFoundCode: 'POOL_NOT_FOUND',
    displayName: z.string().max(64, 'must be at most 64 characters').optional(),
  });

  r.post(`${BASE}/benefits/redeem`, async ({ body, ctx }) => {
    requireManager(ctx, 'redeemBenefit');
    const request = redeemRequest.parse(body);
    // The key is claimed as the pool is locked, and the answer kept as the redemption and the balance are written.
    const redemption = (tx: Tx, key: KeyAlong<Redemption>) => redeem(tx, ctx.now, request, key);
    const scope = `pools.redeemBenefit:${request.poolId}`;
    return idempotentRequestAlong(ctx, scope, request, redemption, { reuseCode: 'BENEFIT_ALREADY_REDEEMED' });
  });

  r.post(`${BASE}/benefits/cancel-redemption`, async ({ body, ctx }) => {
    requireManager(ctx, 'cancelRedemption');
    const request = z.object({ transactionId: guid, idempotencyKey }).parse(body);
    return reverseOnce(ctx, 'pools.cancelRedemption', request, cancellationOf, { reuseCode: 'ALREADY_EXECUTED' });
  });

  r.post(`${BASE}/pools/check-eligibility`, async ({ body, ctx }) => {
    const request = eligibilityRequest.parse(body);
    const self = beneficiaryFor(ctx, request.beneficiary);
    if (self) {
      const [row] = await ctx.db.select({ data: pools.data }).from(pools).where(eq(pools.id, request.poolId));
      if (row && !sameBeneficiary(row.data.beneficiary, self))
        throw permissionDenied('this pool belongs to someone else');
    }
    const benefitResults = await checkEligibility(ctx.db, request.namespace, request);
    return { result: { benefitResults } };
  });

  r.post(`${BASE}/bulk/benefits/check-eligibility`, async ({ body, ctx }) => {
    requireManager(ctx, 'bulkCheckBenefitEligibility');
    const request = z
      .object({
        benefitSelectors: z.array(benefitSelector).max(100, 'at most 100 selectors').default([]),
        namespace,
        beneficiary: beneficiary.optional(),
      })
      .parse(body);
    const results = [];
    for (const selector of request.benefitSelectors) {
      results.push({
        benefitSelector: selector,
        result: { benefitResults: await checkEligibility(ctx.db, request.namespace, selector) },
      });
    }
    return { results };
  });

  r.post(`${BASE}/pools/eligible-pools`, async ({ body, ctx }) => {
    const request = z
      .object({
        itemReference: ItemReference,
        count,
        targetDate: z.iso.datetime({ offset: true }).nullish(),
        additionalData: z.record(z.string(), z.unknown()).nullish(),
        beneficiary: beneficiary.optional(),
        namespace,
      })
      .parse(body);
    const who = beneficiaryFor(ctx, request.beneficiary);
    if (!who) return { eligibleBenefits: [] };
    const owned = await ctx.db
      .select({ id: pools.id })
      .from(pools)
      .where(
        inNamespaceContaining(pools, request.namespace, 'beneficiary', who, sql`${pools.data} ->> 'status' = 'ACTIVE'`),
      );
    const eligibleBenefits: Doc[] = [];
    for (const { id } of owned) {
      const results = await checkEligibility(ctx.db, request.namespace, { ...request, poolId: id });
      for (const result of results)
        if (result.type === 'ELIGIBLE_BENEFIT') eligibleBenefits.push(result.eligibleBenefitOptions as Doc);
    }
    return { eligibleBenefits };
  });

  return r;
}
