import { emulatorFetch, type TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseMember, resumeMember } from './member-lifecycle.ts';
import { memberJoined } from './membership.ts';
import { adjustTokens } from './operations.ts';
import { handOver, PICKUPS, pickupsToHandOver, redeem, revertRedemption } from './pickups.ts';
import { settled } from './pool-state.ts';
import { redeemableBenefits } from './rewards.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, roundTripCounter, startStrictEmulator } from './testing/wix.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
let products: Record<string, string>;
const now = new Date('2026-06-10T09:00:00.000Z');
const clock = () => now;

beforeAll(async () => {
  emu = await startStrictEmulator();
  await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
  env = await emulatedWix(emu);
  products = await createProducts(emu, [
    { name: 'Water bottle', price: '12' },
    { name: 'Gym towel', price: '18' },
    { name: 'Hoodie', price: '45' },
    { name: 'Not a reward', price: '3' },
  ]);
  await setUpProgram(env.wix, {
    programName: 'Rewards',
    tiers: [
      { price: 10, productIds: [products['Water bottle']!] },
      { price: 20, productIds: [products['Gym towel']!] },
      { price: 30, productIds: [products.Hoodie!] },
    ],
  });
  for (const member of ['ana', 'ben', 'cy']) {
    await memberJoined(env.wix, { memberId: memberGuid(member) });
    await adjustTokens(env.wix, clock, {
      memberId: memberGuid(member),
      amount: 25,
      reason: 'Starting tokens',
      requestId: `start-${member}`,
    });
  }
});
afterAll(async () => emu?.close());

const balance = async (memberId: string) => {
  const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', memberId).find();
  return Number((await env.wix.balances.getBalance(items[0]!._id!)).amount?.available);
};

