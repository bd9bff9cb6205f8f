import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { members as membersModule } from '@wix/members';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setUpPlanCatalog } from './catalog-setup.ts';
import { enrollMembersInPlan, memberJoinedInPlan } from './plan-gates.ts';
import { choosePlan } from './plan-offering.ts';
import { forgetPlan, PLAN_CATALOG } from './plans.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator, testClock } from './testing/wix.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

/** "Members beyond a number": the Free plan allows 50 members in the program, Grow 500, Studio any number. */
let emu: TestEmulator;
let wix: WixApis;
let owner: Awaited<ReturnType<typeof siteOwner>>;
const time = testClock(() => emu, '2026-05-03T09:00:00.000Z');
const clock = time.clock;
const setClock = time.travel;
const FREE_MEMBERS = 50;

const siteOwner = () => emu.client({ type: 'ADMIN' }, { members: membersModule });

/** Every program of the gym's namespace: in the program (active or being provisioned, Wix's job) or ended. */
async function programsByStatus(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const of = (status: string) => (status === 'ENDED' || status === 'ENDING' ? 'ENDED' : 'IN');
  let page = await wix.programs.queryPrograms().eq('namespace', NAMESPACE).limit(100).find();
  for (;;) {
    for (const p of page.items) counts[of(p.status!)] = (counts[of(p.status!)] ?? 0) + 1;
    if (!page.hasNext()) return counts;
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
  await setUpProgram(wix, { programName: 'Rewards', tiers: [{ price: 5, productIds: [products.Towel!] }] });
});
afterAll(async () => emu?.close());
beforeEach(() => forgetPlan());

describe('members beyond the plan wait outside; members in stay in', () => {
  it('on Free, the 51st member to join is refused with the plan to upgrade to; nobody in is touched', async () => {
    const first = Array.from({ length: FREE_MEMBERS - 2 }, (_, i) => memberGuid(`early-${i}`));
    for (let i = 0; i < first.length; i += 8) {
      const joined = await Promise.all(
        first.slice(i, i + 8).map((memberId) => memberJoinedInPlan(wix, clock, { memberId })),
      );
      expect(joined.every((j) => j.status === 'PROVISIONED')).toBe(true);
    }
    // The owner brings the site's four existing members in: two fit, two wait, and the answer says why.
    await siteMembers(['ana', 'ben', 'cy', 'dee']);
    const enrolled = await enrollMembersInPlan(wix, clock, {});
    expect(enrolled).toMatchObject({
      enrolled: 2,
      alreadyMembers: 0,
      waiting: 2,
      next: null,
      full: { allowed: FREE_MEMBERS, plan: 'grow' },
    });
    expect('full' in enrolled && enrolled.full?.message).toBe(
      'The Free plan allows 50 members in the program; new members wait outside. Upgrade to Grow on the Plans page to let them in.',
    );
    // A new member joining is refused, never thrown at the event (no retry storm); a member in, repeated, stays in.
    expect(await memberJoinedInPlan(wix, clock, { memberId: memberGuid('late') })).toMatchObject({
      status: 'PLAN_FULL',
      allowed: FREE_MEMBERS,
      plan: 'grow',
    });
    expect((await memberJoinedInPlan(wix, clock, { memberId: first[0]! })).status).toBe('ALREADY_MEMBER');
    expect(await programsByStatus()).toEqual({ IN: FREE_MEMBERS });
  });

  it('after buying Grow the waiting members come in', async () => {
    const page = await choosePlan(wix, clock, { plan: 'grow', cycle: 'MONTHLY' });
    expect((await fetch(`${page.riskIframeUrl}/pay`, { method: 'POST' })).status).toBe(200);
    forgetPlan();
    expect(await enrollMembersInPlan(wix, clock, {})).toEqual({ enrolled: 2, alreadyMembers: 2, next: null });
    expect((await memberJoinedInPlan(wix, clock, { memberId: memberGuid('late') })).status).toBe('PROVISIONED');
    expect(await programsByStatus()).toEqual({ IN: FREE_MEMBERS + 3 });
  });

  it('a downgrade back to Free drops no member: all 53 stay in, only new joining stops', async () => {
    await emu.admin('/_emulator/v1/premium/cancel-auto-renewal', { appId: 'gym-rewards' });
    await setClock('2026-06-03T09:00:01.000Z');
    forgetPlan();
    expect(await memberJoinedInPlan(wix, clock, { memberId: memberGuid('later') })).toMatchObject({
      status: 'PLAN_FULL',
    });
    expect((await memberJoinedInPlan(wix, clock, { memberId: memberGuid('late') })).status).toBe('ALREADY_MEMBER');
    expect(await enrollMembersInPlan(wix, clock, {})).toMatchObject({ enrolled: 0, alreadyMembers: 4 });
    expect(await programsByStatus()).toEqual({ IN: FREE_MEMBERS + 3 });
  });
});
