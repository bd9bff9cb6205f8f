import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Moment, reportMoment, withdrawMoment } from './automations.ts';
import { COLLECTIONS } from './collections.ts';
import { InvalidInput, parseInput, Refused } from './errors.ts';
import { pickupId as pickupIdOf } from './ids.ts';
import { contactId, memberId, pickupId as pickupIdInput, requestId } from './inputs.ts';
import { redemptionWithKey } from './ledger.ts';
import {
  currentPool,
  forgetPoolForSession,
  keepPoolForSession,
  type Pool as MemberPool,
  nothingDue,
  poolKeptForSession,
  poolState,
} from './member-pool.ts';
import { catalogueKeptForSession, programCatalogue } from './rewards.ts';
import { WixUnavailable } from './transient.ts';
import {
  type Clock,
  isDuplicateItem,
  isNotFound,
  NAMESPACE,
  STORES_APP_ID,
  type WixApis,
  wixErrorCode,
} from './wix.ts';

/** The app's Wix Data collection of pickups: what a member redeemed and picks up at the front desk. */
export const PICKUPS = COLLECTIONS.pickups;

/**
 * The front desk's decisions, one per pickup (its id): handed over or voided. Inserting an item is atomic (Wix Data
 * refuses a second item with the same id), so a hand-over and a void of one pickup at once cannot both win: the member
 * never leaves with the product and the tokens back. Wix Data's update has no check of what it overwrites.
 */
const HANDOVERS = COLLECTIONS.handovers;

type Decision = 'HANDED_OVER' | 'VOIDED';

type PickupStatus = 'WAITING' | 'HANDED_OVER' | 'VOIDED';
export interface Pickup {
  _id: string;
  requestId: string;
  memberId: string;
  productId: string;
  productName: string;
  price: number;
  /** The short code the member shows at the front desk. */
  code: string;
  transactionId: string;
  poolId: string;
  status: PickupStatus;
  redeemedAt: string;
  handedOverAt?: string | null;
}

/** A six-character code made from the redemption, easy to read out (no 0/O, 1/I). */
function pickupCode(transactionId: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = createHash('sha256').update(transactionId).digest();
  return Array.from(bytes.subarray(0, 6), (b) => alphabet[b % alphabet.length]).join('');
}

export type RedeemResult =
  | { status: 'REDEEMED'; pickup: Pickup }
  | { status: 'NOT_ENOUGH_TOKENS'; balance: number; price: number }
  | { status: 'NOT_REDEEMABLE' }
  | { status: 'NOT_IN_PROGRAM' }
  | { status: 'PROGRAM_PAUSED' }
  | { status: 'PROGRAM_UPDATING' };

/** A pickup as last written (a consistent read: Wix Data's ordinary reads may lag a write). */
async function findPickup(wix: WixApis, id: string): Promise<Pickup | undefined> {
  const item = await wix.data.get(PICKUPS, id, { consistentRead: true });
  return (item ?? undefined) as Pickup | undefined;
}

/** Records the front desk's decision on a pickup, or answers the decision made first. */
async function decide(wix: WixApis, pickupId: string, wanted: Decision, at: Date): Promise<Decision> {
  try {
    await wix.data.insert(HANDOVERS, { _id: pickupId, decision: wanted, at: at.toISOString() });
    return wanted;
  } catch (error) {
    if (!isDuplicateItem(error)) throw error;
    const first = (await wix.data.get(HANDOVERS, pickupId, { consistentRead: true })) as { decision: Decision } | null;
    return first?.decision ?? wanted;
  }
}

/**
 * Gives a redemption's tokens back (Benefit Programs' Cancel Redemption, a REST route with no SDK function), keyed by
 * the redemption (`cancel:<transactionId>`): a pickup may have had several redemptions (each one after the last was
 * given back, `redeemOnce`), and a key shared by them would answer the first one's cancel for a later one.
 */
async function cancelRedemption(wix: WixApis, transactionId: string): Promise<void> {
  const idempotencyKey = `cancel:${transactionId}`;
  const response = await wix.fetchWithAuth('https://www.wixapis.com/benefit-programs/v1/benefits/cancel-redemption', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transactionId, idempotencyKey }),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { details?: { applicationError?: { code?: string } } };
    const code = body.details?.applicationError?.code ?? '';
    // Canceled before, by this request (its key answers ALREADY_EXECUTED) or another.
    if (['REDEMPTION_ALREADY_CANCELED', 'ALREADY_EXECUTED'].includes(code)) return;
    if (response.status >= 500) throw new WixUnavailable('pools.cancelRedemption', response, 1, true);
    throw new RedemptionNotCanceled(transactionId, response.status, code);
  }
}

