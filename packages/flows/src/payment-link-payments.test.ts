import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { members as membersModule } from '@wix/members';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EarnLater, earnOnPayment, earnOnPaymentRule, setEarnOnPaymentRule } from './earn-on-payment.ts';
import { Refused } from './errors.ts';
import { callWix, type PaymentLinkPayment } from './get-paid.ts';
import { paymentLinkPayments } from './payment-link-list.ts';
import {
  createPaymentLink,
  deactivatePaymentLink,
  deletePaymentLink,
  paymentLink,
  takePayment,
} from './payment-links.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, joinAndSettle, startStrictEmulator } from './testing/wix.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
let products: Record<string, string>;
let kim: string;
const now = new Date('2026-05-03T09:00:00.000Z');
const clock = () => now;

beforeAll(async () => {
  emu = await startStrictEmulator();
  await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
  env = await emulatedWix(emu);
  products = await createProducts(emu, [
    { name: 'Day pass', price: '15' },
    { name: 'Protein shake', price: '4.50' },
  ]);
  await setUpProgram(env.wix, {
    programName: 'Rewards',
    initialTokens: 2,
    tiers: [{ price: 10, productIds: [products['Protein shake']!] }],
  });
  const owner = await emu.client({ type: 'ADMIN' }, { members: membersModule });
  const member = await owner.members.createMember({
    member: { loginEmail: 'kim@gym.example', contact: { firstName: 'Kim', lastName: 'Lee' } },
  });
  kim = member._id!;
  await joinAndSettle(env.wix, kim);
});
afterAll(async () => emu?.close());

/** The buyer opens the checkout page and pays with the page's form (name and email), as a browser would. */
async function pay(url: string, name: string, email: string) {
  const page = await fetch(url);
  const html = await page.text();
  const formToken = /name="formToken" value="([^"]+)"/.exec(html)?.[1];
  if (!formToken) throw new Error(`no payment form at ${page.url}: ${html.slice(0, 300)}`);
  const paid = await fetch(page.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ formToken, name, email }).toString(),
  });
  expect(await paid.text()).toContain('Payment received');
}

/** The payment as Wix's event carries it (Query Payment Link Payments answers the same entity). */
async function rawPayments(paymentLinkId: string) {
  const answer = await callWix<{ paymentLinkPayments: PaymentLinkPayment[] }>(env.wix, 'queryPaymentLinkPayments', {
    body: { query: { filter: { paymentLinkId: { $eq: paymentLinkId } } } },
  });
  return answer.paymentLinkPayments;
}

const balance = async () => {
  const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', kim).find();
  return Number((await env.wix.balances.getBalance(items[0]!._id!)).amount!.available);
};

