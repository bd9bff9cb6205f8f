import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInput } from './errors.ts';
import { ledgerEntry } from './ledger.ts';
import { catchUp, memberJoined } from './membership.ts';
import { adjustTokens } from './operations.ts';
import { handOver, redeem, revertRedemption } from './pickups.ts';
import { settled } from './pool-state.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator } from './testing/wix.ts';
import { recordVisit } from './visits.ts';
import type { WixApis } from './wix.ts';

/**
 * The ledger's invariants, property-based: random sequences of visits (dated up to nine days back, some retried),
 * adjustments, months passing (renewals with rollover), redemptions, hand-overs, voids (the redemption canceled) and
 * reverted adjustments, run through the flows on the strict platform and against a small model of the rules. After
 * every step the balance is the model's, the signed sum of the pool's transactions, never below zero, and a renewal
 * never carries over more than the cap. The test's clock only; a fixed seed (fast-check prints it with a failure).
 */
const RULES = { initialTokens: 4, cap: 6, visitsPerDay: 2, prices: [3, 7] };
const START = new Date('2026-01-20T10:00:00.000Z');
const DAY = 86_400_000;

type Step =
  | { kind: 'visit'; daysBack: number; again: number | null }
  | { kind: 'adjust'; amount: number }
  | { kind: 'redeem'; tier: number }
  | { kind: 'handOver' | 'void'; pick: number }
  | { kind: 'revertAdjustment'; pick: number }
  | { kind: 'advance'; days: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('visit' as const),
      daysBack: fc.integer({ min: 0, max: 9 }),
      again: fc.option(fc.nat(20), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      amount: fc.integer({ min: -12, max: 12 }).filter((n) => n !== 0),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('redeem' as const),
      tier: fc.integer({ min: 0, max: RULES.prices.length - 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('handOver' as const, 'void' as const), pick: fc.nat(20) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revertAdjustment' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 24 }) }) },
);

/** The rules, as plainly as they can be said. */
class Model {
  balance = RULES.initialTokens;
  visitsByDay = new Map<string, number>();
  visits = new Map<string, { counted: boolean }>();
  pickups: Array<{ id: string; price: number; state: 'WAITING' | 'HANDED_OVER' | 'VOIDED' }> = [];
  adjustments: Array<{ transactionId: string; amount: number; reverted: boolean }> = [];
  renewals = 0;

  visit(visitId: string, day: string): boolean {
    const known = this.visits.get(visitId);
    if (known) return known.counted;
    const counted = (this.visitsByDay.get(day) ?? 0) < RULES.visitsPerDay;
    if (counted) {
      this.visitsByDay.set(day, (this.visitsByDay.get(day) ?? 0) + 1);
      this.balance += 1;
    }
    this.visits.set(visitId, { counted });
    return counted;
  }

  /** A month end passed: what stays is at most the cap, then the month's tokens are granted. */
  renew() {
    this.balance = Math.min(this.balance, RULES.cap) + RULES.initialTokens;
    this.renewals += 1;
  }
}

/** Month ends (UTC, the site's zone) in (from, to]. */
function monthEndsBetween(from: Date, to: Date): number {
  let count = 0;
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  while (cursor.getTime() <= to.getTime()) {
    count += 1;
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return count;
}

let emu: TestEmulator;
let wix: WixApis;
let products: string[];
let run = 0;

beforeAll(async () => {
  emu = await startStrictEmulator();
  await emu.admin('/_emulator/v1/clock', { set: START.toISOString(), freeze: true });
  ({ wix } = await emulatedWix(emu));
  const ids = await createProducts(
    emu,
    RULES.prices.map((price) => ({ name: `Tier ${price}`, price: String(price) })),
  );
  products = RULES.prices.map((price) => ids[`Tier ${price}`]!);
  await setUpProgram(wix, {
    programName: 'Rewards',
    initialTokens: RULES.initialTokens,
    rollover: { enabled: true, cap: RULES.cap },
    visitsPerDay: RULES.visitsPerDay,
    membershipMonths: 12,
    tiers: RULES.prices.map((price, i) => ({ price, productIds: [products[i]!] })),
  });
}, 60_000);
afterAll(async () => emu?.close());

async function poolOf(memberId: string) {
  const { items } = await wix.pools.queryPools().eq('beneficiary.memberId', memberId).find();
  return settled(wix, items[0]!);
}

async function ledgerOf(poolId: string) {
  let page = await wix.transactions.queryTransactions().eq('pool.id', poolId).limit(100).find();
  const all = [...page.items];
  while (page.hasNext()) {
    page = await page.next();
    all.push(...page.items);
  }
  return all.map((t) => ledgerEntry(t));
}

/** Runs one sequence for a new member, checking the invariants after every step. */
async function live(steps: Step[]) {
  run += 1;
  const memberId = memberGuid(`ledger-property-${run}`);
  let now = START;
  const clock = () => now;
  await emu.admin('/_emulator/v1/clock', { set: START.toISOString(), freeze: true });
  await memberJoined(wix, { memberId });
  const model = new Model();
  const visitIds: string[] = [];
  for (const [i, s] of steps.entries()) {
    let renewed = false;
    const where = `run ${run} step ${i} ${JSON.stringify(s)}`;
    if (s.kind === 'visit') {
      const visitId = s.again !== null && visitIds.length > 0 ? visitIds[s.again % visitIds.length]! : `v-${run}-${i}`;
      const at = new Date(now.getTime() - s.daysBack * DAY);
      const answer = await recordVisit(wix, clock, { memberId, visitId, at }).catch((e) => e);
      const pool = await poolOf(memberId);
      const refused = !model.visits.has(visitId) && (s.daysBack > 7 || at < new Date(pool._createdDate!));
      if (refused) {
        expect(answer, where).toBeInstanceOf(InvalidInput);
      } else {
        visitIds.push(visitId);
        const counted = model.visit(visitId, at.toISOString().slice(0, 10));
        expect(answer.status, where).toBe(counted ? 'TOKEN_ISSUED' : 'ALREADY_COUNTED');
      }
    } else if (s.kind === 'adjust') {
      const answer = await adjustTokens(wix, clock, {
        memberId,
        amount: s.amount,
        reason: 'Model',
        requestId: `a-${run}-${i}`,
      });
      const allowed = model.balance + s.amount >= 0;
      expect(answer.status, where).toBe(allowed ? 'ADJUSTED' : 'NOT_ENOUGH_TOKENS');
      if (answer.status === 'ADJUSTED') {
        model.balance += s.amount;
        model.adjustments.push({ transactionId: answer.transactionId, amount: s.amount, reverted: false });
      }
    } else if (s.kind === 'redeem') {
      const price = RULES.prices[s.tier]!;
      const answer = await redeem(wix, clock, { memberId, productId: products[s.tier]!, requestId: `r-${run}-${i}` });
      expect(answer.status, where).toBe(model.balance >= price ? 'REDEEMED' : 'NOT_ENOUGH_TOKENS');
      if (answer.status === 'REDEEMED') {
        model.balance -= price;
        model.pickups.push({ id: answer.pickup._id, price, state: 'WAITING' });
      }
    } else if (s.kind === 'handOver' || s.kind === 'void') {
      const pickup = model.pickups[s.pick % Math.max(1, model.pickups.length)];
      if (!pickup) continue;
      if (s.kind === 'handOver') {
        const answer = await handOver(wix, clock, { pickupId: pickup.id });
        if (pickup.state === 'WAITING') pickup.state = 'HANDED_OVER';
        expect(answer.status, where).toBe(pickup.state);
      } else {
        const answer = await revertRedemption(wix, clock, { pickupId: pickup.id });
        if (pickup.state === 'WAITING') {
          pickup.state = 'VOIDED';
          model.balance += pickup.price;
        }
        expect(answer.status, where).toBe(pickup.state === 'HANDED_OVER' ? 'ALREADY_HANDED_OVER' : 'VOIDED');
      }
    } else if (s.kind === 'revertAdjustment') {
      const adjustment = model.adjustments[s.pick % Math.max(1, model.adjustments.length)];
      if (!adjustment) continue;
      const outcome = await wix.balances
        .revertBalanceChange(adjustment.transactionId, `revert-${run}-${i}`)
        .then(() => 'REVERTED')
        .catch((e) => e?.details?.applicationError?.code ?? String(e));
      const allowed = !adjustment.reverted && model.balance - adjustment.amount >= 0;
      expect(outcome, where).toBe(
        allowed ? 'REVERTED' : adjustment.reverted ? 'CHANGE_ALREADY_REVERTED' : 'NOT_ENOUGH_BALANCE',
      );
      if (allowed) {
        model.balance -= adjustment.amount;
        adjustment.reverted = true;
      }
    } else if (s.kind === 'advance') {
      const next = new Date(now.getTime() + s.days * DAY);
      const due = monthEndsBetween(now, next);
      now = next;
      await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
      const pool = await poolOf(memberId);
      await catchUp(wix, pool.programId!, now);
      for (let m = 0; m < due; m++) model.renew();
      renewed = due > 0;
    }
    const pool = await poolOf(memberId);
    const balance = Number((await wix.balances.getBalance(pool._id!)).amount?.available);
    const entries = await ledgerOf(pool._id!);
    expect(balance, `${where}: the model's balance`).toBe(model.balance);
    expect(balance, `${where}: never below zero`).toBeGreaterThanOrEqual(0);
    expect(
      entries.reduce((sum, e) => sum + e.amount, 0),
      `${where}: the sum of its transactions`,
    ).toBe(balance);
    expect(pool.renewalCount ?? 0, `${where}: renewals`).toBe(model.renewals);
    if (renewed) {
      expect(balance, `${where}: rollover carries at most the cap`).toBeLessThanOrEqual(
        RULES.cap + RULES.initialTokens,
      );
    }
  }
}

describe('the ledger, property-based', () => {
  it('keeps every balance equal to its model and to the sum of its transactions, never negative, rollover capped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), (steps) => live(steps)),
      { numRuns: 12, seed: 20_261_130, endOnFailure: true },
    );
  }, 300_000);
});
