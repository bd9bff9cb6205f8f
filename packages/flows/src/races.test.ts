import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { members as membersModule } from '@wix/members';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntry } from './ledger.ts';
import { catchUp, enrollMembers, memberJoined, sweep } from './membership.ts';
import { adjustTokens } from './operations.ts';
import { PICKUPS, redeem } from './pickups.ts';
import { settled } from './pool-state.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator, testClock } from './testing/wix.ts';
import { recordVisit } from './visits.ts';
import type { WixApis } from './wix.ts';

/** Two things at once on one member's tokens, each ending in exactly one consistent outcome (issue 13, "Races"). */
const RULES = { initialTokens: 3, cap: 4 };

let emu: TestEmulator;
let wix: WixApis;
let product: string;
const time = testClock(() => emu, '2026-05-05T09:00:00.000Z');
const clock = time.clock;
const travel = time.travel;

beforeAll(async () => {
  emu = await startStrictEmulator();
  await travel(clock().toISOString());
  ({ wix } = await emulatedWix(emu));
  product = (await createProducts(emu, [{ name: 'Shaker', price: '9' }])).Shaker!;
  await setUpProgram(wix, {
    programName: 'Rewards',
    initialTokens: RULES.initialTokens,
    rollover: { enabled: true, cap: RULES.cap },
    visitsPerDay: 5,
    tiers: [{ price: 7, productIds: [product] }],
  });
}, 60_000);
afterAll(async () => emu?.close());

async function poolOf(memberId: string) {
  const { items } = await wix.pools.queryPools().eq('beneficiary.memberId', memberId).find();
  return settled(wix, items[0]!);
}

/** The member's balance, checked against the signed sum of the pool's transactions; and the ledger's entries. */
async function books(memberId: string) {
  const pool = await poolOf(memberId);
  let page = await wix.transactions.queryTransactions().eq('pool.id', pool._id).limit(100).find();
  const transactions = [...page.items];
  while (page.hasNext()) {
    page = await page.next();
    transactions.push(...page.items);
  }
  const entries = transactions.map((t) => ledgerEntry(t));
  const balance = Number((await wix.balances.getBalance(pool._id!)).amount?.available);
  expect(entries.reduce((sum, e) => sum + e.amount, 0)).toBe(balance);
  expect(balance).toBeGreaterThanOrEqual(0);
  return { pool, balance, entries, transactions };
}

