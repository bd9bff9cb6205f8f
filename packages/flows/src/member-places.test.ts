import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { members as membersModule } from '@wix/members';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setUpPlanCatalog } from './catalog-setup.ts';
import { COLLECTIONS } from './collections.ts';
import { catchUp } from './membership.ts';
import { placesTaken, placeTaker } from './places.ts';
import { enrollMembersInPlan, memberJoinedInPlan } from './plan-gates.ts';
import { forgetPlan, PLAN_CATALOG } from './plans.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator, testClock } from './testing/wix.ts';
import { WixUnavailable } from './transient.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

/**
 * "Members beyond a number" under races: the Free plan allows 50 members; members joining at the same moment for the
 * last places, by the member-created event and by the owner's "bring existing members in" at once, with the same
 * member's event repeated, get no more than the 50 places, and every one left out is told why.
 */
let emu: TestEmulator;
let wix: WixApis;
let owner: Awaited<ReturnType<typeof siteOwner>>;
const time = testClock(() => emu, '2026-05-03T09:00:00.000Z');
const clock = time.clock;
const setClock = time.travel;
const FREE_MEMBERS = 50;
const FULL_MESSAGE =
  'The Free plan allows 50 members in the program; new members wait outside. Upgrade to Grow on the Plans page to let them in.';

const siteOwner = () => emu.client({ type: 'ADMIN' }, { members: membersModule });

/** Every program of the gym's namespace, by member: in the program (active or being provisioned) or ended. */
async function programs(): Promise<Array<{ id: string; memberId: string; in: boolean }>> {
  const all = [];
  let page = await wix.programs.queryPrograms().eq('namespace', NAMESPACE).limit(100).find();
  for (;;) {
    for (const p of page.items) {
      all.push({ id: p._id!, memberId: p.beneficiary!.memberId!, in: !['ENDED', 'ENDING'].includes(p.status!) });
    }
    if (!page.hasNext()) return all;
    page = await page.next();
  }
}

async function siteMembers(names: string[]) {
  const made = [];
  for (const name of names)
    made.push(await owner.members.createMember({ member: { loginEmail: `${name}@gym.example` } }));
  return made.map((m) => m._id!);
}

beforeAll(async () => {
  emu = await startStrictEmulator();
  await setClock('2026-05-03T09:00:00.000Z');
  const env = await emulatedWix(emu, { type: 'APP', appId: 'gym-rewards' });
  owner = await siteOwner();
  const ownerSession = await emu.client({ type: 'ADMIN' }, {});
  wix = { ...env.wix, ownerFetchWithAuth: (url, init) => ownerSession.fetchWithAuth(url, init) };
  await setUpPlanCatalog(wix, PLAN_CATALOG);
  const products = await createProducts(emu, [{ name: 'Towel', price: '5' }]);
  await setUpProgram(wix, {
    programName: 'Rewards',
    membershipMonths: 1,
    tiers: [{ price: 5, productIds: [products.Towel!] }],
  });
  // 48 members in: the last ten of them took places (within the plan's last places, `COUNT_MARGIN`).
  const first = Array.from({ length: FREE_MEMBERS - 2 }, (_, i) => memberGuid(`early-${i}`));
  for (let i = 0; i < first.length; i += 8) {
    const joined = await Promise.all(
      first.slice(i, i + 8).map((memberId) => memberJoinedInPlan(wix, clock, { memberId })),
    );
    expect(joined.every((j) => j.status === 'PROVISIONED')).toBe(true);
  }
});
afterAll(async () => emu?.close());
beforeEach(() => forgetPlan());

