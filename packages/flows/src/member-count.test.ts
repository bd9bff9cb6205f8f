import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPlanCatalog } from './catalog-setup.ts';
import { COUNT_MARGIN, memberJoinedInPlan } from './plan-gates.ts';
import { PLAN_CATALOG } from './plans.ts';
import { setUpProgram } from './setup.ts';
import { forgetSiteCaches } from './site-cache.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator } from './testing/wix.ts';
import type { WixApis } from './wix.ts';

/** The Free plan's 50 members: the count of members in the program is kept while the plan has room to spare. */
let emu: TestEmulator;
let wix: WixApis;
const clock = () => new Date('2026-05-03T09:00:00.000Z');
const FREE_MEMBERS = 50;

beforeAll(async () => {
  emu = await startStrictEmulator();
  await emu.admin('/_emulator/v1/clock', { set: clock().toISOString(), freeze: true });
  wix = (await emulatedWix(emu)).wix;
  await setUpPlanCatalog(wix, PLAN_CATALOG);
  const products = await createProducts(emu, [{ name: 'Towel', price: '5' }]);
  await setUpProgram(wix, { programName: 'Rewards', tiers: [{ price: 5, productIds: [products.Towel!] }] });
});
afterAll(async () => emu?.close());

/** Joins members one after another; answers how many times the members in the program were counted. */
async function join(names: string[]) {
  await emu.requests();
  for (const name of names) {
    expect((await memberJoinedInPlan(wix, clock, { memberId: memberGuid(name) })).status, name).toBe('PROVISIONED');
  }
  const served = await emu.requests();
  return served.filter((r: { path: string }) => r.path.endsWith('/programs/query')).length;
}

describe('the members in the program, counted for the plan', () => {
  it('are counted once while the plan has room to spare, and afresh for every join near its limit', async () => {
    forgetSiteCaches();
    const far = FREE_MEMBERS - COUNT_MARGIN;
    expect(await join(Array.from({ length: far }, (_, i) => `far-${i}`))).toBe(1);
    const near = Array.from({ length: COUNT_MARGIN }, (_, i) => `near-${i}`);
    expect(await join(near)).toBe(near.length);
    // Full: the next is refused, counted afresh, whatever was kept.
    expect((await memberJoinedInPlan(wix, clock, { memberId: memberGuid('one-too-many') })).status).toBe('PLAN_FULL');
  });

  it('a cold cache counts what is there: members let in by another backend are never forgotten', async () => {
    forgetSiteCaches();
    expect((await memberJoinedInPlan(wix, clock, { memberId: memberGuid('after-restart') })).status).toBe('PLAN_FULL');
  });
});
