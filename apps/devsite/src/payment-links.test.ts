import { createToken } from '@gym-rewards/wix-emulator/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devsite, startDevsite } from './devsite.ts';
import { DEMO_GYM } from './seed.ts';
import { STRICT_PLATFORM } from './testing/platform.ts';
import { webMethodAs } from './testing/web-method.ts';

/**
 * Payment links through the devsite, without a browser: the app's web methods, the outbox page, the emulator's checkout
 * reached from the sent link, and Wix's payment event delivered to the app's event extension, which earns the member
 * tokens by the owner's rule.
 */
let devsite: Devsite;
let owner: string;
beforeAll(async () => {
  devsite = await startDevsite({
    port: 0,
    database: 'memory',
    sweepEveryMs: 0,
    strict: STRICT_PLATFORM,
    clock: { set: '2026-06-15T09:00:00.000Z', freeze: true },
    log: () => {},
  });
  owner = await createToken(devsite.emulatorUrl, { type: 'ADMIN' });
});
afterAll(() => devsite?.close());

/** A web method called as the site owner; a refusal fails the test with its answer. */
async function ownerCall<T = any>(
  file: 'dashboard' | 'payment-links' | 'plans',
  method: string,
  input?: unknown,
): Promise<T> {
  return webMethodAs<T>(devsite.url, owner, `${file}.web.ts`, method, input);
}

const SAM = DEMO_GYM.members[1];

describe('payment links on the devsite', () => {
  it('on the free plan a new link is refused (403 naming the plan); the owner buys Grow on the order page', async () => {
    const refused = await fetch(`${devsite.url}/_webMethods/src/backend/payment-links.web.ts/createPaymentLink.ajax`, {
      method: 'POST',
      headers: { Authorization: owner },
      body: JSON.stringify([
        {
          requestId: 'free-1',
          type: 'ECOM',
          title: 'Day pass',
          customItems: [{ name: 'Day', price: '5', quantity: 1 }],
        },
      ]),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { result: unknown }).result).toMatchObject({
      code: 'PLAN_REQUIRED',
      feature: 'payment-links',
      plan: 'grow',
    });
    const { locks } = await ownerCall('plans', 'planWithLocks');
    expect(locks).toContainEqual({ feature: 'payment-links', title: 'Payment links', plan: 'Grow' });

    const page = await ownerCall('plans', 'choosePlan', {
      plan: 'grow',
      cycle: 'MONTHLY',
      successUrl: `${devsite.url}/dashboard/plans?paid=1`,
    });
    expect(await (await fetch(`${page.riskIframeUrl}/pay`, { method: 'POST' })).text()).toContain('Payment complete');
    // PaidPlanPurchased reaches the app's event extension, which has the plan read afresh (not after a minute).
    await expect
      .poll(async () => (await ownerCall('plans', 'planWithLocks')).plan.key, { timeout: 10_000 })
      .toBe('grow');
    const { unlocked } = await ownerCall('plans', 'planUnlocked');
    expect(unlocked.map((u: { feature: string }) => u.feature)).toContain('payment-links');
  });

  it('the owner creates and sends a link; the buyer opens it from the outbox and pays; the member earns by the rule', async () => {
    const { products } = await ownerCall<{ products: Array<{ productId: string; name: string }> }>(
      'dashboard',
      'storeProducts',
      { limit: 100 },
    );
    const id = (name: string) => products.find((p) => p.name === name)!.productId;
    await ownerCall('dashboard', 'setUpProgram', {
      programName: 'Iron Harbor Rewards',
      tiers: [{ price: 5, productIds: [id('Protein Bar')] }],
    });
    await ownerCall('dashboard', 'enrollMembers', {});
    await ownerCall('payment-links', 'setEarnOnPaymentRule', { enabled: true, amountPerToken: 10 });

    const { contacts } = await ownerCall('payment-links', 'paymentLinkRecipients', { search: 'Sam' });
    const sam = contacts.find((c: { email: string }) => c.email === SAM.email);
    const { link } = await ownerCall('payment-links', 'createPaymentLink', {
      requestId: 'devsite-link-1',
      type: 'ECOM',
      title: 'Hoodie and gym bag',
      products: [
        { productId: id('Hoodie'), quantity: 1 },
        { productId: id('Gym Bag'), quantity: 1 },
      ],
      recipients: [sam.contactId],
    });
    expect(link).toMatchObject({ amount: '84.00', currency: 'USD', status: 'ACTIVE' });
    expect(await ownerCall('payment-links', 'sendPaymentLink', { paymentLinkId: link.id })).toEqual({
      status: 'SENT',
      recipients: 1,
    });

    const outbox = await (await fetch(`${devsite.url}/outbox`)).text();
    expect(outbox).toContain('Hoodie and gym bag');
    expect(outbox).toContain(SAM.email);
    const sent = /data-hook="outbox-open" href="([^"]+)"/.exec(outbox)?.[1]?.replace(/&amp;/g, '&');
    expect(sent).toBe(link.url);

    // The buyer opens the link (it leads to the checkout) and pays with the page's form.
    const checkout = await fetch(sent!);
    const formToken = /name="formToken" value="([^"]+)"/.exec(await checkout.text())?.[1];
    const paid = await fetch(checkout.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ formToken: formToken!, name: SAM.name, email: SAM.email }).toString(),
    });
    expect(await paid.text()).toContain('Payment received');

    const { payments } = await ownerCall('payment-links', 'paymentLinkPayments', { paymentLinkId: link.id });
    expect(payments).toEqual([expect.objectContaining({ amount: '84.00', payer: SAM.name })]);
    const listed = await ownerCall('payment-links', 'listPaymentLinks', { search: 'hoodie' });
    expect(listed.links[0]).toMatchObject({ id: link.id, payments: 1 });

    // Wix's payment event reaches the app's event extension as a webhook: 84 paid earns 8 tokens, once.
    const balanceOfSam = async () => {
      const { members } = await ownerCall('dashboard', 'listMembers', { search: 'Sam' });
      return members.find((m: { email: string }) => m.email === SAM.email)?.balance;
    };
    await expect.poll(balanceOfSam, { timeout: 20_000 }).toBe(8);
  });
});