describe('redeeming', () => {
  it("redeems every tier, from the member's own pool, records a pickup with a code, and answers a retry with the same pickup", async () => {
    const first = await redeem(env.wix, clock, {
      memberId: memberGuid('ana'),
      productId: products['Gym towel']!,
      requestId: 'r-1',
    });
    if (first.status !== 'REDEEMED') throw new Error(first.status);
    expect(first.pickup).toMatchObject({
      memberId: memberGuid('ana'),
      productName: 'Gym towel',
      price: 20,
      status: 'WAITING',
    });
    expect(first.pickup.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(await balance(memberGuid('ana'))).toBe(5);
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        redeem(env.wix, clock, { memberId: memberGuid('ana'), productId: products['Gym towel']!, requestId: 'r-1' }),
      ),
    );
    expect(again.every((a) => a.status === 'REDEEMED' && a.pickup.code === first.pickup.code)).toBe(true);
    expect(await balance(memberGuid('ana'))).toBe(5);
    expect(
      await redeem(env.wix, clock, {
        memberId: memberGuid('ana'),
        productId: products['Water bottle']!,
        requestId: 'r-2',
      }),
    ).toEqual({
      status: 'NOT_ENOUGH_TOKENS',
      balance: 5,
      price: 10,
    });
    expect(
      await redeem(env.wix, clock, {
        memberId: memberGuid('ana'),
        productId: products['Not a reward']!,
        requestId: 'r-3',
      }),
    ).toEqual({
      status: 'NOT_REDEEMABLE',
    });
    expect(
      await redeem(env.wix, clock, {
        memberId: memberGuid('zed'),
        productId: products['Gym towel']!,
        requestId: 'r-4',
      }),
    ).toEqual({
      status: 'NOT_IN_PROGRAM',
    });
    const ben = await redeem(env.wix, clock, {
      memberId: memberGuid('ben'),
      productId: products['Water bottle']!,
      requestId: 'r-1',
    });
    expect(ben.status).toBe('REDEEMED');
    expect(await balance(memberGuid('ben'))).toBe(15);
    // Each member redeems from their own pool only: the same request id of another member is another redemption.
    expect(await balance(memberGuid('ana'))).toBe(5);
    await adjustTokens(env.wix, clock, {
      memberId: memberGuid('cy'),
      amount: 10,
      reason: 'Hoodie savings',
      requestId: 'more-cy',
    });
    const cy = await redeem(env.wix, clock, {
      memberId: memberGuid('cy'),
      productId: products.Hoodie!,
      requestId: 'r-1',
    });
    expect(cy).toMatchObject({ status: 'REDEEMED', pickup: { productName: 'Hoodie', price: 30 } });
    expect([
      await balance(memberGuid('ana')),
      await balance(memberGuid('ben')),
      await balance(memberGuid('cy')),
    ]).toEqual([5, 15, 5]);
    await expect(
      redeem(env.wix, clock, { memberId: memberGuid('ana'), productId: '', requestId: 'r-5' }),
    ).rejects.toMatchObject({
      field: 'productId',
    });
    // A request id used for another reward is refused naming it, not answered with the first reward's pickup.
    await expect(
      redeem(env.wix, clock, { memberId: memberGuid('cy'), productId: products['Water bottle']!, requestId: 'r-1' }),
    ).rejects.toMatchObject({ field: 'requestId', reason: 'was used for another reward' });
    expect(await balance(memberGuid('cy'))).toBe(5);
  });

  it('cancels the redemption when the pickup cannot be recorded, so no token is lost', async () => {
    const before = await balance(memberGuid('ben'));
    const broken = {
      ...env.wix,
      data: { ...env.wix.data, insert: async () => Promise.reject(new Error('Wix Data is down')) },
    };
    await expect(
      redeem(broken, clock, {
        memberId: memberGuid('ben'),
        productId: products['Water bottle']!,
        requestId: 'r-broken',
      }),
    ).rejects.toThrow('Wix Data is down');
    expect(await balance(memberGuid('ben'))).toBe(before);
  });

  it('lists pickups to hand over, hands one over once, and reverts another: tokens back, pickup voided', async () => {
    const waiting = await pickupsToHandOver(env.wix);
    expect(waiting.pickups.map((p) => [p.memberId, p.productName])).toEqual([
      [memberGuid('ana'), 'Gym towel'],
      [memberGuid('ben'), 'Water bottle'],
      [memberGuid('cy'), 'Hoodie'],
    ]);
    expect(waiting.total).toBe(3);
    const [anas, bens, cys] = waiting.pickups;
    expect((await handOver(env.wix, clock, { pickupId: anas!._id })).status).toBe('HANDED_OVER');
    expect((await handOver(env.wix, clock, { pickupId: anas!._id })).status).toBe('HANDED_OVER');
    expect(await revertRedemption(env.wix, clock, { pickupId: anas!._id })).toMatchObject({
      status: 'ALREADY_HANDED_OVER',
    });
    const before = await balance(memberGuid('ben'));
    expect((await revertRedemption(env.wix, clock, { pickupId: bens!._id })).status).toBe('VOIDED');
    expect((await revertRedemption(env.wix, clock, { pickupId: bens!._id })).status).toBe('VOIDED');
    expect(await balance(memberGuid('ben'))).toBe(before + 10);
    // The member's redemption retried after the void: its pickup, voided; never redeemed again.
    const retried = await redeem(env.wix, clock, {
      memberId: memberGuid('ben'),
      productId: bens!.productId,
      requestId: bens!.requestId,
    });
    expect(retried).toMatchObject({ status: 'REDEEMED', pickup: { _id: bens!._id, status: 'VOIDED' } });
    expect(await balance(memberGuid('ben'))).toBe(before + 10);
    expect((await handOver(env.wix, clock, { pickupId: bens!._id })).status).toBe('VOIDED');
    expect((await pickupsToHandOver(env.wix)).pickups.map((p) => p._id)).toEqual([cys!._id]);
    expect((await env.wix.data.query(PICKUPS).find({ consistentRead: true })).items).toHaveLength(3);
  });

  it('lets only one of a hand-over and a void of the same pickup win, raced again and again', async () => {
    await adjustTokens(env.wix, clock, {
      memberId: memberGuid('cy'),
      amount: 50,
      reason: 'Race fund',
      requestId: 'race',
    });
    const start = await balance(memberGuid('cy'));
    let voids = 0;
    for (let round = 0; round < 5; round++) {
      const redeemed = await redeem(env.wix, clock, {
        memberId: memberGuid('cy'),
        productId: products['Water bottle']!,
        requestId: `race-${round}`,
      });
      if (redeemed.status !== 'REDEEMED') throw new Error(`round ${round}: ${redeemed.status}`);
      const pickupId = redeemed.pickup._id;
      const [handed, reverted] = await Promise.all([
        handOver(env.wix, clock, { pickupId }),
        revertRedemption(env.wix, clock, { pickupId }),
      ]);
      // Both answers tell the same outcome, and the pickup stays as it was decided.
      const outcome = handed.status;
      expect(['HANDED_OVER', 'VOIDED']).toContain(outcome);
      expect(reverted.status).toBe(outcome === 'HANDED_OVER' ? 'ALREADY_HANDED_OVER' : 'VOIDED');
      const stored = await env.wix.data.get(PICKUPS, pickupId, { consistentRead: true });
      expect(stored?.status).toBe(outcome);
      if (outcome === 'VOIDED') voids += 1;
    }
    // Tokens came back for the voided pickups only: 10 a round, given back when voided.
    expect(await balance(memberGuid('cy'))).toBe(start - 10 * 5 + 10 * voids);
  });
});

