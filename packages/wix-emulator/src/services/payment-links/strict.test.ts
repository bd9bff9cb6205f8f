import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP } from '../../testing/callers.ts';
import { startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ strict: true, tunables: { rateLimitPerMinute: 10_000 } });
});
afterAll(async () => emu?.close());

const LINKS = '/payment-links/v1/payment-links';
const errorOf = (answer: { status: number; body: any }) => ({
  status: answer.status,
  code: answer.body.details?.applicationError?.code,
  field: answer.body.details?.applicationError?.data?.field,
});
const ecom = (currency = 'USD') => ({
  paymentLink: {
    title: 'Day pass',
    currency,
    type: 'ECOM',
    ecomPaymentLink: { lineItems: [{ type: 'CUSTOM', customItem: { name: 'Day pass', quantity: 1, price: '15' } }] },
  },
});

describe('Payment links in strict mode', () => {
  it('refuses an ECOM_ORDER link without paymentsLimit (not read as 1)', async () => {
    const { order } = await emu.admin<{ order: any }>('/_emulator/v1/ecom/orders', {
      lineItems: [{ name: 'Fee', quantity: 1, price: '10' }],
    });
    const withoutLimit = await emu.call(APP, 'POST', LINKS, {
      paymentLink: {
        title: 'Fee',
        currency: 'USD',
        type: 'ECOM_ORDER',
        ecomOrderPaymentLink: { orderId: order.id, amount: '10' },
      },
    });
    expect(errorOf(withoutLimit)).toMatchObject({
      status: 400,
      code: 'INVALID_PAYMENTS_LIMIT_FOR_ECOM_ORDER_PAYMENT_LINK',
      field: 'paymentLink.paymentsLimit',
    });
  });

  it('refuses a currency other than the site currency', async () => {
    expect(errorOf(await emu.call(APP, 'POST', LINKS, ecom('EUR')))).toMatchObject({
      status: 400,
      field: 'paymentLink.currency',
    });
    expect((await emu.call(APP, 'POST', LINKS, ecom('USD'))).status).toBe(200);
  });

  it('refuses activating an active link and deactivating an inactive one', async () => {
    const id = (await emu.call(APP, 'POST', LINKS, ecom())).body.paymentLink.id;
    expect(errorOf(await emu.call(APP, 'POST', `${LINKS}/${id}/activate`, {}))).toMatchObject({
      status: 428,
      code: 'FAILED_PRECONDITION',
    });
    expect((await emu.call(APP, 'POST', `${LINKS}/${id}/deactivate`, {})).status).toBe(200);
    expect(errorOf(await emu.call(APP, 'POST', `${LINKS}/${id}/deactivate`, {}))).toMatchObject({ status: 428 });
  });
});
