import { members } from '@wix/members';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP } from '../../testing/callers.ts';
import { startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());
beforeEach(async () => {
  await emu.admin('/_emulator/v1/reset', {});
  await emu.admin('/_emulator/v1/clock', { set: '2026-03-01T09:00:00Z', freeze: true });
  await emu.admin('/_emulator/v1/apps', { appId: 'gym-rewards', webhookUrl: 'http://127.0.0.1:9/none' });
});

const LINKS = '/payment-links/v1/payment-links';

const newLink = async (extra: Record<string, unknown> = {}) =>
  (
    await emu.call(APP, 'POST', LINKS, {
      paymentLink: {
        title: 'PT pack',
        currency: 'USD',
        type: 'ECOM',
        ecomPaymentLink: {
          lineItems: [
            { type: 'CUSTOM', customItem: { name: 'Personal training', quantity: 2, price: '40.00' } },
            { type: 'CUSTOM', customItem: { name: 'Towel', quantity: 1, price: '5.50' } },
          ],
        },
        ...extra,
      },
    })
  ).body.paymentLink;
const initiate = (id: string) => emu.call(APP, 'POST', `${LINKS}/${id}/initiate-payment`, {});
const openPage = async (url: string) => {
  const response = await fetch(url);
  const html = await response.text();
  return { status: response.status, html, token: /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '' };
};
const submit = async (url: string, fields: Record<string, string>) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, html: await response.text() };
};
const payments = async (filter: unknown = {}) =>
  (await emu.call(APP, 'POST', '/payment-links/v1/payment-link-payments/query', { query: { filter } })).body
    .paymentLinkPayments as any[];
const eventTypes = async () =>
  (await emu.admin<{ deliveries: any[] }>('/_emulator/v1/webhooks')).deliveries.map((d) => d.eventType).reverse();
const errorOf = (answer: { status: number; body: any }) => ({
  status: answer.status,
  code: answer.body.details?.applicationError?.code,
});