/** Wix refused to give a redemption's tokens back (its pool no longer active, say). */
class RedemptionNotCanceled extends Error {
  constructor(
    readonly transactionId: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(`canceling redemption ${transactionId} was refused: HTTP ${status} ${code}`);
    this.name = 'RedemptionNotCanceled';
  }
}

/**
 * A member redeems a product (sample flow step 7): finds the product's item and its benefit in the member's own pool,
 * redeems it (idempotency key from `requestId`) and hands it over by recording a pickup in the app's Wix Data collection.
 * If the pickup cannot be recorded the redemption is canceled, so no token is lost. Retrying a request answers the
 * same pickup.
 */
export async function redeem(
  wix: WixApis,
  clock: Clock,
  input: { memberId: string; contactId?: string; productId: string; requestId: string },
): Promise<RedeemResult> {
  const request = parseInput(
    z.object({
      memberId,
      contactId: contactId.optional(),
      productId: z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters'),
      requestId,
    }),
    input,
  );
  const pickupId = pickupIdOf(request.memberId, request.requestId);
  // The program's items and their products' names are kept a short while (`programCatalogue`): Wix's Redeem Benefit
  // checks the item against the benefit itself, so an item the owner removed a moment ago is refused there. Kept for
  // the session, they are read with the pool; else for the program the pool belongs to, or read, after it.
  const keptForSession = await catalogueKeptForSession(wix);
  // The member's pool as their session's last call read it (the widget, a moment ago): Redeem Benefit refuses a pool
  // that is no longer active or no longer there, so it is used as kept unless something is due by its dates; when Wix
  // refuses it, or it no longer names the product's benefit, the pool is read afresh and the redemption tried on it.
  const kept = await poolKeptForSession(wix, request.memberId);
  if (kept && (await nothingDue(wix, kept, clock()))) {
    const catalogue = await (keptForSession ?? programCatalogue(wix, kept.programDefinitionId));
    const answer = await redeemFrom(wix, clock, request, pickupId, kept, catalogue, true);
    if (answer !== STALE) return answer;
    await forgetPoolForSession(wix, request.memberId);
  }
  const { pool } = await currentPool(wix, request.memberId, clock());
  await keepPoolForSession(wix, request.memberId, pool);
  // A retry of a request that redeemed finds its redemption by its key (below) and its pickup by its id; any other
  // answer is given only when this request has no pickup yet (the pool may have changed since the first attempt).
  const unless = (answer: RedeemResult) => unlessRedeemed(wix, request, pickupId, answer);
  const state = poolState(pool);
  if (!pool || state === 'NONE' || state === 'ENDED') return unless({ status: 'NOT_IN_PROGRAM' });
  if (state !== 'ACTIVE') return unless({ status: `PROGRAM_${state}` });
  const catalogue = await (keptForSession ?? programCatalogue(wix, pool.programDefinitionId));
  return (await redeemFrom(wix, clock, request, pickupId, pool, catalogue, false)) as RedeemResult;
}

/** A kept pool Wix refused (or whose benefits no longer name the product): read it afresh. */
const STALE = Symbol('stale');

/** Wix's refusals of a redemption that say the pool kept for the session changed since it was read. */
const STALE_POOL_CODES = new Set(['POOL_NOT_ACTIVE', 'POOL_NOT_FOUND', 'BENEFIT_NOT_FOUND']);

/** A request id is one redemption of one reward: used again for another reward, it is refused naming it. */
function sameReward(asked: string, redeemed: string | null | undefined): void {
  if (redeemed && redeemed !== asked) throw new InvalidInput('requestId', 'was used for another reward');
}

/** Answers `answer` unless the request has a pickup already (a retry of one that redeemed): then that pickup. */
async function unlessRedeemed(
  wix: WixApis,
  request: { contactId?: string | undefined; productId: string },
  pickupId: string,
  answer: RedeemResult,
): Promise<RedeemResult> {
  const existing = await findPickup(wix, pickupId);
  sameReward(request.productId, existing?.productId);
  // Told again (Wix ignores the key it saw): the first attempt's report may have been lost with its answer.
  if (existing?.status === 'WAITING') await reportMoment(wix, readyForPickup(existing, request.contactId));
  return existing ? { status: 'REDEEMED', pickup: existing } : answer;
}