describe('races', () => {
  it('a redemption and an adjustment that cannot both fit: exactly one wins, the books agree', async () => {
    const winners: string[] = [];
    for (let round = 0; round < 6; round++) {
      const memberId = memberGuid(`race-redeem-${round}`);
      await memberJoined(wix, { memberId });
      await poolOf(memberId);
      await adjustTokens(wix, clock, { memberId, amount: 7, reason: 'Fund', requestId: `fund-${round}` });
      // 10 tokens: a 7-token redemption and taking 5 away cannot both happen.
      const [redeemed, adjusted] = await Promise.all([
        redeem(wix, clock, { memberId, productId: product, requestId: `race-${round}` }),
        adjustTokens(wix, clock, { memberId, amount: -5, reason: 'Correction', requestId: `take-${round}` }),
      ]);
      const { balance, transactions } = await books(memberId);
      const pickups = await wix.data.query(PICKUPS).eq('memberId', memberId).find({ consistentRead: true });
      if (redeemed.status === 'REDEEMED') {
        expect(adjusted.status).toBe('NOT_ENOUGH_TOKENS');
        expect(balance).toBe(3);
        expect(pickups.items.map((p) => p.transactionId)).toEqual([redeemed.pickup.transactionId]);
        winners.push('redeem');
      } else {
        expect(redeemed.status).toBe('NOT_ENOUGH_TOKENS');
        expect(adjusted.status).toBe('ADJUSTED');
        expect(balance).toBe(5);
        expect(pickups.items).toEqual([]);
        expect(transactions.filter((t) => t.idempotencyKey?.startsWith('redeem:'))).toEqual([]);
        winners.push('adjust');
      }
    }
    expect(winners).toHaveLength(6);
  });

  it('a visit racing the renewal at a month end: one renewal, one token, the rollover capped either way', async () => {
    const outcomes = new Set<number>();
    for (let round = 0; round < 4; round++) {
      await travel(`2026-0${6 + round}-20T09:00:00.000Z`);
      const memberId = memberGuid(`race-month-end-${round}`);
      await memberJoined(wix, { memberId });
      const { pool } = await books(memberId);
      await adjustTokens(wix, clock, { memberId, amount: 2 + round, reason: 'Fund', requestId: `me-fund-${round}` });
      const before = RULES.initialTokens + 2 + round;
      // Just past the month end: the visit is dated on its last evening, and the sweep renews at the same time.
      const monthEnd = new Date(Date.UTC(2026, 6 + round, 1));
      await travel(new Date(monthEnd.getTime() + 1_000).toISOString());
      const at = new Date(monthEnd.getTime() - 3_600_000);
      const visit = () => recordVisit(wix, clock, { memberId, visitId: `month-end-${round}`, at });
      const [first] = await Promise.all([
        visit(),
        catchUp(wix, pool.programId!, clock()),
        catchUp(wix, pool.programId!, clock()),
      ]);
      // A visit that found the renewal running answers so; the door's retry counts it.
      const answer = first.status === 'PROGRAM_UPDATING' ? await visit() : first;
      expect(answer.status).toBe('TOKEN_ISSUED');
      const { balance, entries, pool: after } = await books(memberId);
      expect(after.renewalCount).toBe(1);
      expect(entries.filter((e) => e.kind === 'VISIT')).toHaveLength(1);
      const visitFirst = Math.min(before + 1, RULES.cap) + RULES.initialTokens;
      const renewalFirst = Math.min(before, RULES.cap) + RULES.initialTokens + 1;
      expect([visitFirst, renewalFirst]).toContain(balance);
      outcomes.add(balance);
      expect(await visit()).toEqual(answer);
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });

  it('two sweeps at once renew every program once a month, no more', async () => {
    await travel('2026-11-10T09:00:00.000Z');
    const members = Array.from({ length: 4 }, (_, i) => memberGuid(`race-sweep-${i}`));
    for (const memberId of members) await memberJoined(wix, { memberId });
    for (const memberId of members) await poolOf(memberId);
    await travel('2027-01-03T09:00:00.000Z'); // two month ends later
    const sweepAll = async () => {
      let cursor: string | null = null;
      let rounds = 0;
      do {
        cursor = (await sweep(wix, clock, cursor, 20)).next;
        rounds++;
      } while (cursor && rounds < 60);
      expect(cursor).toBeNull();
    };
    await Promise.all([sweepAll(), sweepAll()]);
    for (const memberId of members) {
      const { pool, balance, entries } = await books(memberId);
      expect(pool.renewalCount).toBe(2);
      // The welcome credit and two renewals (told apart from the welcome only by the pool's first month end).
      expect(entries.filter((e) => e.kind === 'RENEWAL')).toHaveLength(3);
      // 3 welcome tokens; December keeps min(3, cap 4) and grants 3 (6); January keeps min(6, 4) and grants 3.
      expect(balance).toBe(7);
    }
  });

  it('a member joining while the owner enrolls the site members: one program, one welcome, whoever comes first', async () => {
    await travel('2027-01-10T09:00:00.000Z');
    const owner = await emu.client({ type: 'ADMIN' }, { members: membersModule });
    // The member-created event arrives 0 to 40 ms after the owner's enrollment starts, twice in one round.
    for (const [round, delayMs] of [0, 0, 5, 10, 20, 40].entries()) {
      const member = await owner.members.createMember({ member: { loginEmail: `joiner-${round}@gym.example` } });
      const memberId = member._id!;
      const joined = async () => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return memberJoined(wix, { memberId });
      };
      const events = round === 1 ? [joined(), joined()] : [joined()];
      const [enrolled, ...answers] = await Promise.all([enrollMembers(wix, { limit: 50 }), ...events]);
      if (!('next' in enrolled)) throw new Error('the program is set up');
      expect(enrolled.next, `round ${round}`).toBeNull();
      // Every earlier member already had a program; this one got exactly one, from the event or from the enrollment.
      expect(enrolled.alreadyMembers + enrolled.enrolled, `round ${round}`).toBe(round + 1);
      const provisioned = answers.filter((a) => a.status === 'PROVISIONED').length + enrolled.enrolled;
      expect(provisioned, `round ${round}`).toBe(1);
      const { items: programs } = await wix.programs.queryPrograms().find();
      const mine = programs.filter((p) => p.beneficiary?.memberId === memberId);
      expect(mine, `round ${round}`).toHaveLength(1);
      for (const answer of answers) {
        expect('program' in answer && answer.program?._id, `round ${round}`).toBe(mine[0]!._id);
      }
      const { items: pools } = await wix.pools.queryPools().eq('beneficiary.memberId', memberId).find();
      expect(pools, `round ${round}`).toHaveLength(1);
      // The welcome tokens once: one credit, the balance the program's first grant.
      const { balance, entries } = await books(memberId);
      expect(entries, `round ${round}`).toHaveLength(1);
      expect(balance, `round ${round}`).toBe(RULES.initialTokens);
    }
  });
});
