import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appInstances } from '@wix/app-management';
import { AppStrategy, createClient } from '@wix/sdk';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { SITE_INSTANCE_ID } from '../../platform/webhooks.ts';
import { errorOf, startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
let hooks: Server;
let hooksUrl = '';
/** Every webhook body posted to the local endpoint, by path. */
const received = new Map<string, string[]>();

beforeAll(async () => {
  emu = await startTestEmulator();
  await emu.admin('/_emulator/v1/clock', { set: '2026-03-01T10:00:00Z', freeze: true });
  hooks = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.set(req.url ?? '/', [...(received.get(req.url ?? '/') ?? []), body]);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  hooksUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emu?.close();
  await new Promise<void>((resolve) => hooks?.close(() => resolve()));
});

const OWNER: Identity = { type: 'ADMIN' };

async function ok(identity: Identity, method: string, path: string, body?: unknown) {
  const answer = await emu.call(identity, method, path, body);
  if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** An app registered for webhooks with Pro and Max plans (monthly and yearly, USD), and a receiver with the real SDK. */
async function appWithPlans(appId: string) {
  const { publicKey } = await emu.admin<{ publicKey: string }>('/_emulator/v1/apps', {
    appId,
    webhookUrl: `${hooksUrl}/${appId}`,
  });
  const app: Identity = { type: 'APP', appId };
  const { productType } = await ok(app, 'POST', '/premium-product-catalog/v2/product-types', {
    productType: { name: 'Plans' },
  });
  const plan = async (vendorProductId: string, monthly: string, yearly: string) =>
    (
      await ok(app, 'POST', '/premium-product-catalog/v2/products', {
        product: {
          productTypeId: productType.id,
          vendorProductId,
          name: vendorProductId === 'pro' ? 'Pro' : 'Max',
          status: 'PUBLISHED',
          billingCycles: ['MONTHLY', 'YEARLY'],
          prices: [
            { currency: 'USD', cycle: 'MONTHLY', amount: monthly },
            { currency: 'USD', cycle: 'YEARLY', amount: yearly },
          ],
        },
      })
    ).product;
  const pro = await plan('pro', '10.00', '100.00');
  const max = await plan('max', '20.00', '200.00');
  const receiver = createClient({ auth: AppStrategy({ appId, publicKey }), modules: { appInstances } });
  const wix = await emu.client(app, { appInstances });
  return { app, pro, max, receiver, instance: () => wix.appInstances.getAppInstance() };
}

/** Creates an order page as the owner and pays on it as a browser would (a url-encoded form post). */
async function buy(productId: string, cycle: string) {
  const { orderSessionId, riskIframeUrl } = await ok(OWNER, 'POST', '/dynamic-offering/v1/order-pages', {
    productId,
    cycle,
    successUrl: 'https://gym.example/plans/success',
  });
  const page = await fetch(riskIframeUrl);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const paid = await fetch(new URL(action ?? '', riskIframeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  return { orderSessionId, riskIframeUrl, page, html, paid, paidHtml: await paid.text() };
}

/** The webhooks delivered to `appId` so far whose bare event type is `eventType`, waiting for `count`. */
async function eventsOf(appId: string, eventType: string, count = 1): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const bodies = (received.get(`/${appId}`) ?? []).filter(
      (jwt) => JSON.parse(String(decodeJwt(jwt).data)).eventType === eventType,
    );
    if (bodies.length >= count || Date.now() > deadline) return bodies;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the app instance: free, then bought on the order page', () => {
  it('answers a free instance to the app, and only to the app', async () => {
    const { instance } = await appWithPlans('billing-free');
    const answer = await instance();
    expect(answer.instance).toMatchObject({
      instanceId: SITE_INSTANCE_ID,
      isFree: true,
      availablePlans: [],
      freeTrialAvailable: false,
    });
    expect(answer.instance?.billing).toBeUndefined();
    expect(answer.site).toMatchObject({
      locale: 'en',
      paymentCurrency: 'USD',
      multilingual: { isMultiLingual: false },
    });
    const owner = await emu.client(OWNER, { appInstances });
    expect(await errorOf(owner.appInstances.getAppInstance())).toMatchObject({
      status: 403,
      code: 'PERMISSION_DENIED',
    });
  });

  it('the order page shows the plan, price and cycle; paying changes billing and delivers PaidPlanPurchased to the SDK handler, once', async () => {
    const { pro, receiver, instance } = await appWithPlans('billing-buy');
    const { html, page, paid, paidHtml, riskIframeUrl, orderSessionId } = await buy(pro.id, 'YEARLY');
    expect(riskIframeUrl).toBe(`${emu.url}/_emulator/v1/premium/order-pages/${orderSessionId}`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<dt>Plan<\/dt><dd>Pro<\/dd>/);
    expect(html).toContain('per year');
    expect(html).toContain('<button type="submit">Pay 100.00 USD</button>');
    expect(paid.status).toBe(200);
    expect(paidHtml).toContain('Payment complete');
    expect(paidHtml).toContain('href="https://gym.example/plans/success" target="_top"');

    const { instance: now } = await instance();
    expect(now).toMatchObject({
      isFree: false,
      billing: {
        packageName: 'pro',
        billingCycle: 'YEARLY',
        timeStamp: '2026-03-01T10:00:00.000Z',
        expirationDate: '2027-03-01T10:00:00.000Z',
        autoRenewing: true,
      },
    });

    const [jwt] = await eventsOf('billing-buy', 'PaidPlanPurchased');
    const envelope = JSON.parse(String(decodeJwt(jwt ?? '').data));
    expect(envelope.eventType).toBe('PaidPlanPurchased');
    expect(JSON.parse(envelope.data)).toMatchObject({
      vendorProductId: 'pro',
      cycle: 'YEARLY',
      expiresOn: '2027-03-01T10:00:00.000Z',
    });
    const handled: Array<{ data: Record<string, unknown>; metadata: Record<string, unknown> }> = [];
    receiver.appInstances.onAppInstancePaidPlanPurchased((event) => {
      handled.push(event as never);
    });
    await receiver.webhooks.process(jwt ?? '');
    expect(handled).toHaveLength(1);
    expect(handled[0]?.data).toMatchObject({ vendorProductId: 'pro', cycle: 'YEARLY' });
    expect(handled[0]?.data.expiresOn).toEqual(new Date('2027-03-01T10:00:00.000Z'));
    expect(handled[0]?.metadata).toMatchObject({ instanceId: SITE_INSTANCE_ID });

    // Paying the same order page again changes nothing and sends nothing more.
    const again = await fetch(`${riskIframeUrl}/pay`, { method: 'POST' });
    expect(await again.text()).toContain('Payment complete');
    const sessions = await emu.admin<{ orderSession: { status: string } }>(
      `/_emulator/v1/premium/order-sessions/${orderSessionId}`,
      undefined,
      'GET',
    );
    expect(sessions.orderSession.status).toBe('PAID');
    const deliveries = (
      await emu.admin<{ deliveries: Array<{ appId: string; eventType: string }> }>(
        '/_emulator/v1/webhooks',
        undefined,
        'GET',
      )
    ).deliveries;
    expect(deliveries.filter((d) => d.appId === 'billing-buy').map((d) => d.eventType)).toEqual(['PaidPlanPurchased']);
    // The plan the site has cannot be ordered again.
    const same = await emu.call(OWNER, 'POST', '/dynamic-offering/v1/order-pages', {
      productId: pro.id,
      cycle: 'YEARLY',
    });
    expect(same.status).toBe(428);
  });

  it('two order pages for one plan: once one is paid, paying the other charges nothing and sends nothing', async () => {
    const { pro } = await appWithPlans('billing-twice');
    const order = () => ok(OWNER, 'POST', '/dynamic-offering/v1/order-pages', { productId: pro.id, cycle: 'MONTHLY' });
    const first = await order();
    const second = await order();
    await fetch(`${first.riskIframeUrl}/pay`, { method: 'POST' });
    const held = await fetch(`${second.riskIframeUrl}/pay`, { method: 'POST' });
    expect(held.status).toBe(409);
    expect(await held.text()).toContain('Nothing was charged');
    await eventsOf('billing-twice', 'PaidPlanPurchased');
    const deliveries = (
      await emu.admin<{ deliveries: Array<{ appId: string; eventType: string }> }>(
        '/_emulator/v1/webhooks',
        undefined,
        'GET',
      )
    ).deliveries;
    expect(deliveries.filter((d) => d.appId === 'billing-twice').map((d) => d.eventType)).toEqual([
      'PaidPlanPurchased',
    ]);
    const { orderSession } = await emu.admin<{ orderSession: { status: string } }>(
      `/_emulator/v1/premium/order-sessions/${second.orderSessionId}`,
      undefined,
      'GET',
    );
    expect(orderSession.status).toBe('OPEN');
  });

  it('buying another plan while paid is PaidPlanChanged, with the previous plan; a monthly plan has no expirationDate', async () => {
    const { pro, max, receiver, instance } = await appWithPlans('billing-change');
    await buy(pro.id, 'YEARLY');
    await buy(max.id, 'MONTHLY');
    const { instance: now } = await instance();
    expect(now?.billing).toMatchObject({ packageName: 'max', billingCycle: 'MONTHLY', autoRenewing: true });
    expect(now?.billing?.expirationDate).toBeUndefined();
    const [jwt] = await eventsOf('billing-change', 'PaidPlanChanged');
    const handled: Array<{ data: Record<string, unknown> }> = [];
    receiver.appInstances.onAppInstancePaidPlanChanged((event) => {
      handled.push(event as never);
    });
    await receiver.webhooks.process(jwt ?? '');
    expect(handled[0]?.data).toMatchObject({
      vendorProductId: 'max',
      cycle: 'MONTHLY',
      previousVendorProductId: 'pro',
      previousCycle: 'YEARLY',
    });
  });

  it('cancelling auto-renewal sends PaidPlanAutoRenewalCancelled; at the end of the cycle on the clock the app is free again', async () => {
    const { pro, receiver, instance } = await appWithPlans('billing-cancel');
    await buy(pro.id, 'MONTHLY');
    await emu.admin('/_emulator/v1/premium/cancel-auto-renewal', {
      appId: 'billing-cancel',
      userReason: 'too expensive',
    });
    expect((await instance()).instance?.billing).toMatchObject({ packageName: 'pro', autoRenewing: false });
    const [jwt] = await eventsOf('billing-cancel', 'PaidPlanAutoRenewalCancelled');
    const handled: Array<{ data: Record<string, unknown> }> = [];
    receiver.appInstances.onAppInstancePaidPlanAutoRenewalCancelled((event) => {
      handled.push(event as never);
    });
    await receiver.webhooks.process(jwt ?? '');
    expect(handled[0]?.data).toMatchObject({
      vendorProductId: 'pro',
      cycle: 'MONTHLY',
      cancelReason: 'USER_CANCEL',
      userReason: 'too expensive',
    });
    const twice = await emu.call(null, 'POST', '/_emulator/v1/premium/cancel-auto-renewal', {
      appId: 'billing-cancel',
    });
    expect(twice.status).toBe(428);
    // Turned on and off again: PlanReactivated, then a second cancellation.
    await emu.admin('/_emulator/v1/premium/turn-on-auto-renewal', { appId: 'billing-cancel' });
    expect((await instance()).instance?.billing?.autoRenewing).toBe(true);
    const [reactivated] = await eventsOf('billing-cancel', 'PlanReactivated');
    const turnedOn: Array<{ data: Record<string, unknown> }> = [];
    receiver.appInstances.onAppInstancePlanReactivated((event) => {
      turnedOn.push(event as never);
    });
    await receiver.webhooks.process(reactivated ?? '');
    expect(turnedOn[0]?.data).toMatchObject({
      vendorProductId: 'pro',
      cycle: 'MONTHLY',
      reason: 'AUTO_RENEW_TURNED_ON',
    });
    await emu.admin('/_emulator/v1/premium/cancel-auto-renewal', { appId: 'billing-cancel' });
    expect(await eventsOf('billing-cancel', 'PaidPlanAutoRenewalCancelled', 2)).toHaveLength(2);

    const { plan } = await emu.admin<{ plan: { expiresAt: string } }>('/_emulator/v1/premium/plan', {
      appId: 'billing-cancel',
    });
    await emu.admin('/_emulator/v1/clock', { set: new Date(new Date(plan.expiresAt).getTime() - 1000).toISOString() });
    expect((await instance()).instance?.isFree).toBe(false);
    await emu.admin('/_emulator/v1/clock', { advanceMs: 1000 });
    const { instance: after } = await instance();
    expect(after?.isFree).toBe(true);
    expect(after?.billing).toBeUndefined();
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-01T10:00:00Z' });
  });

  it('an auto-renewing plan renews at the end of its cycle: the expiration moves on, the plan stays', async () => {
    const { pro, instance } = await appWithPlans('billing-renew');
    await buy(pro.id, 'YEARLY');
    await emu.admin('/_emulator/v1/clock', { set: '2027-03-02T00:00:00Z' });
    const { instance: renewed } = await instance();
    expect(renewed?.billing).toMatchObject({
      packageName: 'pro',
      expirationDate: '2028-03-01T10:00:00.000Z',
      autoRenewing: true,
    });
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-01T10:00:00Z' });
  });
});
