import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setUpPlanCatalog } from './catalog-setup.ts';
import { pauseMember } from './member-lifecycle.ts';
import { catchUp, sweep } from './membership.ts';
import { placesTaken } from './places.ts';
import { memberJoinedInPlan } from './plan-gates.ts';
import { forgetPlan, PLAN_CATALOG } from './plans.ts';
import { settled } from './pool-state.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator, testClock } from './testing/wix.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

let emu: TestEmulator;
let wix: WixApis;
const time = testClock(() => emu, '2026-05-03T09:00:00.000Z');
const clock = time.clock;
const FREE_MEMBERS = 50;
const first = Array.from({ length: FREE_MEMBERS - 2 }, (_, i) => memberGuid(`early-${i}`));

async function programsIn(): Promise<Array<{ memberId: string; status: string }>> {
  const all = [];
  let page = await wix.programs.queryPrograms().eq('namespace', NAMESPACE).limit(100).find();
  for (;;) {
    for (const p of page.items) all.push({ memberId: p.beneficiary!.memberId!, status: p.status! });
    if (!page.hasNext()) return all.filter((p) => !['ENDED', 'ENDING'].includes(p.status));
    page = await page.next();
  }
}

beforeAll(async () => {
  emu = await startStrictEmulator();
  await time.travel('2026-05-03T09:00:00.000Z');
  const env = await emulatedWix(emu, { type: 'APP', appId: 'gym-rewards' }, { retryWait: async () => {} });
  const ownerSession = await emu.client({ type: 'ADMIN' }, {});
  wix = { ...env.wix, ownerFetchWithAuth: (url, init) => ownerSession.fetchWithAuth(url, init) };
  await setUpPlanCatalog(wix, PLAN_CATALOG);
  const products = await createProducts(emu, [{ name: 'Towel', price: '5' }]);
  await setUpProgram(wix, {
    programName: 'Rewards',
    membershipMonths: 1,
    tiers: [{ price: 5, productIds: [products.Towel!] }],
  });
  for (let i = 0; i < first.length; i += 8) {
    const joined = await Promise.all(
      first.slice(i, i + 8).map((memberId) => memberJoinedInPlan(wix, clock, { memberId })),
    );
    expect(joined.every((j) => j.status === 'PROVISIONED')).toBe(true);
  }
}, 120_000);
afterAll(async () => emu?.close());
beforeEach(() => forgetPlan());

describe('a membership ending, at the limit of the plan', () => {
  it('frees the ended member’s place also when the end was asked before a failure (the place goes first)', async () => {
    // early-0 (no place) paused on May 3: the sweep's test below.
    expect(await pauseMember(wix, clock, { memberId: first[0]!, requestId: 'p0' })).toEqual({ status: 'PAUSED' });
    const holder = (await placesTaken(wix))[0]!.memberId;
    const { items } = await wix.pools.queryPools().eq('beneficiary.memberId', holder).find();
    const programId = items[0]!.programId!;
    await time.travel('2026-06-04T09:00:00.000Z'); // one-month memberships are over
    // The call freeing the place fails once (a 500, or the backend dying in the middle).
    await emu.admin('/_emulator/v1/faults', {
      seed: 1,
      rules: [{ method: 'POST', path: '/wix-data/v2/bulk/items/remove', errorRate: 1, limit: 1 }],
    });
    await expect(catchUp(wix, programId, clock())).rejects.toThrow();
    await emu.admin('/_emulator/v1/faults', undefined, 'DELETE');
    // Retried, as the event or the sweep is.
    await catchUp(wix, programId, clock());
    const { items: after } = await wix.pools.queryPools().eq('beneficiary.memberId', holder).find();
    expect((await settled(wix, after[0]!)).status).toBe('ENDED');
    // 47 programs not ended; the Free plan allows 50: three newcomers fit.
    expect(await programsIn()).toHaveLength(FREE_MEMBERS - 3);
    const answers = [];
    for (const name of ['new-1', 'new-2', 'new-3'])
      answers.push((await memberJoinedInPlan(wix, clock, { memberId: memberGuid(name) })).status);
    expect((await placesTaken(wix)).map((p) => p.memberId)).not.toContain(holder);
    expect(answers).toEqual(['PROVISIONED', 'PROVISIONED', 'PROVISIONED']);
  });

  it('the sweep ends a paused member whose membership is over, as it does the others', async () => {
    let cursor: string | null = null;
    do {
      cursor = (await sweep(wix, clock, cursor, 20)).next;
    } while (cursor);
    // The sweep's last jobs finish by themselves after it answered.
    const pool = await settled(
      wix,
      (await wix.pools.queryPools().eq('beneficiary.memberId', first[0]!).find()).items[0]!,
    );
    // Paused, the months go on: the membership still ends on its date (`pauseMember`).
    expect(pool.status).toBe('ENDED');
    expect((await programsIn()).filter((p) => first.includes(p.memberId))).toEqual([]);
  });
});
