import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setUpPlanCatalog } from './catalog-setup.ts';
import { choosePlan, plansView, planUnlocked, planWithLocks } from './plan-offering.ts';
import { currentPlan, forgetPlan, PLAN_CATALOG, PlanRequired, requireFeature, requireRoom } from './plans.ts';
import { callPremium } from './premium.ts';
import { emulatedWix, startStrictEmulator, testClock } from './testing/wix.ts';
import type { WixApis } from './wix.ts';

let emu: TestEmulator;
let wix: WixApis;
let productTypeId: string;
const time = testClock(() => emu, '2026-05-03T09:00:00.000Z');
const clock = time.clock;
const setClock = time.travel;
const APP_ID = 'gym-rewards';

beforeAll(async () => {
  emu = await startStrictEmulator();
  await setClock('2026-05-03T09:00:00.000Z');
  const env = await emulatedWix(emu, { type: 'APP', appId: APP_ID });
  const owner = await emu.client({ type: 'ADMIN' }, {});
  // The app's backend as a dashboard web method has it: elevated calls as the app, the owner's own session beside.
  wix = { ...env.wix, ownerFetchWithAuth: (url, init) => owner.fetchWithAuth(url, init) };
  ({ productTypeId } = await setUpPlanCatalog(wix, PLAN_CATALOG));
});
afterAll(async () => emu?.close());
beforeEach(() => forgetPlan());