describe('taking payments (sample flow "Lead a Wix user directly to a checkout page") and earning on them', () => {
  let linkId: string;

  it('takes a payment now: the checkout the buyer pays; the link and its payments show it', async () => {
    const { link } = await createPaymentLink(env.wix, clock, {
      requestId: 'pay-1',
      type: 'ECOM',
      title: 'Two day passes and a shake',
      products: [
        { productId: products['Day pass']!, quantity: 2 },
        { productId: products['Protein shake']!, quantity: 1 },
      ],
      paymentsLimit: 2,
    });
    linkId = link.id;
    const { url } = await takePayment(env.wix, { paymentLinkId: link.id });
    await pay(url, 'Kim Lee', 'kim@gym.example');
    const { payments } = await paymentLinkPayments(env.wix, { paymentLinkId: link.id });
    expect(payments).toEqual([
      expect.objectContaining({ amount: '34.50', currency: 'USD', payer: 'Kim Lee', email: 'kim@gym.example' }),
    ]);
    expect(await paymentLink(env.wix, { paymentLinkId: link.id })).toMatchObject({
      payments: 1,
      paymentsLimit: 2,
      status: 'ACTIVE',
      lastPaymentDate: expect.any(String),
    });
  });

  it('earns nothing while the rule is off (the default)', async () => {
    expect(await earnOnPaymentRule(env.wix)).toEqual({ enabled: false, amountPerToken: 10 });
    const [payment] = await rawPayments(linkId);
    expect(await earnOnPayment(env.wix, clock, { payment })).toEqual({ status: 'OFF' });
  });

  it('the paying member earns a token per 10 paid, once per payment however often the event comes', async () => {
    await setEarnOnPaymentRule(env.wix, { enabled: true, amountPerToken: 10 });
    const before = await balance();
    const [payment] = await rawPayments(linkId);
    const earned = await earnOnPayment(env.wix, clock, { payment });
    expect(earned).toMatchObject({ status: 'ADJUSTED', tokens: 3, balance: before + 3 });
    expect(await earnOnPayment(env.wix, clock, { payment })).toMatchObject({ status: 'ADJUSTED', tokens: 3 });
    expect(await balance()).toBe(before + 3);
  });

  it('a buyer who is no member earns nothing; at its limit the link is paid and takes no more', async () => {
    const { url } = await takePayment(env.wix, { paymentLinkId: linkId });
    await pay(url, 'Walk In', 'walk-in@example.com');
    const payments = await rawPayments(linkId);
    const walkIn = payments.find((p) => p.regularPaymentLinkPayment?.contactDetails?.email === 'walk-in@example.com');
    expect(await earnOnPayment(env.wix, clock, { payment: walkIn })).toEqual({ status: 'NO_MEMBER' });
    expect((await paymentLink(env.wix, { paymentLinkId: linkId })).status).toBe('PAID');
    const refused = await takePayment(env.wix, { paymentLinkId: linkId }).catch((e) => e);
    expect(refused).toBeInstanceOf(Refused);
  });

  it('a link with payments is not deleted (deactivate it); an inactive link takes no payment', async () => {
    const refused = await deletePaymentLink(env.wix, { paymentLinkId: linkId }).catch((e) => e);
    expect(refused).toBeInstanceOf(Refused);
    expect(refused.message).toMatch(/deactivate it/);
    const { link } = await createPaymentLink(env.wix, clock, {
      requestId: 'pay-2',
      type: 'ECOM',
      title: 'Day pass',
      customItems: [{ name: 'Day pass', price: 15, quantity: 1 }],
    });
    await deactivatePaymentLink(env.wix, { paymentLinkId: link.id });
    expect(await takePayment(env.wix, { paymentLinkId: link.id }).catch((e) => e)).toBeInstanceOf(Refused);
  });

  it('refuses a rule that is not one, naming the field', async () => {
    const refused = await setEarnOnPaymentRule(env.wix, { enabled: true, amountPerToken: 0 }).catch((e) => e);
    expect(refused).toMatchObject({ field: 'amountPerToken' });
  });
});

describe("earning on a payment Wix tells of while the member's program is being renewed", () => {
  it('is refused for now, so Wix delivers the event again, and the payment earns once when it does', async () => {
    await setEarnOnPaymentRule(env.wix, { enabled: true, amountPerToken: 10 });
    const { paymentLinkPayments: all } = await callWix<{ paymentLinkPayments: PaymentLinkPayment[] }>(
      env.wix,
      'queryPaymentLinkPayments',
      { body: { query: {} } },
    );
    const kims = all.find((p) => p.regularPaymentLinkPayment?.contactDetails?.email === 'kim@gym.example');
    const payment = { ...kims!, id: 'pay-at-renewal', amount: '50.00' };
    // The month has turned: the payment's member is due a renewal, and Wix's renewal job takes longer than the flows
    // wait for it (6 s).
    const june = new Date('2026-06-01T10:00:00.000Z');
    await emu.admin('/_emulator/v1/clock', { set: june.toISOString(), freeze: true });
    await emu.admin('/_emulator/v1/settings', { transientMs: 6_000 });
    try {
      const refused = await earnOnPayment(env.wix, () => june, { payment }).catch((e) => e);
      expect(refused).toBeInstanceOf(EarnLater);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const before = await balance();
      // Delivered again (and once more): 5 tokens, once.
      expect(await earnOnPayment(env.wix, () => june, { payment })).toMatchObject({ status: 'ADJUSTED', tokens: 5 });
      expect(await earnOnPayment(env.wix, () => june, { payment })).toMatchObject({ status: 'ADJUSTED', tokens: 5 });
      expect(await balance()).toBe(before + 5);
    } finally {
      await emu.admin('/_emulator/v1/settings', { transientMs: 300 });
    }
  }, 60_000);
});
