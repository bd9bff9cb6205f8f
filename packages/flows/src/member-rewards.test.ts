import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustTokens } from './operations.ts';
import { handOver, myPickups, redeem } from './pickups.ts';
import { redeemableBenefits } from './rewards.ts';
import { setUpProgram } from './setup.ts';
import {
  createProducts,
  emulatedWix,
  joinAndSettle,
  memberGuid,
  startStrictEmulator,
  testClock,
} from './testing/wix.ts';

/** What a member's widget shows besides the balance: the catalogue by tier, the renewal outlook, their pickups. */
let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
let products: Record<string, string>;
const time = testClock(() => emu, '2026-11-20T10:00:00.000Z');
const clock = time.clock;
const travel = time.travel;

const mia = memberGuid('mia');
const active = async (memberId: string) => {
  const answer = await redeemableBenefits(env.wix, clock, { memberId });
  if (answer.status !== 'ACTIVE') throw new Error(answer.status);
  return answer;
};

beforeAll(async () => {
  emu = await startStrictEmulator();
  await travel(clock().toISOString());
  env = await emulatedWix(emu);
  // Berlin: the month's turn is at 23:00 UTC on the last day of the month (winter time).
  await env.setTimeZone('Europe/Berlin');
  products = await createProducts(emu, [
    { name: 'Water bottle', price: '12' },
    { name: 'Hoodie', price: '45' },
    { name: 'Towel', price: '18' },
  ]);
  await setUpProgram(env.wix, {
    programName: 'Rewards',
    initialTokens: 2,
    rollover: { enabled: true, cap: 3 },
    membershipMonths: 12,
    tiers: [
      { price: 4, productIds: [products['Water bottle']!, products.Towel!] },
      { name: 'Champion', price: 8, productIds: [products.Hoodie!] },
    ],
  });
  for (const member of [mia, memberGuid('noah')]) await joinAndSettle(env.wix, member);
  await adjustTokens(env.wix, clock, { memberId: mia, amount: 3, reason: 'Welcome back', requestId: 'mia-start' });
}, 60_000);
afterAll(async () => emu?.close());

describe('the catalogue and the renewal outlook', () => {
  it('lists every tier cheapest first, the locked ones with the visits missing; an unnamed tier has no name', async () => {
    const answer = await active(mia);
    expect(answer.balance).toBe(5);
    expect(answer.tiers.map(({ products: p, ...tier }) => ({ ...tier, products: p.map((x) => x.name) }))).toEqual([
      {
        tier: 'tier-1',
        name: null,
        price: 4,
        locked: false,
        missing: 0,
        visitsMissing: 0,
        products: ['Towel', 'Water bottle'],
      },
      {
        tier: 'tier-2',
        name: 'Champion',
        price: 8,
        locked: true,
        missing: 3,
        visitsMissing: 3,
        products: ['Hoodie'],
      },
    ]);
  });

  it('says before the turn what carries over and what expires, in the site time zone; after it, what happened', async () => {
    expect((await active(mia)).renewal).toEqual({
      timeZone: 'Europe/Berlin',
      next: {
        at: '2026-11-30T23:00:00.000Z',
        carryOver: 3,
        expire: 2,
        newTokens: 2,
        cap: 3,
        rollover: true,
      },
      last: null,
    });
    await travel('2026-12-02T08:00:00.000Z');
    const after = await active(mia);
    expect(after.balance).toBe(5);
    expect(after.renewal.last).toEqual({ at: '2026-11-30T23:00:00.000Z', expired: 2, newTokens: 2, carriedOver: 3 });
    expect(after.renewal.next).toMatchObject({ at: '2026-12-31T23:00:00.000Z', carryOver: 3, expire: 2 });
    // Noah had 2 tokens, under the cap: all of them carried over, and the ledger does not say how many.
    const noah = await active(memberGuid('noah'));
    expect(noah.balance).toBe(4);
    expect(noah.renewal.last).toEqual({ at: '2026-11-30T23:00:00.000Z', expired: 0, newTokens: 2, carriedOver: null });
  });
});

describe("a member's pickups", () => {
  it('keeps the waiting ones until handed over, then a short history; only their own', async () => {
    await travel('2026-12-03T08:00:00.000Z');
    await adjustTokens(env.wix, clock, { memberId: mia, amount: 20, reason: 'Bonus', requestId: 'mia-bonus' });
    const redeemed = [];
    for (const [requestId, product] of [
      ['p-1', 'Water bottle'],
      ['p-2', 'Towel'],
      ['p-3', 'Hoodie'],
    ] as const) {
      await travel(`2026-12-03T${String(8 + redeemed.length).padStart(2, '0')}:00:00.000Z`);
      const answer = await redeem(env.wix, clock, { memberId: mia, productId: products[product]!, requestId });
      if (answer.status !== 'REDEEMED') throw new Error(answer.status);
      redeemed.push(answer.pickup);
    }
    await handOver(env.wix, clock, { pickupId: redeemed[1]!._id });
    const mine = await myPickups(env.wix, clock, { memberId: mia });
    expect(mine.waiting.map((p) => [p.productName, p.code, p.status])).toEqual([
      ['Water bottle', redeemed[0]!.code, 'WAITING'],
      ['Hoodie', redeemed[2]!.code, 'WAITING'],
    ]);
    expect(mine.history).toEqual([
      {
        _id: redeemed[1]!._id,
        productId: products.Towel,
        productName: 'Towel',
        price: 4,
        code: redeemed[1]!.code,
        status: 'HANDED_OVER',
        redeemedAt: '2026-12-03T09:00:00.000Z',
        handedOverAt: '2026-12-03T10:00:00.000Z',
      },
    ]);
    expect(await myPickups(env.wix, clock, { memberId: memberGuid('noah') })).toEqual({ waiting: [], history: [] });
    await expect(myPickups(env.wix, clock, { memberId: ' ' })).rejects.toMatchObject({ field: 'memberId' });
  });
});

describe('the end of the membership', () => {
  it('tells no next renewal when the membership ends before the month turns', async () => {
    await travel('2027-11-10T08:00:00.000Z');
    const answer = await active(mia);
    expect(answer.renewal.next).toBeNull();
    // The renewals caught up at once all count as the last turn: only its date is checked here.
    expect(answer.renewal.last?.at).toBe('2027-10-31T23:00:00.000Z');
  });
});
