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
});

const ORDERS = '/ecom/v1/orders';
const LINKS = '/payment-links/v1/payment-links';

const unpaidOrder = async (price = '120.00', quantity = 1) =>
  (
    await emu.admin<{ order: any }>('/_emulator/v1/ecom/orders', {
      lineItems: [{ name: 'Membership fee', quantity, price }],
      buyerInfo: { email: 'kim@example.com' },
    })
  ).order;
const errorOf = (answer: { status: number; body: any }) => ({
  status: answer.status,
  code: answer.body.details?.applicationError?.code,
  field: answer.body.details?.applicationError?.data?.field,
});
const orderLink = (orderId: string, amount = '120.00', extra: Record<string, unknown> = {}) => ({
  paymentLink: {
    title: 'Membership fee',
    currency: 'USD',
    type: 'ECOM_ORDER',
    paymentsLimit: 1,
    ecomOrderPaymentLink: { orderId, amount },
    ...extra,
  },
});

describe('eCommerce orders', () => {
  it('creates an unpaid order by the control, gets it and searches it', async () => {
    const order = await unpaidOrder('60.00', 2);
    expect(order).toMatchObject({
      number: '10001',
      status: 'APPROVED',
      paymentStatus: 'NOT_PAID',
      currency: 'USD',
      buyerInfo: { email: 'kim@example.com' },
      priceSummary: { total: { amount: '120.00', formattedAmount: '$120.00' } },
      balanceSummary: { balance: { amount: '120.00' }, paid: { amount: '0.00' } },
      createdDate: '2026-03-01T09:00:00.000Z',
    });
    expect(order.lineItems[0]).toMatchObject({
      productName: { original: 'Membership fee' },
      quantity: 2,
      price: { amount: '60.00' },
    });
    expect((await emu.call(APP, 'GET', `${ORDERS}/${order.id}`)).body.order).toEqual(order);
    const second = await unpaidOrder();
    expect(second.number).toBe('10002');
    const found = await emu.call(APP, 'POST', `${ORDERS}/search`, {
      search: {
        filter: { paymentStatus: 'NOT_PAID' },
        sort: [{ fieldName: 'number', order: 'DESC' }],
        cursorPaging: { limit: 1 },
      },
    });
    expect(found.body.orders.map((o: any) => o.number)).toEqual(['10002']);
    expect(found.body.metadata).toMatchObject({ count: 1, hasNext: true });
    expect(errorOf(await emu.call(APP, 'GET', `${ORDERS}/${crypto.randomUUID()}`))).toMatchObject({
      status: 404,
      code: 'ORDER_NOT_FOUND',
    });
    expect((await emu.call({ type: 'MEMBER', memberId: 'x' }, 'GET', `${ORDERS}/${order.id}`)).status).toBe(403);
    const bad = await emu.call(null, 'POST', '/_emulator/v1/ecom/orders', {
      lineItems: [{ name: 'x', quantity: 1, price: 'free' }],
    });
    expect(errorOf(bad)).toMatchObject({ status: 400, field: 'lineItems.0.price' });
  });
});

describe('ECOM_ORDER payment links', () => {
  it('creates a link for an unpaid order', async () => {
    const order = await unpaidOrder();
    const created = await emu.call(APP, 'POST', LINKS, orderLink(order.id, '100.00'));
    expect(created.status).toBe(200);
    expect(created.body.paymentLink).toMatchObject({
      type: 'ECOM_ORDER',
      paymentsLimit: 1,
      status: 'ACTIVE',
      ecomOrderPaymentLink: { orderId: order.id, amount: '100.00' },
    });
  });

  it('refuses a missing order, a limit other than 1, an amount over the balance and a paid order', async () => {
    const order = await unpaidOrder();
    const missing = await emu.call(APP, 'POST', LINKS, orderLink(crypto.randomUUID()));
    expect(errorOf(missing)).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });
    const limit = await emu.call(APP, 'POST', LINKS, orderLink(order.id, '120.00', { paymentsLimit: 2 }));
    expect(errorOf(limit)).toMatchObject({
      status: 400,
      code: 'INVALID_PAYMENTS_LIMIT_FOR_ECOM_ORDER_PAYMENT_LINK',
      field: 'paymentLink.paymentsLimit',
    });
    const over = await emu.call(APP, 'POST', LINKS, orderLink(order.id, '120.01'));
    expect(errorOf(over)).toMatchObject({ status: 400, field: 'paymentLink.ecomOrderPaymentLink.amount' });
    const mixed = await emu.call(APP, 'POST', LINKS, orderLink(order.id, '1', { ecomPaymentLink: { lineItems: [] } }));
    expect(errorOf(mixed)).toMatchObject({ status: 400 });
    const otherCurrency = await emu.call(APP, 'POST', LINKS, orderLink(order.id, '1', { currency: 'EUR' }));
    expect(errorOf(otherCurrency)).toMatchObject({ status: 400, field: 'paymentLink.currency' });
    // Without paymentsLimit, outside strict mode, the limit is read as 1.
    const { paymentsLimit: _omitted, ...withoutLimit } = orderLink(order.id).paymentLink;
    const implicit = await emu.call(APP, 'POST', LINKS, { paymentLink: withoutLimit });
    expect(implicit.body.paymentLink.paymentsLimit).toBe(1);
  });
});