/**
 * Redeems the product from an active pool and records its pickup; `kept`: the pool was kept for the session, and
 * `STALE` answers that it should be read afresh (Wix refused it as changed, or its benefits do not name the product).
 */
async function redeemFrom(
  wix: WixApis,
  clock: Clock,
  request: { memberId: string; contactId?: string | undefined; productId: string; requestId: string },
  pickupId: string,
  pool: MemberPool,
  { items, products }: Awaited<ReturnType<typeof programCatalogue>>,
  kept: boolean,
): Promise<RedeemResult | typeof STALE> {
  const unless = (answer: RedeemResult) => unlessRedeemed(wix, request, pickupId, answer);
  const sets = new Set(items.filter((i) => i.externalId === request.productId).map((i) => i.itemSetId));
  const benefit = (pool.details?.benefits ?? []).find((b) => sets.has(b.itemSetId));
  const product = products.get(request.productId);
  if (!benefit || !product) return kept ? STALE : unless({ status: 'NOT_REDEEMABLE' });
  const price = Number(benefit.price ?? 0);
  let redeemed: Awaited<ReturnType<typeof redeemOnce>>;
  try {
    redeemed = await redeemOnce(wix, pool._id!, pickupId, request.productId, {
      itemReference: { externalId: request.productId, providerAppId: STORES_APP_ID },
      benefitKey: benefit.benefitKey!,
      namespace: NAMESPACE,
    });
  } catch (error) {
    if (kept && STALE_POOL_CODES.has(wixErrorCode(error) ?? '')) return STALE;
    throw error;
  }
  if (redeemed === 'HAS_PICKUP') return unless({ status: 'NOT_REDEEMABLE' });
  if (redeemed === 'NOT_ENOUGH_BALANCE') {
    const [balance, answer] = await Promise.all([
      wix.balances.getBalance(pool._id!),
      unless({ status: 'NOT_REDEEMABLE' }),
    ]);
    if (answer.status === 'REDEEMED') return answer;
    return { status: 'NOT_ENOUGH_TOKENS', balance: Number(balance.amount?.available ?? 0), price };
  }
  const transactionId = redeemed;
  const pickup: Pickup = {
    _id: pickupId,
    requestId: request.requestId,
    memberId: request.memberId,
    productId: request.productId,
    productName: product.name ?? '',
    price,
    code: pickupCode(transactionId),
    transactionId,
    poolId: pool._id!,
    status: 'WAITING',
    redeemedAt: clock().toISOString(),
    handedOverAt: null,
  };
  // Told to Wix Automations alongside the record (one call more, no round trip more; a failed report is dropped and
  // never fails the redemption); withdrawn below if the redemption is undone. Keyed by the pickup: a retry tells once.
  const reported = reportMoment(wix, readyForPickup(pickup, request.contactId));
  try {
    const recorded = await recordPickup(wix, pickup);
    await reported;
    sameReward(request.productId, recorded.productId);
    return { status: 'REDEEMED', pickup: recorded };
  } catch (error) {
    await reported;
    // Wix did not answer: the pickup may be recorded, so the redemption stays; the caller's retry (the same request id)
    // finds the pickup or records it. Canceling here could leave a pickup for a canceled redemption (issue 13).
    if (error instanceof WixUnavailable) throw error;
    // A concurrent retry may have recorded it first: then it is the same pickup.
    const recorded = await findPickup(wix, pickupId);
    if (recorded) return { status: 'REDEEMED', pickup: recorded };
    await cancelRedemption(wix, transactionId);
    await withdrawMoment(wix, 'rewardReadyForPickup', pickupId);
    throw error;
  }
}

/**
 * "Reward ready for pickup", keyed and named by the pickup (its id is a GUID), with the member's contact when the caller
 * knows it (a member's own redemption always does: it comes with the session's member, at no call more).
 */
const readyForPickup = (pickup: Pickup, contactId: string | undefined): Moment => ({
  trigger: 'rewardReadyForPickup',
  key: `pickup:${pickup._id}`,
  entityId: pickup._id,
  payload: {
    member_id: pickup.memberId,
    ...(contactId ? { contact_id: contactId } : {}),
    pickup_code: pickup.code,
    product_name: pickup.productName,
    tokens: pickup.price,
  },
});

