import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { members as membersModule } from '@wix/members';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollMembers, memberJoined } from './membership.ts';
import { adjustTokens, listMembers, memberLedger, monthlyFigures, monthlyOverview } from './operations.ts';
import { settled } from './pool-state.ts';
import { currentProgram, setUpProgram } from './setup.ts';
import {
  createProducts,
  emulatedWix,
  joinAndSettle,
  memberGuid,
  startStrictEmulator,
  testClock,
} from './testing/wix.ts';
import { recordVisit } from './visits.ts';

let emu: TestEmulator;
/** A site member created through the members API, nicknamed kim. */
let kim: string;
let env: Awaited<ReturnType<typeof emulatedWix>>;
const time = testClock(() => emu, '2026-05-03T09:00:00.000Z');
const clock = time.clock;
const travel = time.travel;

beforeAll(async () => {
  emu = await startStrictEmulator();
  await travel(clock().toISOString());
  env = await emulatedWix(emu);
  const products = await createProducts(emu, [{ name: 'Water bottle', price: '12' }]);
  await setUpProgram(env.wix, {
    programName: 'Rewards',
    initialTokens: 2,
    rollover: { enabled: true, cap: 5 },
    tiers: [{ price: 10, productIds: [products['Water bottle']!] }],
  });
  const owner = await emu.client({ type: 'ADMIN' }, { members: membersModule });
  const member = await owner.members.createMember({
    member: { loginEmail: 'kim@gym.example', profile: { nickname: 'kim' } },
  });
  kim = member._id!;
  await memberJoined(env.wix, { memberId: kim });
});
afterAll(async () => emu?.close());

describe("the owner's operations", () => {
  it('adjusts tokens with a reason once per request, never below zero', async () => {
    const added = await adjustTokens(env.wix, clock, {
      memberId: kim,
      amount: 5,
      reason: 'Referral bonus',
      requestId: 'adj-1',
    });
    expect(added).toMatchObject({ status: 'ADJUSTED', balance: 7 });
    const retried = await adjustTokens(env.wix, clock, {
      memberId: kim,
      amount: 5,
      reason: 'Referral bonus',
      requestId: 'adj-1',
    });
    expect(retried).toEqual(added);
    // The request id of that adjustment used for another: refused naming it, never answered as made.
    await expect(
      adjustTokens(env.wix, clock, { memberId: kim, amount: -5, reason: 'Correction', requestId: 'adj-1' }),
    ).rejects.toMatchObject({ field: 'requestId', reason: 'was used for another adjustment' });
    expect(
      await adjustTokens(env.wix, clock, { memberId: kim, amount: -50, reason: 'Oops', requestId: 'adj-2' }),
    ).toEqual({
      status: 'NOT_ENOUGH_TOKENS',
      balance: 7,
    });
    expect(
      await adjustTokens(env.wix, clock, {
        memberId: memberGuid('nobody'),
        amount: 1,
        reason: 'Hello',
        requestId: 'adj-3',
      }),
    ).toEqual({
      status: 'NOT_IN_PROGRAM',
    });
    for (const [patch, field] of [
      [{ amount: 0 }, 'amount'],
      [{ amount: 1.5 }, 'amount'],
      [{ reason: '' }, 'reason'],
      [{ requestId: 'has space' }, 'requestId'],
    ] as const) {
      const valid: Parameters<typeof adjustTokens>[2] = {
        memberId: kim,
        amount: 1,
        reason: 'Valid reason',
        requestId: 'adj-x',
      };
      await expect(adjustTokens(env.wix, clock, { ...valid, ...patch })).rejects.toMatchObject({ field });
    }
  });

  it("shows a member's ledger newest first, a page at a time, each entry told apart", async () => {
    await travel('2026-05-04T09:00:00.000Z');
    await recordVisit(env.wix, clock, { memberId: kim, visitId: 'door-77' });
    const first = await memberLedger(env.wix, clock, { memberId: kim, limit: 2 });
    if (first.status !== 'FOUND') throw new Error('no ledger');
    expect(first.entries.map((e) => [e.kind, e.amount, e.reference])).toEqual([
      ['VISIT', 1, '2026-05-04'],
      ['ADJUSTMENT', 5, null],
    ]);
    expect(first.cursor).toBeTruthy();
    const second = await memberLedger(env.wix, clock, { memberId: kim, limit: 2, cursor: first.cursor });
    if (second.status !== 'FOUND') throw new Error('no ledger');
    expect(second.entries.map((e) => [e.kind, e.amount])).toEqual([['INITIAL', 2]]);
    expect(second.cursor).toBeNull();
    expect(await memberLedger(env.wix, clock, { memberId: memberGuid('nobody') })).toEqual({
      status: 'NOT_IN_PROGRAM',
    });
  });

  it('counts the month: tokens issued and redeemed, active members', async () => {
    const figures = await monthlyFigures(env.wix, { month: '2026-05' });
    expect(figures).toEqual({
      month: '2026-05',
      tokensIssued: 8,
      tokensRedeemed: 0,
      tokensForfeited: 0,
      redemptions: [],
      activeMembers: 1,
      tokensOutstanding: 8,
    });
    expect(await monthlyFigures(env.wix, { month: '2026-04' })).toMatchObject({ tokensIssued: 0 });
    await expect(monthlyFigures(env.wix, { month: '2026-13' })).rejects.toMatchObject({ field: 'month' });
  });
});

