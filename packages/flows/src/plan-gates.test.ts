import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setUpPlanCatalog } from './catalog-setup.ts';
import { earnOnPaymentRule } from './earn-on-payment.ts';
import { listPaymentLinks } from './payment-link-list.ts';
import { earnOnPaymentInPlan, planGatedFlows } from './plan-gates.ts';
import { choosePlan } from './plan-offering.ts';
import { forgetPlan, PLAN_CATALOG, PlanRequired } from './plans.ts';
import { emulatedWix, startStrictEmulator, testClock } from './testing/wix.ts';
import type { WixApis } from './wix.ts';

let emu: TestEmulator;
let wix: WixApis;
const time = testClock(() => emu, '2026-05-03T09:00:00.000Z');
const clock = time.clock;
const setClock = time.travel;
const gatedFlows = planGatedFlows(clock);

beforeAll(async () => {
  emu = await startStrictEmulator();
  await setClock('2026-05-03T09:00:00.000Z');
  const env = await emulatedWix(emu, { type: 'APP', appId: 'gym-rewards' });
  const owner = await emu.client({ type: 'ADMIN' }, {});
  wix = { ...env.wix, ownerFetchWithAuth: (url, init) => owner.fetchWithAuth(url, init) };
  await setUpPlanCatalog(wix, PLAN_CATALOG);
});
afterAll(async () => emu?.close());
beforeEach(() => forgetPlan());

const link = {
  requestId: 'gated-1',
  type: 'ECOM' as const,
  title: 'Day pass',
  customItems: [{ name: 'Day pass', price: '15', quantity: 1 }],
};

describe('the backend refuses what the plan does not allow (whoever calls the flow)', () => {
  it('on the free plan: no payment link is made or sent, earn on payment cannot be turned on; nothing changes', async () => {
    const refusal = await gatedFlows.createPaymentLink(wix, clock, link).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PlanRequired);
    expect(refusal).toMatchObject({ feature: 'payment-links', plan: 'grow', current: 'Free' });
    expect((refusal as Error).message).toBe(
      'Payment links needs the Grow plan (this site is on Free). Upgrade on the Plans page.',
    );
    expect((await listPaymentLinks(wix, {})).links).toEqual([]);
    await expect(gatedFlows.sendPaymentLink(wix, { paymentLinkId: 'x' })).rejects.toBeInstanceOf(PlanRequired);
    await expect(gatedFlows.takePayment(wix, { paymentLinkId: 'x' })).rejects.toBeInstanceOf(PlanRequired);
    await expect(gatedFlows.setEarnOnPaymentRule(wix, { enabled: true, amountPerToken: 10 })).rejects.toMatchObject({
      feature: 'earn-on-payment',
      plan: 'grow',
    });
    expect((await earnOnPaymentRule(wix)).enabled).toBe(false);
    // Turning it off is no new use.
    await expect(gatedFlows.setEarnOnPaymentRule(wix, { enabled: false, amountPerToken: 5 })).resolves.toEqual({
      enabled: false,
      amountPerToken: 5,
    });
  });

  it('more reward tiers than the plan allows are refused before anything is written', async () => {
    const tiers = [1, 2, 3, 4].map((n) => ({ price: n * 5, productIds: [`product-${n}`] }));
    await expect(
      gatedFlows.setUpProgram(wix, { tokensPerVisit: 1, membershipMonths: 12, tiers } as never),
    ).rejects.toMatchObject({ feature: 'reward-tiers', plan: 'grow' });
  });

  it('after buying Grow the same calls pass; after it ends the rule stays readable but earns and turns on no more', async () => {
    const page = await choosePlan(wix, clock, { plan: 'grow', cycle: 'MONTHLY' });
    await fetch(`${page.riskIframeUrl}/pay`, { method: 'POST' });
    forgetPlan();
    await expect(gatedFlows.setEarnOnPaymentRule(wix, { enabled: true, amountPerToken: 10 })).resolves.toEqual({
      enabled: true,
      amountPerToken: 10,
    });
    await emu.admin('/_emulator/v1/premium/cancel-auto-renewal', { appId: 'gym-rewards' });
    await setClock('2026-06-03T09:00:01.000Z');
    forgetPlan();
    // Downgraded: what was set stays as it was and readable...
    expect(await earnOnPaymentRule(wix)).toEqual({ enabled: true, amountPerToken: 10 });
    // ...but no new use: payments earn nothing, the rule cannot be turned on again once off.
    expect(await earnOnPaymentInPlan(wix, clock, { payment: { id: 'p-1', amount: '50' } })).toEqual({
      status: 'NOT_IN_PLAN',
    });
    await gatedFlows.setEarnOnPaymentRule(wix, { enabled: false, amountPerToken: 10 });
    await expect(gatedFlows.setEarnOnPaymentRule(wix, { enabled: true, amountPerToken: 10 })).rejects.toBeInstanceOf(
      PlanRequired,
    );
    await expect(gatedFlows.createPaymentLink(wix, clock, link)).rejects.toBeInstanceOf(PlanRequired);
  });
});