/** The owner pays on the order page (the emulator's checkout at `riskIframeUrl`). */
async function pay(riskIframeUrl: string) {
  const answer = await fetch(`${riskIframeUrl}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  expect(answer.status).toBe(200);
  return answer.text();
}

describe("the locks, in the page's language", () => {
  it("names each locked feature in the locale asked, else the site's, with the plan that unlocks it", async () => {
    const site = await planWithLocks(wix, clock);
    expect(site.locale).toBe('en');
    expect(site.locks.find((l) => l.feature === 'payment-links')).toEqual({
      feature: 'payment-links',
      title: 'Payment links',
      plan: 'Grow',
    });
    const de = await planWithLocks(wix, clock, { locale: 'de' });
    expect(de.locale).toBe('de');
    expect(de.locks.find((l) => l.feature === 'widget-colours')).toEqual({
      feature: 'widget-colours',
      title: 'Eigene Widget-Farben',
      plan: 'Studio',
    });
  });
});

describe('the display flow (seed "Display flow")', () => {
  it('offers only the app’s own published plans, even when the offering holds more (no dealer)', async () => {
    // A plan the app no longer sells, still PUBLISHED on Wix: Get User Offering answers it, the app leaves it out.
    await callPremium(wix, 'createProduct', {
      body: {
        product: {
          productTypeId,
          vendorProductId: 'legacy-pro',
          name: 'Legacy Pro',
          status: 'PUBLISHED',
          billingCycles: ['MONTHLY'],
          prices: [{ currency: 'USD', cycle: 'MONTHLY', amount: '9' }],
        },
      },
    });
    const { userOffering } = await callPremium<{ userOffering: { products: Array<{ vendorProductId: string }> } }>(
      wix,
      'getUserOffering',
      { body: { productTypeId } },
    );
    expect(userOffering.products.map((p) => p.vendorProductId)).toContain('legacy-pro');
    const view = await plansView(wix, clock);
    expect(view.plans.map((p) => p.key)).toEqual(['free', 'grow', 'studio']);
  });

  it('shows the plans in the owner’s language and currency, tax as the offering says, the current plan marked', async () => {
    await emu.admin('/_emulator/v1/premium/tax', { name: 'VAT', rate: '0.2', included: false });
    const english = await plansView(wix, clock);
    expect(english).toMatchObject({ locale: 'en', currency: 'USD', title: 'Choose your Gym Rewards plan' });
    expect(english.plans.find((p) => p.current)?.key).toBe('free');
    const grow = english.plans.find((p) => p.key === 'grow')!;
    expect(grow).toMatchObject({ title: 'Grow', currency: 'USD', free: false });
    expect(grow.prices).toEqual([
      { cycle: 'MONTHLY', amount: '19.00', total: '22.80', tax: { name: 'VAT', amount: '3.80', included: false } },
      { cycle: 'YEARLY', amount: '190.00', total: '228.00', tax: { name: 'VAT', amount: '38.00', included: false } },
    ]);
    expect(grow.allows).toMatchObject({ 'payment-links': true, members: 500, 'widget-colours': false });
    expect(english.features.map((f) => f.title)).toContain('Payment links');

    // A German site charging in euros: its language and currency are the Plans page's (the app instance's `site`).
    await emu.admin('/_emulator/v1/site-properties', { paymentCurrency: 'EUR', language: 'de' });
    await emu.admin('/_emulator/v1/premium/tax', { name: 'MwSt', rate: '0.19', included: true });
    const german = await plansView(wix, clock);
    expect(german).toMatchObject({ locale: 'de', currency: 'EUR', title: 'Wählen Sie Ihren Gym-Rewards-Tarif' });
    const wachsen = german.plans.find((p) => p.key === 'grow')!;
    expect(wachsen.title).toBe('Wachsen');
    expect(wachsen.prices[0]).toEqual({
      cycle: 'MONTHLY',
      amount: '18.00',
      total: '18.00',
      tax: { name: 'MwSt', amount: '2.87', included: true },
    });
    expect(german.features.find((f) => f.key === 'payment-links')?.title).toBe('Zahlungslinks');
    expect((await plansView(wix, clock, { locale: 'en' })).plans[1]?.title).toBe('Grow');
    await emu.admin('/_emulator/v1/site-properties', { paymentCurrency: null, language: null });
    await emu.admin('/_emulator/v1/premium/tax', { rate: '0' });
  });

  it('refuses a plan it does not sell, the free plan, or a cycle the plan is not sold in, naming the field', async () => {
    await expect(choosePlan(wix, clock, { plan: 'legacy-pro', cycle: 'MONTHLY' })).rejects.toMatchObject({
      field: 'plan',
    });
    await expect(choosePlan(wix, clock, { plan: 'free', cycle: 'MONTHLY' })).rejects.toMatchObject({ field: 'plan' });
    await expect(choosePlan(wix, clock, { plan: 'grow', cycle: 'WEEKLY' as never })).rejects.toMatchObject({
      field: 'cycle',
    });
  });
});

describe('buying, changing and losing a plan', () => {
  it('a free site may not use the paid features; existing limits hold', async () => {
    expect((await currentPlan(wix, clock)).key).toBe('free');
    await expect(requireFeature(wix, clock, 'payment-links')).rejects.toBeInstanceOf(PlanRequired);
    await expect(requireFeature(wix, clock, 'payment-links')).rejects.toMatchObject({ plan: 'grow' });
    await expect(requireRoom(wix, clock, 'members', 50)).resolves.toBeUndefined();
    await expect(requireRoom(wix, clock, 'members', 51)).rejects.toMatchObject({ feature: 'members', plan: 'grow' });
    await expect(requireRoom(wix, clock, 'members', 501)).rejects.toMatchObject({ plan: 'studio' });
  });

  it('buying Grow on the order page makes it the plan; the success page says what it unlocked', async () => {
    expect((await currentPlan(wix, clock)).key).toBe('free');
    const page = await choosePlan(wix, clock, {
      plan: 'grow',
      cycle: 'MONTHLY',
      successUrl: 'https://gym.example/dashboard/plans?paid=1',
    });
    expect(page.orderSessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await pay(page.riskIframeUrl)).toContain('Payment complete');
    // Read once a minute: until a plan event says otherwise, the plan read before stands.
    expect((await currentPlan(wix, clock)).key).toBe('free');
    const { plan, unlocked } = await planUnlocked(wix, clock);
    expect(plan).toMatchObject({ key: 'grow', isFree: false, billingCycle: 'MONTHLY', autoRenewing: true });
    expect(unlocked.map((u) => u.feature)).toEqual([
      'reward-tiers',
      'members',
      'payment-links',
      'earn-on-payment',
      'csv-export',
    ]);
    expect(unlocked[2]).toEqual({ feature: 'payment-links', title: 'Payment links' });
    // The success page in the language the owner chose on Plans; a locale that is no locale is refused.
    const inGerman = await planUnlocked(wix, clock, { locale: 'de' });
    expect(inGerman.locale).toBe('de');
    expect(inGerman.unlocked[2]).toEqual({ feature: 'payment-links', title: 'Zahlungslinks' });
    await expect(planUnlocked(wix, clock, { locale: 'German' })).rejects.toMatchObject({ field: 'locale' });
    await expect(requireFeature(wix, clock, 'payment-links')).resolves.toBeUndefined();
    await expect(requireFeature(wix, clock, 'widget-colours')).rejects.toMatchObject({ plan: 'studio' });
    expect((await plansView(wix, clock)).plans.find((p) => p.current)?.key).toBe('grow');
    // The plan and cycle the site is on, chosen again (a stale tab): refused in the owner's words, never a 500.
    await expect(choosePlan(wix, clock, { plan: 'grow', cycle: 'MONTHLY' })).rejects.toMatchObject({
      code: 'PLAN_NOT_ORDERABLE',
    });
  });

  it('changing to Studio yearly changes the plan (PaidPlanChanged on the platform)', async () => {
    const page = await choosePlan(wix, clock, { plan: 'studio', cycle: 'YEARLY' });
    await pay(page.riskIframeUrl);
    forgetPlan();
    const plan = await currentPlan(wix, clock);
    expect(plan).toMatchObject({ key: 'studio', billingCycle: 'YEARLY', expirationDate: '2027-05-03T09:00:00.000Z' });
    await expect(requireRoom(wix, clock, 'members', 10_000)).resolves.toBeUndefined();
  });

  it('after auto-renewal is cancelled the plan lasts to the end of its cycle, then the site is free again', async () => {
    await emu.admin('/_emulator/v1/premium/cancel-auto-renewal', { appId: APP_ID });
    forgetPlan();
    expect(await currentPlan(wix, clock)).toMatchObject({ key: 'studio', autoRenewing: false });
    await setClock('2027-05-03T08:59:00.000Z');
    forgetPlan();
    expect((await currentPlan(wix, clock)).key).toBe('studio');
    await setClock('2027-05-03T09:00:01.000Z');
    // Even before the plan is read again, an expiry in the past is honoured (the worst reading of a late platform).
    expect((await currentPlan(wix, clock)).key).toBe('free');
    forgetPlan();
    expect((await currentPlan(wix, clock)).key).toBe('free');
    await expect(requireFeature(wix, clock, 'payment-links')).rejects.toBeInstanceOf(PlanRequired);
  });
});