describe("the owner's member list", () => {
  it('lists members newest first with balance, status and months left, by page and by search', async () => {
    const people = await emu.client({ type: 'ADMIN' }, { members: (await import('@wix/members')).members });
    const joined: string[] = [];
    for (const [i, name] of ['Robin', 'Rory', 'Alex'].entries()) {
      await travel(`2026-05-${String(10 + i).padStart(2, '0')}T09:00:00.000Z`);
      const member = await people.members.createMember({
        member: { loginEmail: `${name.toLowerCase()}@gym.example`, profile: { nickname: name } },
      });
      await joinAndSettle(env.wix, member._id!);
      joined.push(member._id!);
    }
    await travel('2026-07-20T09:00:00.000Z');
    const first = await listMembers(env.wix, clock, { limit: 2 });
    expect(first.members.map((m) => m.name)).toEqual(['Alex', 'Rory']);
    expect(first.members[0]).toMatchObject({ email: 'alex@gym.example', status: 'ACTIVE', balance: 2, monthsLeft: 9 });
    const second = await listMembers(env.wix, clock, { limit: 2, cursor: first.cursor });
    expect(second.members.map((m) => m.name)).toEqual(['Robin', 'kim']);
    expect(second.cursor).toBeNull();
    const found = await listMembers(env.wix, clock, { search: 'Ro' });
    expect(found.members.map((m) => m.name).sort()).toEqual(['Robin', 'Rory']);
    expect((await listMembers(env.wix, clock, { search: 'zz' })).members).toEqual([]);
    await expect(listMembers(env.wix, clock, { limit: 500 })).rejects.toMatchObject({ field: 'limit' });
  });
});

describe('the setup page and existing members', () => {
  it('reads the program back in the setup flow’s terms', async () => {
    const program = await currentProgram(env.wix);
    expect(program).toMatchObject({
      programName: 'Rewards',
      tokenName: 'Tokens',
      initialTokens: 2,
      rollover: { enabled: true, cap: 5 },
      membershipMonths: 12,
      visitsPerDay: 1,
      tiers: [{ price: 10, productIds: [expect.any(String)] }],
    });
    // Saving what was read back changes nothing.
    expect((await setUpProgram(env.wix, program)).changed).toBe(false);
  });

  it('enrolls the site’s existing members a page at a time, once each', async () => {
    const owner = await emu.client({ type: 'ADMIN' }, { members: membersModule });
    const ids: string[] = [];
    for (const name of ['ana', 'ben', 'cai']) {
      const member = await owner.members.createMember({ member: { loginEmail: `${name}@example.com` } });
      ids.push(member._id!);
    }
    await memberJoined(env.wix, { memberId: ids[0]! });
    const everyone = (await env.wix.members.queryMembers().limit(100).find()).items.length;
    const enrollAll = async () => {
      const total = { enrolled: 0, alreadyMembers: 0, pages: 0 };
      let cursor: string | null = null;
      do {
        const page = await enrollMembers(env.wix, { limit: 2, cursor });
        if (!('next' in page)) throw new Error('the program is set up');
        total.enrolled += page.enrolled;
        total.alreadyMembers += page.alreadyMembers;
        total.pages += 1;
        cursor = page.next;
      } while (cursor);
      return total;
    };
    const first = await enrollAll();
    expect(first.enrolled + first.alreadyMembers).toBe(everyone);
    expect(first.enrolled).toBeGreaterThanOrEqual(2); // ben and cai at least; ana had joined
    expect(first.pages).toBe(Math.floor(everyone / 2) + 1);
    expect(await enrollAll()).toMatchObject({ enrolled: 0, alreadyMembers: everyone });
    for (const id of ids) expect((await memberJoined(env.wix, { memberId: id })).status).toBe('ALREADY_MEMBER');
    await expect(enrollMembers(env.wix, { cursor: 'x' })).rejects.toMatchObject({ field: 'cursor' });
  });
});

describe('the overview', () => {
  it("counts calendar months in the site's time zone, and active members once for the overview", async () => {
    await env.setTimeZone('Europe/London');
    try {
      // 00:30 on 1 July in London is still 30 June in UTC: a member joining then counts in July.
      await travel('2026-06-30T23:30:00.000Z');
      // Wix's jobs from the tests before (renewals) finish first: they would write their credits meanwhile.
      for (const pool of (await env.wix.pools.queryPools().limit(100).find()).items) await settled(env.wix, pool);
      const before = await monthlyOverview(env.wix, clock, { months: 3 });
      expect(before.map((m) => m.month)).toEqual(['2026-05', '2026-06', '2026-07']);
      await joinAndSettle(env.wix, memberGuid('lee'));
      const after = await monthlyOverview(env.wix, clock, { months: 3 });
      expect(after[2]!.tokensIssued - before[2]!.tokensIssued).toBe(2);
      // Lee's welcome tokens are owed clock(), as every month's figure of clock() says.
      expect(after[1]).toEqual({
        ...before[1],
        activeMembers: before[1]!.activeMembers + 1,
        tokensOutstanding: before[1]!.tokensOutstanding + 2,
      });
      expect(new Set(after.map((m) => m.activeMembers)).size).toBe(1);
      await expect(monthlyOverview(env.wix, clock, { months: 25 })).rejects.toMatchObject({ field: 'months' });
    } finally {
      await env.setTimeZone('UTC');
    }
  });
});

describe("a member's ledger asked with another member's page", () => {
  it('is refused naming the cursor, never their lines under this member', async () => {
    const lee = memberGuid('lee');
    await memberJoined(env.wix, { memberId: lee });
    await adjustTokens(env.wix, clock, { memberId: lee, amount: 1, reason: 'Hello', requestId: 'adj-lee' });
    const lees = await memberLedger(env.wix, clock, { memberId: lee, limit: 1 });
    if (lees.status !== 'FOUND' || !lees.cursor) throw new Error('no second page');
    await expect(memberLedger(env.wix, clock, { memberId: kim, limit: 1, cursor: lees.cursor })).rejects.toMatchObject({
      field: 'cursor',
    });
  });
});