describe('the last places of the plan go to as many members as it allows, under any race', () => {
  const newcomers = Array.from({ length: 5 }, (_, i) => memberGuid(`burst-${i}`));
  let siteIds: string[] = [];

  it('ten members joining at once for the last two places: exactly 50 are in, the others told why; a repeated join makes no second program', async () => {
    siteIds = await siteMembers(['ana', 'ben', 'cy', 'dee', 'eve']);
    // All at once: five member-created events, the first one's event three times, Ana's event alongside the owner
    // bringing the five site members in (Ana among them).
    const [enrolled, ...joined] = await Promise.all([
      enrollMembersInPlan(wix, clock, {}),
      ...[...newcomers, newcomers[0]!, newcomers[0]!, siteIds[0]!].map((memberId) =>
        memberJoinedInPlan(wix, clock, { memberId }),
      ),
    ]);
    const all = await programs();
    expect(all.filter((p) => p.in)).toHaveLength(FREE_MEMBERS);
    expect(all).toHaveLength(FREE_MEMBERS);
    expect(new Set(all.map((p) => p.memberId)).size).toBe(FREE_MEMBERS);
    const inNow = new Set(all.map((p) => p.memberId));
    // Every answer agrees with what happened: in (provisioned clock() or found), or outside with the plan's reason.
    for (const [i, answer] of joined.entries()) {
      const memberId = [...newcomers, newcomers[0]!, newcomers[0]!, siteIds[0]!][i]!;
      if (answer.status === 'PLAN_FULL') {
        expect(answer).toMatchObject({ allowed: FREE_MEMBERS, plan: 'grow', message: FULL_MESSAGE });
      } else {
        expect(['PROVISIONED', 'ALREADY_MEMBER']).toContain(answer.status);
        expect(inNow.has(memberId)).toBe(true);
      }
    }
    expect(enrolled).toMatchObject({ next: null });
    if (!('enrolled' in enrolled)) throw new Error('not set up');
    expect(enrolled.enrolled + enrolled.alreadyMembers + (enrolled.waiting ?? 0)).toBe(siteIds.length);
    expect(enrolled.waiting).toBeGreaterThan(0);
    expect(enrolled.full).toEqual({ allowed: FREE_MEMBERS, plan: 'grow', message: FULL_MESSAGE });
    // Two members came in, each once.
    const cameIn = [...newcomers, ...siteIds].filter((m) => inNow.has(m));
    expect(cameIn).toHaveLength(2);
  });

  it('the same joins again (an event retried, the owner clicking again) change nothing', async () => {
    const before = await programs();
    const again = await Promise.all(
      [...newcomers, ...siteIds].map((memberId) => memberJoinedInPlan(wix, clock, { memberId })),
    );
    const inBefore = new Set(before.filter((p) => p.in).map((p) => p.memberId));
    for (const [i, memberId] of [...newcomers, ...siteIds].entries()) {
      expect(again[i]!.status).toBe(inBefore.has(memberId) ? 'ALREADY_MEMBER' : 'PLAN_FULL');
    }
    const siteIn = siteIds.filter((m) => inBefore.has(m)).length;
    expect(await enrollMembersInPlan(wix, clock, {})).toMatchObject({
      enrolled: 0,
      alreadyMembers: siteIn,
      waiting: siteIds.length - siteIn,
    });
    expect(await programs()).toEqual(before);
  });

  it("a member's program ending frees their place; a crash after taking a place loses it only until that member's join is retried", async () => {
    const placed = (await placesTaken(wix)).map((p) => p.memberId);
    const leaving = (await programs()).find((p) => placed.includes(p.memberId))!;
    // The membership (one month) is over: catching the program up ends it and frees the place.
    await setClock('2026-06-04T09:00:00.000Z');
    expect((await catchUp(wix, leaving.id, clock())).ended).toBe(true);
    // Ending is a job Wix runs after answering: the program is counted in until it has ended.
    await expect
      .poll(async () => (await wix.programs.getProgram(leaving.id)).status, { timeout: 15_000, interval: 100 })
      .toBe('ENDED');
    expect((await placesTaken(wix)).map((p) => p.memberId)).not.toContain(leaving.memberId);
    // A join that took the freed place and crashed before provisioning: the place is held, nobody else gets it...
    const crashed = memberGuid('crashed');
    const { items } = await wix.programs.queryPrograms().eq('namespace', NAMESPACE).ne('status', 'ENDED').find();
    const inProgram = new Set(items.map((p) => p.beneficiary!.memberId!));
    expect(await placeTaker(wix, FREE_MEMBERS, inProgram, await placesTaken(wix))(crashed)).toBe(true);
    expect(await memberJoinedInPlan(wix, clock, { memberId: memberGuid('next-in-line') })).toMatchObject({
      status: 'PLAN_FULL',
      message: FULL_MESSAGE,
    });
    // ...until the crashed member's join is retried: it finds its place and comes in.
    expect((await memberJoinedInPlan(wix, clock, { memberId: crashed })).status).toBe('PROVISIONED');
    const all = await programs();
    expect(all.filter((p) => p.in)).toHaveLength(FREE_MEMBERS);
    expect(all.filter((p) => !p.in).map((p) => p.memberId)).toEqual([leaving.memberId]);
    const places = await wix.data.query(COLLECTIONS.places).find({ consistentRead: true });
    expect(new Set(places.items.map((p) => p.place)).size).toBe(places.items.length);
  });

  it("a place taken whose answer was lost (Wix took it, then failed the call): the join fails as 'try again', the retry comes in on that place", async () => {
    const placed = (await placesTaken(wix)).map((p) => p.memberId);
    const leaving = (await programs()).find((p) => p.in && placed.includes(p.memberId))!;
    expect((await catchUp(wix, leaving.id, clock())).ended).toBe(true);
    await expect
      .poll(async () => (await wix.programs.getProgram(leaving.id)).status, { timeout: 15_000, interval: 100 })
      .toBe('ENDED');
    await emu.admin('/_emulator/v1/faults', {
      seed: 7,
      rules: [{ method: 'POST', path: '/wix-data/v2/items', dropRate: 1, dropAs: '503', limit: 1 }],
    });
    const unlucky = memberGuid('unlucky');
    try {
      const failed = await memberJoinedInPlan(wix, clock, { memberId: unlucky }).catch((e) => e);
      expect(failed).toBeInstanceOf(WixUnavailable);
      expect(await emu.admin('/_emulator/v1/faults')).toMatchObject({ counts: { 'drop-503': 1 } });
    } finally {
      await emu.admin('/_emulator/v1/faults', undefined, 'DELETE');
    }
    expect((await memberJoinedInPlan(wix, clock, { memberId: memberGuid('after-unlucky') })).status).toBe('PLAN_FULL');
    expect((await memberJoinedInPlan(wix, clock, { memberId: unlucky })).status).toBe('PROVISIONED');
    const all = await programs();
    expect(all.filter((p) => p.in)).toHaveLength(FREE_MEMBERS);
    expect(all.filter((p) => !p.in)).toHaveLength(2);
  });
});