describe("redeeming with the pool the member's session read", () => {
  it('redeems in 3 calls and 2 rounds after the widget, and reads afresh when Wix refuses the kept pool or a renewal is due', async () => {
    const dee = memberGuid('dee');
    await memberJoined(env.wix, { memberId: dee });
    await adjustTokens(env.wix, clock, {
      memberId: dee,
      amount: 40,
      reason: 'Starting tokens',
      requestId: 'start-dee',
    });
    const counter = roundTripCounter(emulatorFetch(emu.url));
    const counted = await emulatedWix(emu, undefined, { fetch: counter.fetch });
    // A session of its own (on Wix, a digest of the member's token), and the site's time zone kept, as the app keeps it.
    const timeZone = await counted.wix.siteTimeZone();
    const session = { ...counted.wix, sessionKey: async () => 'dee-session', siteTimeZone: async () => timeZone };
    expect(await redeemableBenefits(session, clock, { memberId: dee })).toMatchObject({ balance: 40 });
    counter.reset();
    const bottle = { memberId: dee, productId: products['Water bottle']!, requestId: 'dee-1' };
    const redeemed = await redeem(session, clock, bottle);
    expect(redeemed).toMatchObject({ status: 'REDEEMED', pickup: { productName: 'Water bottle', price: 10 } });
    // Redeem Benefit, then the pickup alongside the report to Wix Automations: no read of the pool.
    expect([counter.calls, counter.rounds]).toEqual([3, 2]);
    expect(await balance(dee)).toBe(30);
    // Retried: the same pickup, nothing redeemed again.
    expect(await redeem(session, clock, bottle)).toEqual(redeemed);
    expect(await balance(dee)).toBe(30);

    // Paused since the session read the pool: Wix refuses it, the pool is read afresh, and nothing is redeemed.
    await pauseMember(env.wix, clock, { memberId: dee, requestId: 'dee-pause' });
    const towel = { memberId: dee, productId: products['Gym towel']!, requestId: 'dee-2' };
    expect(await redeem(session, clock, towel)).toEqual({ status: 'PROGRAM_PAUSED' });
    await resumeMember(env.wix, clock, { memberId: dee, requestId: 'dee-resume' });
    // Not kept while paused: read afresh, then kept again.
    counter.reset();
    expect(await redeem(session, clock, towel)).toMatchObject({ status: 'REDEEMED' });
    expect(counter.calls).toBeGreaterThan(3);
    expect(await balance(dee)).toBe(10);

    // A month later the kept pool's dates say a renewal is due: the pool is caught up before it redeems.
    await redeemableBenefits(session, clock, { memberId: dee });
    const nextMonth = new Date('2026-07-02T09:00:00.000Z');
    await emu.admin('/_emulator/v1/clock', { set: nextMonth.toISOString(), freeze: true });
    try {
      // The program rolls nothing over and grants nothing a month: renewed, the 10 tokens held are gone.
      const bottleAgain = { memberId: dee, productId: products['Water bottle']!, requestId: 'dee-3' };
      expect(await redeem(session, () => nextMonth, bottleAgain)).toEqual({
        status: 'NOT_ENOUGH_TOKENS',
        balance: 0,
        price: 10,
      });
      const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', dee).find();
      expect(items[0]!.renewalCount).toBe(1);
    } finally {
      await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
    }
  });
});

describe('a pickup whose member’s program ended while it waited', () => {
  it('is voided all the same (no tokens to give back: the program is over), and is no longer waiting', async () => {
    const eve = memberGuid('eve');
    await memberJoined(env.wix, { memberId: eve });
    await adjustTokens(env.wix, clock, { memberId: eve, amount: 15, reason: 'Start', requestId: 'start-eve' });
    const answer = await redeem(env.wix, clock, {
      memberId: eve,
      productId: products['Water bottle']!,
      requestId: 'e-1',
    });
    if (answer.status !== 'REDEEMED') throw new Error(answer.status);
    const [pool] = (await env.wix.pools.queryPools().eq('beneficiary.memberId', eve).find()).items;
    await env.wix.programs.endProgram(pool!.programId!);
    await settled(env.wix, await env.wix.pools.getPool(pool!._id!));
    expect(await revertRedemption(env.wix, clock, { pickupId: answer.pickup._id })).toMatchObject({
      status: 'VOIDED',
      pickup: { status: 'VOIDED' },
    });
    expect(await handOver(env.wix, clock, { pickupId: answer.pickup._id })).toMatchObject({ status: 'VOIDED' });
    const waiting = await pickupsToHandOver(env.wix, { limit: 100 });
    expect(waiting.pickups.map((p) => p._id)).not.toContain(answer.pickup._id);
  });
});