/** Attempts of a redemption after its earlier ones were canceled (a pickup Wix refused to record). */
const REDEMPTION_ATTEMPTS = 5;

/**
 * Redeems a benefit for a request once: its key is made from the pickup (`redeem:<pickupId>`). A retry finds the
 * redemption an earlier attempt made (Wix answers the key `BENEFIT_ALREADY_REDEEMED`) and reads it back; if that one was
 * canceled since (its pickup could not be recorded), the next key (`redeem:<pickupId>:<n>`) redeems anew, so a retry
 * never records a pickup for tokens given back.
 */
async function redeemOnce(
  wix: WixApis,
  poolId: string,
  pickupId: string,
  productId: string,
  benefit: { itemReference: { externalId: string; providerAppId: string }; benefitKey: string; namespace: string },
): Promise<string | 'NOT_ENOUGH_BALANCE' | 'HAS_PICKUP'> {
  for (let attempt = 0; attempt < REDEMPTION_ATTEMPTS; attempt++) {
    const key = attempt === 0 ? `redeem:${pickupId}` : `redeem:${pickupId}:${attempt}`;
    try {
      return (await wix.pools.redeemBenefit(poolId, { ...benefit, idempotencyKey: key })).transactionId!;
    } catch (error) {
      const code = wixErrorCode(error);
      if (code === 'NOT_ENOUGH_BALANCE') return code;
      if (code !== 'BENEFIT_ALREADY_REDEEMED') throw error;
      // An earlier attempt of this request redeemed, and did not get to record the pickup: read its redemption back.
      const earlier = await redemptionWithKey(wix, poolId, key);
      if (!earlier) throw error;
      sameReward(productId, earlier.itemExternalId);
      if (!earlier.canceled) return earlier.transactionId;
      // Canceled since: because its pickup could not be recorded (redeem anew), or because the front desk voided its
      // pickup (this request is answered: never redeemed again).
      if (await findPickup(wix, pickupId)) return 'HAS_PICKUP';
    }
  }
  throw new Error(`redemption for pickup ${pickupId}: canceled ${REDEMPTION_ATTEMPTS} times, not tried again`);
}

/**
 * Records a pickup, or finds it recorded: its id is fixed, so inserting it again is safe (Wix Data refuses a second
 * item with the id, WDE0074), and after Wix failed to answer an insert the pickup is looked for and the insert made
 * again, three times in all.
 */
async function recordPickup(wix: WixApis, pickup: Pickup): Promise<Pickup> {
  for (let attempt = 1; ; attempt++) {
    try {
      // The pickup as Wix Data stored it, as a retry will find it.
      return (await wix.data.insert(PICKUPS, pickup)) as unknown as Pickup;
    } catch (error) {
      if (!(error instanceof WixUnavailable) && !isDuplicateItem(error)) throw error;
      const recorded = await findPickup(wix, pickup._id);
      if (recorded) return recorded;
      if (isDuplicateItem(error) || attempt >= 3) throw error;
    }
  }
}

/** Pickups waiting at the front desk, oldest first. */
export async function pickupsToHandOver(wix: WixApis, input: { limit?: number; skip?: number } = {}) {
  const { limit, skip } = parseInput(
    z.object({ limit: z.number().int().min(1).max(100).default(50), skip: z.number().int().min(0).default(0) }),
    input,
  );
  const result = await wix.data
    .query(PICKUPS)
    .eq('status', 'WAITING')
    .ascending('redeemedAt')
    .skip(skip)
    .limit(limit)
    // The front desk needs the list as it is now: a pickup redeemed or handed over a moment ago included.
    .find({ consistentRead: true });
  return { pickups: result.items as unknown as Pickup[], total: result.totalCount ?? result.items.length };
}