describe('Initiate payment and the buyer’s checkout', () => {
  it('answers a checkout URL whose page shows the link, its items and total, and a form without card data', async () => {
    const link = await newLink({ description: 'Two sessions & a towel' });
    const answer = await initiate(link.id);
    expect(answer.status).toBe(200);
    const url: string = answer.body.ecomCheckout.checkoutUrl;
    expect(url.startsWith(`${emu.url}/_emulator/pages/checkout/`)).toBe(true);
    const page = await openPage(url);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain('<h1>PT pack</h1>');
    expect(page.html).toContain('Two sessions &#38; a towel');
    expect(page.html).toContain('<td>Personal training</td><td>2</td><td>40.00 USD</td>');
    expect(page.html).toContain('<td id="total">85.50 USD</td>');
    expect(page.html).toContain('<label for="name">Your name</label>');
    expect(page.html).toContain('<label for="email">Email</label>');
    expect(page.token).not.toBe('');
    // No field asks for card data (the form token is random: it is left out, as it could spell "cvv").
    expect(page.html.replace(page.token, '')).not.toMatch(/card|cvv/i);
    expect(await eventTypes()).toContain('wix.paymentlinks.v1.payment_link_payment_initiated');
  });

  it('pays on the form: creates the paid order and the payment, updates the link, emits the events', async () => {
    const link = await newLink({ paymentsLimit: 2 });
    const url = (await initiate(link.id)).body.ecomCheckout.checkoutUrl;
    const { token } = await openPage(url);
    await emu.admin('/_emulator/v1/clock', { advanceMs: 60_000 });
    const paid = await submit(url, { name: 'Kim Lee', email: 'Kim@Example.com', formToken: token });
    expect(paid.status).toBe(200);
    expect(paid.html).toContain('Payment received');
    const [payment] = await payments();
    expect(payment).toMatchObject({
      amount: '85.50',
      currencyCode: 'USD',
      paymentLinkId: link.id,
      type: 'REGULAR',
      createdDate: '2026-03-01T09:01:00.000Z',
      regularPaymentLinkPayment: { contactDetails: { firstName: 'Kim', lastName: 'Lee', email: 'kim@example.com' } },
    });
    const orderId = payment.regularPaymentLinkPayment.order.ecomOrder.ecomOrderId;
    const order = (await emu.call(APP, 'GET', `/ecom/v1/orders/${orderId}`)).body.order;
    expect(order).toMatchObject({
      paymentStatus: 'PAID',
      buyerInfo: { email: 'kim@example.com', contactId: payment.regularPaymentLinkPayment.contactDetails.contactId },
      priceSummary: { total: { amount: '85.50' } },
    });
    expect(order.lineItems.map((l: any) => [l.productName.original, l.quantity])).toEqual([
      ['Personal training', 2],
      ['Towel', 1],
    ]);
    const after = (await emu.call(APP, 'GET', `${LINKS}/${link.id}`)).body.paymentLink;
    expect(after).toMatchObject({ totalPayments: 1, lastPaymentDate: '2026-03-01T09:01:00.000Z', status: 'ACTIVE' });
    const contact = await emu.call(
      APP,
      'GET',
      `/contacts/v4/contacts/${payment.regularPaymentLinkPayment.contactDetails.contactId}`,
    );
    expect(contact.body.contact.primaryInfo.email).toBe('kim@example.com');
    const types = await eventTypes();
    for (const type of [
      'wix.ecom.v1.order_created',
      'wix.ecom.v1.order_payment_status_updated',
      'wix.paymentlinks.payments.v1.payment_link_payment_created',
      'wix.paymentlinks.v1.payment_link_updated',
    ]) {
      expect(types).toContain(type);
    }
    const created = (await emu.admin<{ deliveries: any[] }>('/_emulator/v1/webhooks')).deliveries.find(
      (d) => d.eventType === 'wix.paymentlinks.payments.v1.payment_link_payment_created',
    );
    expect(created.payload.createdEvent.entity.id).toBe(payment.id);

    // The second payment reaches the limit: PAID, and no further checkout opens.
    const second = (await initiate(link.id)).body.ecomCheckout.checkoutUrl;
    expect(
      (await submit(second, { name: 'Lee', email: 'lee@example.com', formToken: (await openPage(second)).token }))
        .status,
    ).toBe(200);
    expect((await emu.call(APP, 'GET', `${LINKS}/${link.id}`)).body.paymentLink).toMatchObject({
      totalPayments: 2,
      status: 'PAID',
    });
    expect(errorOf(await initiate(link.id))).toMatchObject({ status: 428, code: 'FAILED_PRECONDITION' });
    expect(errorOf(await emu.call(APP, 'DELETE', `${LINKS}/${link.id}`))).toMatchObject({ status: 428 });
    expect(await payments({ paymentLinkId: link.id })).toHaveLength(2);
  });

  it('pays once for a form submitted twice, even at once', async () => {
    const link = await newLink();
    const url = (await initiate(link.id)).body.ecomCheckout.checkoutUrl;
    const { token } = await openPage(url);
    const fields = { name: 'Kim', email: 'kim@example.com', formToken: token };
    const answers = await Promise.all([submit(url, fields), submit(url, fields), submit(url, fields)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const again = await submit(url, fields);
    expect(again.html).toContain('Payment received');
    const all = await payments();
    expect(all).toHaveLength(1);
    for (const answer of [...answers, again]) expect(answer.html).toContain(all[0].id);
    expect((await emu.call(APP, 'GET', `${LINKS}/${link.id}`)).body.paymentLink.totalPayments).toBe(1);
    const orders = await emu.call(APP, 'POST', '/ecom/v1/orders/search', {});
    expect(orders.body.orders).toHaveLength(1);
  });

  it('takes one payment of a limit-1 link paid from two checkouts at once, and refuses the other', async () => {
    const link = await newLink({ paymentsLimit: 1 });
    const urls = [
      (await initiate(link.id)).body.ecomCheckout.checkoutUrl,
      (await initiate(link.id)).body.ecomCheckout.checkoutUrl,
    ];
    const tokens = await Promise.all(urls.map(async (url) => (await openPage(url)).token));
    const answers = await Promise.all(
      urls.map((url, i) =>
        submit(url, { name: `Buyer ${i}`, email: `buyer${i}@example.com`, formToken: tokens[i] as string }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await payments()).toHaveLength(1);
    expect((await emu.call(APP, 'GET', `${LINKS}/${link.id}`)).body.paymentLink).toMatchObject({
      totalPayments: 1,
      status: 'PAID',
    });
    expect((await emu.call(APP, 'POST', '/ecom/v1/orders/search', {})).body.orders).toHaveLength(1);
  });

  it('counts every payment of an unlimited link paid from several checkouts at once', async () => {
    const link = await newLink();
    const urls = await Promise.all(
      [1, 2, 3, 4].map(async () => (await initiate(link.id)).body.ecomCheckout.checkoutUrl as string),
    );
    const tokens = await Promise.all(urls.map(async (url) => (await openPage(url)).token));
    const answers = await Promise.all(
      urls.map((url, i) => submit(url, { name: 'Kim', email: 'kim@example.com', formToken: tokens[i] as string })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await payments()).toHaveLength(4);
    expect((await emu.call(APP, 'GET', `${LINKS}/${link.id}`)).body.paymentLink).toMatchObject({
      totalPayments: 4,
      status: 'ACTIVE',
    });
    const contacts = await emu.call(APP, 'POST', '/contacts/v4/contacts/query', {
      query: { filter: { 'primaryInfo.email': 'kim@example.com' } },
    });
    expect(contacts.body.contacts).toHaveLength(1);
  });

  it('refuses a form without name or email, or with another token, and pays nothing', async () => {
    const link = await newLink();
    const url = (await initiate(link.id)).body.ecomCheckout.checkoutUrl;
    const { token } = await openPage(url);
    const missing = await submit(url, { name: '', email: 'not-an-email', formToken: token });
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('aria-invalid="true"');
    expect(missing.html).toContain('Enter your name');
    const forged = await submit(url, { name: 'Kim', email: 'kim@example.com', formToken: 'forged' });
    expect(forged.status).toBe(400);
    expect(await payments()).toEqual([]);
  });

  it('refuses initiate and payment on an inactive or expired link, and an unready site', async () => {
    const link = await newLink({ expirationDate: '2026-03-05T00:00:00Z' });
    const url = (await initiate(link.id)).body.ecomCheckout.checkoutUrl;
    const { token } = await openPage(url);
    await emu.call(APP, 'POST', `${LINKS}/${link.id}/deactivate`, {});
    expect(errorOf(await initiate(link.id))).toMatchObject({ status: 428, code: 'FAILED_PRECONDITION' });
    expect((await submit(url, { name: 'Kim', email: 'kim@example.com', formToken: token })).status).toBe(409);
    await emu.call(APP, 'POST', `${LINKS}/${link.id}/activate`, {});
    await emu.admin('/_emulator/v1/site', { acceptsPayments: false });
    expect(errorOf(await initiate(link.id))).toMatchObject({ status: 428, code: 'MISSING_ACCEPT_PAYMENTS' });
    await emu.admin('/_emulator/v1/site', { acceptsPayments: true });
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-05T00:00:00Z' });
    expect(errorOf(await initiate(link.id))).toMatchObject({ status: 428, code: 'FAILED_PRECONDITION' });
    const late = await submit(url, { name: 'Kim', email: 'kim@example.com', formToken: token });
    expect(late.status).toBe(409);
    expect(late.html).toContain('EXPIRED');
    expect(await payments()).toEqual([]);
    expect(errorOf(await initiate(crypto.randomUUID()))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('opens a checkout from the share URL, and credits a paying member’s contact', async () => {
    const app = await emu.client(APP, { members });
    const member = await app.members.createMember({ member: { loginEmail: 'ana@example.com' } });
    const link = await newLink();
    const opened = await fetch(link.links.url, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const url = opened.headers.get('location') as string;
    expect(url).toContain('/_emulator/pages/checkout/');
    const { token } = await openPage(url);
    expect((await submit(url, { name: 'Ana', email: 'ana@example.com', formToken: token })).status).toBe(200);
    const [payment] = await payments();
    expect(payment.regularPaymentLinkPayment.contactDetails.contactId).toBe(member.contactId);
    const orderId = payment.regularPaymentLinkPayment.order.ecomOrder.ecomOrderId;
    const order = (await emu.call(APP, 'GET', `/ecom/v1/orders/${orderId}`)).body.order;
    expect(order.buyerInfo).toEqual({ contactId: member.contactId, memberId: member._id, email: 'ana@example.com' });
  });
});

describe('ECOM_ORDER links', () => {
  it('answers an order URL whose form pays the order; the paid order takes no new link', async () => {
    const { order } = await emu.admin<{ order: any }>('/_emulator/v1/ecom/orders', {
      lineItems: [{ name: 'Membership fee', quantity: 1, price: '120.00' }],
    });
    const link = (
      await emu.call(APP, 'POST', LINKS, {
        paymentLink: {
          title: 'Membership',
          currency: 'USD',
          type: 'ECOM_ORDER',
          paymentsLimit: 1,
          ecomOrderPaymentLink: { orderId: order.id, amount: '120.00' },
        },
      })
    ).body.paymentLink;
    const answer = await initiate(link.id);
    const url: string = answer.body.ecomOrder.orderUrl;
    expect(url).toContain('/_emulator/pages/order/');
    const page = await openPage(url);
    expect(page.html).toContain('<td id="total">120.00 USD</td>');
    expect((await submit(url, { name: 'Kim', email: 'kim@example.com', formToken: page.token })).status).toBe(200);
    const [payment] = await payments();
    expect(payment).toMatchObject({
      amount: '120.00',
      regularPaymentLinkPayment: { order: { ecomOrder: { ecomOrderId: order.id } } },
    });
    expect((await emu.call(APP, 'GET', `/ecom/v1/orders/${order.id}`)).body.order).toMatchObject({
      paymentStatus: 'PAID',
      balanceSummary: { balance: { amount: '0.00' }, paid: { amount: '120.00' } },
    });
    expect((await emu.call(APP, 'GET', `${LINKS}/${link.id}`)).body.paymentLink.status).toBe('PAID');
    const again = await emu.call(APP, 'POST', LINKS, {
      paymentLink: {
        title: 'Again',
        currency: 'USD',
        type: 'ECOM_ORDER',
        paymentsLimit: 1,
        ecomOrderPaymentLink: { orderId: order.id, amount: '1' },
      },
    });
    expect(errorOf(again)).toMatchObject({ status: 428, code: 'FAILED_PRECONDITION' });
  });
});
