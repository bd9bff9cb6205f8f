import { emulatorFetch, type TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInput } from './errors.ts';
import { catchUp, memberJoined, sweep } from './membership.ts';
import { settled } from './pool-state.ts';
import { redeemableBenefits } from './rewards.ts';
import { setUpProgram } from './setup.ts';
import { forgetSiteCaches } from './site-cache.ts';
import {
  createProducts,
  emulatedWix,
  memberGuid,
  roundTripCounter,
  startStrictEmulator,
  testClock,
} from './testing/wix.ts';
import { recordVisit } from './visits.ts';
import { NAMESPACE } from './wix.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
let products: Record<string, string>;
const time = testClock(() => emu, '2026-01-15T10:00:00.000Z');
const clock = time.clock;
const travel = time.travel;

/** Moves the flows' clock and the emulator's together (the emulator stamps what Wix would stamp). */

const choices = () => ({
  programName: 'New member rewards',
  tokenName: 'Tokens',
  initialTokens: 0,
  rollover: { enabled: true, cap: 5 },
  membershipMonths: 12,
  visitsPerDay: 1,
  tiers: [
    { name: 'Bottle tier', price: 10, productIds: [products['Water bottle']!] },
    { name: 'Towel tier', price: 20, productIds: [products['Gym towel']!, products.Socks!] },
    { name: 'Hoodie tier', price: 30, productIds: [products.Hoodie!] },
  ],
});

beforeAll(async () => {
  emu = await startStrictEmulator();
  await travel(clock());
  env = await emulatedWix(emu);
  products = await createProducts(emu, [
    { name: 'Water bottle', price: '12', image: 'https://cdn.example.com/bottle.png' },
    { name: 'Gym towel', price: '18' },
    { name: 'Socks', price: '6' },
    { name: 'Hoodie', price: '45' },
  ]);
});
afterAll(async () => emu?.close());

/** A member's balance as they see it: once Wix's job on the pool (a renewal, an end) is done. */
const balanceOf = async (memberId: string) => {
  const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', memberId).find();
  const pool = await settled(env.wix, items[0]!);
  return Number((await env.wix.balances.getBalance(pool._id!)).amount!.available);
};

describe('setup', () => {
  it('creates the program, the pool definition and the items once, reporting progress; a rerun writes nothing', async () => {
    const progress: string[] = [];
    const first = await setUpProgram(env.wix, choices(), (p) => progress.push(`${p.step}:${p.done}/${p.total}`));
    expect(first).toMatchObject({ itemsCreated: 4, itemsRemoved: 0, changed: true });
    expect(progress).toContain('items:4/4');
    await emu.requests();
    const again = await setUpProgram(env.wix, choices());
    expect(again).toMatchObject({
      programDefinitionId: first.programDefinitionId,
      poolDefinitionId: first.poolDefinitionId,
      changed: false,
    });
    const writes = (await emu.requests()).filter(
      (r) => !/\/query|\/find|by-namespace|version/.test(r.path) && r.method !== 'GET',
    );
    expect(writes).toEqual([]);
  });

  it('updates what exists when the choices change: prices, products added and removed', async () => {
    const changed = choices();
    changed.tiers[0] = { name: 'Bottle tier', price: 8, productIds: [products['Water bottle']!, products.Socks!] };
    changed.tiers[1] = { name: 'Towel tier', price: 20, productIds: [products['Gym towel']!] };
    const result = await setUpProgram(env.wix, changed);
    expect(result).toMatchObject({ itemsCreated: 1, itemsRemoved: 1, changed: true });
    const { items } = await env.wix.items.queryItems().eq('namespace', NAMESPACE).find();
    expect(items).toHaveLength(4);
    // and back, for the rest of the story
    expect(await setUpProgram(env.wix, choices())).toMatchObject({ itemsCreated: 1, itemsRemoved: 1 });
  });

  it('refuses bad choices naming the field, and changes nothing', async () => {
    const bad = (patch: object) => setUpProgram(env.wix, { ...choices(), ...patch }).catch((e: unknown) => e);
    expect(await bad({ tiers: [] })).toMatchObject({ field: 'tiers' });
    expect(await bad({ tiers: Array.from({ length: 11 }, () => ({ price: 1, productIds: [] })) })).toMatchObject({
      field: 'tiers',
    });
    expect(await bad({ tiers: [{ price: 0, productIds: [] }] })).toMatchObject({ field: 'tiers.0.price' });
    expect(await bad({ tiers: [{ price: 5, productIds: ['no-such-product'] }] })).toMatchObject({
      field: 'tiers.0.productIds.0',
    });
    expect(
      await bad({
        tiers: [
          { price: 5, productIds: [products.Hoodie] },
          { price: 6, productIds: [products.Hoodie] },
        ],
      }),
    ).toMatchObject({
      field: 'tiers.1.productIds.0',
    });
    expect(await bad({ programName: '' })).toBeInstanceOf(InvalidInput);
    expect(await bad({ membershipMonths: 0 })).toMatchObject({ field: 'membershipMonths' });
    const { items } = await env.wix.items.queryItems().eq('namespace', NAMESPACE).find();
    expect(items).toHaveLength(4);
  });
});