/** The front desk hands a pickup over. Doing it again changes nothing; a pickup voided first stays voided. */
export async function handOver(wix: WixApis, clock: Clock, input: { pickupId: string }) {
  const { pickupId } = parseInput(z.object({ pickupId: pickupIdInput }), input);
  const pickup = await findPickup(wix, pickupId);
  if (!pickup) return { status: 'NOT_FOUND' as const };
  if (pickup.status !== 'WAITING') return { status: pickup.status, pickup };
  const now = clock();
  if ((await decide(wix, pickupId, 'HANDED_OVER', now)) === 'VOIDED') {
    return { status: 'VOIDED' as const, pickup: await voided(wix, pickup) };
  }
  const updated = { ...pickup, status: 'HANDED_OVER' as const, handedOverAt: now.toISOString() };
  await wix.data.update(PICKUPS, updated);
  return { status: 'HANDED_OVER' as const, pickup: updated };
}

/** The owner reverts a redemption not yet handed over: the tokens go back and the pickup is voided. */
export async function revertRedemption(wix: WixApis, clock: Clock, input: { pickupId: string }) {
  const { pickupId } = parseInput(z.object({ pickupId: pickupIdInput }), input);
  const pickup = await findPickup(wix, pickupId);
  if (!pickup) return { status: 'NOT_FOUND' as const };
  if (pickup.status === 'HANDED_OVER') return { status: 'ALREADY_HANDED_OVER' as const, pickup };
  if ((await decide(wix, pickupId, 'VOIDED', clock())) === 'HANDED_OVER') {
    const handed = { ...pickup, status: 'HANDED_OVER' as const, handedOverAt: pickup.handedOverAt ?? null };
    return { status: 'ALREADY_HANDED_OVER' as const, pickup: handed };
  }
  return { status: 'VOIDED' as const, pickup: await voided(wix, pickup) };
}

/**
 * Finishes a void: the redemption canceled (once, whoever asks) and the pickup marked voided. A member whose program
 * ended has no tokens to give back (the pool is over): the pickup is voided all the same. One whose program is paused
 * or being updated is refused for now, saying what to do.
 */
async function voided(wix: WixApis, pickup: Pickup): Promise<Pickup> {
  try {
    await cancelRedemption(wix, pickup.transactionId);
  } catch (error) {
    if (!(error instanceof RedemptionNotCanceled)) throw error;
    const pool = await wix.pools.getPool(pickup.poolId).catch((e: unknown) => {
      if (isNotFound(e)) return undefined;
      throw e;
    });
    const state = poolState(pool);
    if (state !== 'ENDED' && state !== 'NONE') {
      throw new Refused(
        'MEMBER_NOT_ACTIVE',
        "The member's program is paused or being updated, so the tokens cannot go back now: resume the member, then void again.",
      );
    }
  }
  await withdrawMoment(wix, 'rewardReadyForPickup', pickup._id);
  if (pickup.status === 'VOIDED') return pickup;
  const updated = { ...pickup, status: 'VOIDED' as const };
  await wix.data.update(PICKUPS, updated);
  return updated;
}

/** A pickup as its member sees it: what to show at the front desk, and what became of it. */
export type MemberPickup = Pick<
  Pickup,
  '_id' | 'productId' | 'productName' | 'price' | 'code' | 'status' | 'redeemedAt' | 'handedOverAt'
>;

/** How many handed-over or voided pickups a member's short history keeps. */
export const PICKUP_HISTORY = 5;

/**
 * A member's own pickups: every one still waiting at the front desk (oldest first, so the code stays until handed
 * over, whatever the page does) and a short history of the last ones handed over or voided (newest first). One Wix
 * call for most members: their newest 100 pickups.
 */
export async function myPickups(
  wix: WixApis,
  _clock: Clock,
  input: { memberId: string },
): Promise<{ waiting: MemberPickup[]; history: MemberPickup[] }> {
  const request = parseInput(z.object({ memberId }), input);
  const result = await wix.data
    .query(PICKUPS)
    .eq('memberId', request.memberId)
    .descending('redeemedAt')
    .limit(100)
    // A pickup redeemed or handed over a moment ago included.
    .find({ consistentRead: true });
  const pickups = (result.items as unknown as Pickup[]).map(
    (p): MemberPickup => ({
      _id: p._id,
      productId: p.productId,
      productName: p.productName,
      price: p.price,
      code: p.code,
      status: p.status,
      redeemedAt: p.redeemedAt,
      handedOverAt: p.handedOverAt ?? null,
    }),
  );
  return {
    waiting: pickups.filter((p) => p.status === 'WAITING').reverse(),
    history: pickups.filter((p) => p.status !== 'WAITING').slice(0, PICKUP_HISTORY),
  };
}