describe("a member's year", () => {
  it('provisions one program per member, also for duplicate and concurrent events', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => memberJoined(env.wix, { memberId: memberGuid('racer') })),
    );
    const ids = new Set(answers.map((a) => ('program' in a ? a.program?._id : null)));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.status === 'PROVISIONED')).toHaveLength(1);
    const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', memberGuid('racer')).find();
    expect(items).toHaveLength(1);
    await expect(memberJoined(env.wix, { memberId: ' ' })).rejects.toMatchObject({ field: 'memberId' });
  });

  it('earns a token a visit, rolls over at most 5 at each month end, ends after 12 months and earns nothing after', async () => {
    const joined = await memberJoined(env.wix, { memberId: memberGuid('alex') });
    expect(joined.status).toBe('PROVISIONED');
    const programId = 'program' in joined ? joined.program!._id! : '';
    let expected = 0;
    const start = new Date('2026-01-15T10:00:00.000Z');
    for (let month = 0; month < 12; month++) {
      const monthStart = new Date(Date.UTC(2026, month, month === 0 ? 16 : 1, 7));
      const visits = month % 3 === 0 ? 9 : 3; // some busy months, some quiet ones
      for (let day = 0; day < visits; day++) {
        await travel(new Date(monthStart.getTime() + day * 86_400_000));
        const answer = await recordVisit(env.wix, clock, {
          memberId: memberGuid('alex'),
          visitId: `alex-${month}-${day}`,
        });
        expect(answer.status, `month ${month} day ${day}`).toBe('TOKEN_ISSUED');
        expected++;
      }
      expect(await balanceOf(memberGuid('alex'))).toBe(expected);
      // The first instant of the next month: the month's renewal is due.
      const monthEnd = new Date(Date.UTC(2026, month + 1, 1, 0, 0, 1));
      await travel(monthEnd);
      const caught = await catchUp(env.wix, programId, clock());
      // Joined on January 15th: the 12 month ends from February 1st to January 1st all fall within the year.
      expect(caught.renewed).toEqual([`2026-${String(month + 1).padStart(2, '0')}`]);
      expected = Math.min(expected, 5);
      expect(await balanceOf(memberGuid('alex'))).toBe(expected);
    }
    // 2027-01-15 10:00 is 12 months after joining.
    await travel(new Date(start.getTime() + 365 * 86_400_000));
    expect(await recordVisit(env.wix, clock, { memberId: memberGuid('alex'), visitId: 'after-the-year' })).toEqual({
      status: 'NOT_IN_PROGRAM',
    });
    expect((await env.wix.programs.getProgram(programId)).status).toBe('ENDED');
    expect(await redeemableBenefits(env.wix, clock, { memberId: memberGuid('alex') })).toEqual({
      status: 'PROGRAM_ENDED',
    });
    expect(await balanceOf(memberGuid('alex'))).toBe(expected);
    const { items: pools } = await env.wix.pools.queryPools().eq('programId', programId).find();
    expect(pools[0]!.renewalCount).toBe(12);
  });

  it('counts a visit once and at most the daily limit, under retries and races', async () => {
    await travel('2026-03-10T08:00:00.000Z');
    await memberJoined(env.wix, { memberId: memberGuid('sam') });
    const visit = (visitId: string) => recordVisit(env.wix, clock, { memberId: memberGuid('sam'), visitId });
    // A race of different visits on one day: exactly one of them counts.
    const race = await Promise.all(['door-1', 'door-2', 'door-3'].map(visit));
    const winners = race.filter((a) => a.status === 'TOKEN_ISSUED');
    expect(winners).toHaveLength(1);
    expect(race.filter((a) => a.status === 'ALREADY_COUNTED')).toHaveLength(2);
    expect(await balanceOf(memberGuid('sam'))).toBe(1);
    const winner = ['door-1', 'door-2', 'door-3'][race.indexOf(winners[0]!)]!;
    // Retries and duplicates of the counted visit, at once: each answers the first answer, nothing more is issued.
    const retries = await Promise.all([visit(winner), visit(winner), visit(winner)]);
    expect(retries).toEqual(retries.map(() => winners[0]));
    expect(await visit('door-4')).toEqual({ status: 'ALREADY_COUNTED', reason: 'DAILY_LIMIT' });
    expect(await balanceOf(memberGuid('sam'))).toBe(1);
    await travel('2026-03-11T08:00:00.000Z');
    // A duplicate check-in racing with itself on a new day counts once.
    const twice = await Promise.all([visit('door-5'), visit('door-5')]);
    expect(twice[0]).toEqual(twice[1]);
    expect(twice[0]!.status).toBe('TOKEN_ISSUED');
    expect(await balanceOf(memberGuid('sam'))).toBe(2);
    // A door retrying after midnight, or dating the retry on another day: still the first answer, nothing more.
    await travel('2026-03-12T08:00:00.000Z');
    expect(await visit('door-5')).toEqual(twice[0]);
    for (const [i, doorVisit] of ['door-1', 'door-2', 'door-3'].entries()) {
      expect(
        await recordVisit(env.wix, clock, { memberId: memberGuid('sam'), visitId: doorVisit, at: clock() }),
      ).toEqual(race[i]);
    }
    expect(await balanceOf(memberGuid('sam'))).toBe(2);
    // Tokens earned since do not change what a retry answers: the balance right after the visit's own token.
    expect(await visit('door-6')).toMatchObject({ status: 'TOKEN_ISSUED', balance: '3' });
    expect(await visit('door-5')).toEqual(twice[0]);
    expect(twice[0]).toMatchObject({ balance: '2' });
    // Another member's visit under a visit id already used is refused naming it, not answered with sam's outcome.
    await expect(
      recordVisit(env.wix, clock, { memberId: memberGuid('nobody'), visitId: 'door-5' }),
    ).rejects.toMatchObject({ field: 'visitId', reason: "is another member's visit" });
    expect(await recordVisit(env.wix, clock, { memberId: memberGuid('nobody'), visitId: 'v' })).toEqual({
      status: 'NOT_IN_PROGRAM',
    });
    // A visit of no member in the program issued nothing and keeps nothing: the door may send it again for the member
    // it meant (a mistyped member id), and then it is theirs (sam's of today: today's one counted already).
    expect(await recordVisit(env.wix, clock, { memberId: memberGuid('sam'), visitId: 'v' })).toEqual({
      status: 'ALREADY_COUNTED',
      reason: 'DAILY_LIMIT',
    });
    await expect(recordVisit(env.wix, clock, { memberId: memberGuid('sam'), visitId: '' })).rejects.toMatchObject({
      field: 'visitId',
    });
    await expect(
      recordVisit(env.wix, clock, { memberId: memberGuid('sam'), visitId: 'x', at: 'yesterday' }),
    ).rejects.toMatchObject({ field: 'at' });
    // A visit dated in the future, more than a week back, or before the program started counts nothing.
    const sam = memberGuid('sam');
    const dated = (at: Date) => recordVisit(env.wix, clock, { memberId: sam, visitId: `dated-${at.getTime()}`, at });
    const before = await env.wix.balances.queryBalances().find();
    for (const [at, reason] of [
      [new Date(clock().getTime() + 3_600_000), 'is in the future'],
      [new Date(clock().getTime() - 8 * 24 * 3_600_000), 'is more than a week ago'],
      [new Date('1971-01-01T00:00:00Z'), 'is more than a week ago'],
    ] as const) {
      await expect(dated(at)).rejects.toMatchObject({ field: 'at', reason });
    }
    const [samPool] = (await env.wix.pools.queryPools().eq('beneficiary.memberId', sam).find()).items;
    const early = {
      memberId: sam,
      visitId: 'dated-early',
      at: new Date(new Date(samPool!._createdDate!).getTime() - 60_000),
    };
    await expect(recordVisit(env.wix, clock, early)).rejects.toMatchObject({
      field: 'at',
      reason: "is before the member's program started",
    });
    expect((await env.wix.balances.queryBalances().find()).items).toEqual(before.items);
    // Refused, it left nothing behind: sent again with the right instant, it is a visit of today (today's one
    // counted already), not a retry of the refused one.
    expect(await recordVisit(env.wix, clock, { ...early, at: clock() })).toEqual({
      status: 'ALREADY_COUNTED',
      reason: 'DAILY_LIMIT',
    });
  });

  it('uses the site time zone for the day a visit counts on and for month ends', async () => {
    await env.setTimeZone('America/New_York');
    await travel('2026-04-10T12:00:00.000Z');
    await memberJoined(env.wix, { memberId: memberGuid('ny') });
    // The door reports its visits a little later, dated when they happened.
    await travel('2026-04-11T06:00:00.000Z');
    // 2026-04-11 02:00 UTC is still the 10th in New York.
    expect(
      (await recordVisit(env.wix, clock, { memberId: memberGuid('ny'), visitId: 'a', at: '2026-04-10T13:00:00Z' }))
        .status,
    ).toBe('TOKEN_ISSUED');
    expect(
      await recordVisit(env.wix, clock, { memberId: memberGuid('ny'), visitId: 'b', at: '2026-04-11T02:00:00Z' }),
    ).toMatchObject({ reason: 'DAILY_LIMIT' });
    expect(
      (await recordVisit(env.wix, clock, { memberId: memberGuid('ny'), visitId: 'c', at: '2026-04-11T05:00:00Z' }))
        .status,
    ).toBe('TOKEN_ISSUED');
    // May 1st 00:30 UTC is still April 30th in New York: no renewal yet.
    await travel('2026-05-01T00:30:00.000Z');
    const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', memberGuid('ny')).find();
    expect((await catchUp(env.wix, items[0]!.programId!, clock())).renewed).toEqual([]);
    await travel('2026-05-01T04:30:00.000Z');
    expect((await catchUp(env.wix, items[0]!.programId!, clock())).renewed).toEqual(['2026-04']);
    await env.setTimeZone('UTC');
  });

  it("counts a visit in 3 Wix calls and 2 rounds when the time zone is kept: the pool, alongside the claim with the day's first slot; then the token", async () => {
    await travel('2026-04-07T07:00:00.000Z');
    await memberJoined(env.wix, { memberId: memberGuid('ari') });
    const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', memberGuid('ari')).find();
    await settled(env.wix, items[0]!);
    const counter = roundTripCounter(emulatorFetch(emu.url));
    const counted = await emulatedWix(emu, undefined, { fetch: counter.fetch });
    // The app keeps the site's time zone per site (`site-cache.ts`); kept here as it would be.
    const wix = { ...counted.wix, siteTimeZone: async () => 'UTC' };
    const visit = (visitId: string) => recordVisit(wix, clock, { memberId: memberGuid('ari'), visitId });
    expect(await visit('ari-1')).toMatchObject({ status: 'TOKEN_ISSUED', balance: '1' });
    expect([counter.calls, counter.rounds]).toEqual([3, 2]);
    // The day's visit taken (one a day): the second visit learns it from the same first call, and stops there.
    counter.reset();
    expect(await visit('ari-2')).toEqual({ status: 'ALREADY_COUNTED', reason: 'DAILY_LIMIT' });
    expect([counter.calls, counter.rounds]).toEqual([2, 1]);
  });

  it('sweeps every active program in chunks within the call budget, resuming from its cursor', async () => {
    await travel('2026-06-01T09:00:00.000Z');
    for (let i = 0; i < 6; i++) await memberJoined(env.wix, { memberId: memberGuid(`swept-${i}`) });
    await travel('2026-08-02T09:00:00.000Z'); // two month ends later
    let cursor: string | null = null;
    let rounds = 0;
    let renewed = 0;
    do {
      const result = await sweep(env.wix, clock, cursor, 8);
      expect(result.calls).toBeLessThanOrEqual(8);
      renewed += result.renewed;
      cursor = result.next;
      rounds++;
    } while (cursor && rounds < 50);
    expect(cursor).toBeNull();
    expect(rounds).toBeGreaterThan(1);
    expect(renewed).toBeGreaterThanOrEqual(12);
    const again = await sweep(env.wix, clock, null, 50);
    expect(again.renewed).toBe(0);
    // Live traffic first: with the site's calls of the minute nearly spent, the sweep stops before the first program
    // and answers where to go on.
    const busy = { ...env.wix, callBudget: () => ({ used: 190, limit: 200 }) };
    const yielded = await sweep(busy, clock, null, 50);
    expect(yielded).toMatchObject({ programs: 0, renewed: 0 });
    expect(yielded.next).toEqual(expect.any(String));
  });
});

describe('what a member can redeem', () => {
  it('lists the products of the tiers they can afford, and the next tier with the tokens missing, in one round when the catalogue is kept', async () => {
    await travel('2026-09-01T09:00:00.000Z');
    await memberJoined(env.wix, { memberId: memberGuid('jo') });
    const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', memberGuid('jo')).find();
    // Provisioning is a job: the pool takes tokens once it is done.
    await settled(env.wix, items[0]!);
    await env.wix.balances.changeBalance(items[0]!._id!, 'jo-start', {
      type: 'ADJUST',
      adjustOptions: { value: '22' },
    });
    const counter = roundTripCounter(emulatorFetch(emu.url));
    const counted = await emulatedWix(emu, undefined, { fetch: counter.fetch });
    // Nothing kept: the pools, the time zone and the balances together, then the items, then their products.
    forgetSiteCaches();
    const answer = await redeemableBenefits(counted.wix, clock, { memberId: memberGuid('jo') });
    expect([counter.calls, counter.rounds]).toEqual([5, 3]);
    // The items and their products kept for the session (`programCatalogue`): one round; the same answer.
    counter.reset();
    expect(await redeemableBenefits(counted.wix, clock, { memberId: memberGuid('jo') })).toEqual(answer);
    expect([counter.calls, counter.rounds]).toEqual([3, 1]);
    // Another session (another member's first call) finds them kept for the program its pool belongs to.
    counter.reset();
    const otherSession = { ...counted.wix, sessionKey: async () => 'another session' };
    expect(await redeemableBenefits(otherSession, clock, { memberId: memberGuid('jo') })).toEqual(answer);
    expect([counter.calls, counter.rounds]).toEqual([3, 1]);
    expect(answer).toMatchObject({
      status: 'ACTIVE',
      balance: 22,
      tokenName: 'Tokens',
      nextTier: { name: 'Hoodie tier', price: 30, missing: 8 },
    });
    if (answer.status !== 'ACTIVE') throw new Error('not active');
    expect(answer.redeemable.map((p) => [p.name, p.price])).toEqual([
      ['Water bottle', 10],
      ['Gym towel', 20],
      ['Socks', 20],
    ]);
    expect(answer.redeemable[0]!.image).toBe('https://cdn.example.com/bottle.png');
    expect(await redeemableBenefits(env.wix, clock, { memberId: memberGuid('stranger') })).toEqual({
      status: 'NOT_IN_PROGRAM',
    });
  });
});
