import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { members as membersModule } from '@wix/members';
import { productsV3 } from '@wix/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInput, Refused } from './errors.ts';
import { callWix } from './get-paid.ts';
import { listPaymentLinks, paymentLinkRecipients, productVariants, unpaidOrders } from './payment-link-list.ts';
import { refusedAsOwnerWords } from './payment-link-refusals.ts';
import {
  activatePaymentLink,
  createPaymentLink,
  deactivatePaymentLink,
  deletePaymentLink,
  paymentLink,
  sendPaymentLink,
  takePayment,
} from './payment-links.ts';
import { createProducts, emulatedWix, startStrictEmulator } from './testing/wix.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
let products: Record<string, string>;
let kimContact: string;
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
  const owner = await emu.client({ type: 'ADMIN' }, { members: membersModule });
  const kim = await owner.members.createMember({
    member: { loginEmail: 'kim@gym.example', contact: { firstName: 'Kim', lastName: 'Lee' } },
  });
  kimContact = kim.contactId!;
});
afterAll(async () => emu?.close());

const twoProducts = (requestId: string) => ({
  requestId,
  type: 'ECOM' as const,
  title: 'Day pass and a shake',
  products: [
    { productId: products['Day pass']!, quantity: 2 },
    { productId: products['Protein shake']!, quantity: 1 },
  ],
  customItems: [{ name: 'Towel rental', price: '1.5', quantity: 1 }],
});

describe('creating a payment link (sample flows "for Wix Stores products", "create and send")', () => {
  it('creates an ECOM link of store products and custom items in the site currency, priced by the store', async () => {
    const { link } = await createPaymentLink(env.wix, clock, twoProducts('create-1'));
    expect(link).toMatchObject({
      title: 'Day pass and a shake',
      type: 'ECOM',
      status: 'ACTIVE',
      amount: '36.00',
      currency: 'USD',
      payments: 0,
      items: [
        { name: 'Day pass', quantity: 2 },
        { name: 'Protein shake', quantity: 1 },
        { name: 'Towel rental', quantity: 1 },
      ],
    });
    expect(link.url).toMatch(/^https?:\/\//);
  });

  it('makes one link per request id, however often the request is retried or raced', async () => {
    const [a, b] = await Promise.all([
      createPaymentLink(env.wix, clock, twoProducts('create-2')),
      createPaymentLink(env.wix, clock, twoProducts('create-2')),
    ]);
    expect(b.link.id).toBe(a.link.id);
    const again = await createPaymentLink(env.wix, clock, twoProducts('create-2'));
    expect(again.link).toEqual(a.link);
    const { links } = await listPaymentLinks(env.wix, { limit: 100 });
    expect(links.filter((l) => l.id === a.link.id)).toHaveLength(1);
    expect(links.filter((l) => l.title === 'Day pass and a shake')).toHaveLength(2);
  });

  it('sells a variant of a product with options (the one picked, else its first), at its price', async () => {
    const owner = await emu.client({ type: 'ADMIN' }, { productsV3 });
    const variant = (choiceName: string, amount: string) => ({
      choices: [{ optionChoiceNames: { optionName: 'Size', choiceName, renderType: 'TEXT_CHOICES' } }],
      price: { actualPrice: { amount } },
    });
    const shirt = await owner.productsV3.createProduct({
      name: 'Gym shirt',
      productType: 'PHYSICAL',
      physicalProperties: {},
      options: [
        {
          name: 'Size',
          optionRenderType: 'TEXT_CHOICES',
          choicesSettings: { choices: ['M', 'L'].map((name) => ({ name, choiceType: 'CHOICE_TEXT' })) },
        },
      ],
      variantsInfo: { variants: [variant('M', '20'), variant('L', '24')] },
    } as never);
    const { variants } = await productVariants(env.wix, { productId: shirt._id! });
    expect(variants.map((v) => [v.name, v.price])).toEqual([
      ['M', '20'],
      ['L', '24'],
    ]);
    const shirts = (requestId: string, variantId?: string) =>
      createPaymentLink(env.wix, clock, {
        requestId,
        type: 'ECOM',
        title: 'Shirts',
        products: [{ productId: shirt._id!, quantity: 2, ...(variantId ? { variantId } : {}) }],
      });
    expect((await shirts('variant-1', variants[1]!.variantId)).link.amount).toBe('48.00');
    expect((await shirts('variant-2')).link.amount).toBe('40.00');
    expect(await shirts('variant-3', 'not-a-variant').catch((e) => e)).toMatchObject({ field: 'products.0.variantId' });
  });

  it('creates an ECOM_ORDER link for an unpaid order, for what it still owes, paid once', async () => {
    const { order } = (await emu.admin('/_emulator/v1/ecom/orders', {
      lineItems: [{ name: 'Membership fee', quantity: 1, price: '120.00' }],
      buyerInfo: { email: 'kim@gym.example' },
    })) as { order: { id: string } };
    const { orders } = await unpaidOrders(env.wix);
    expect(orders.find((o) => o.orderId === order.id)).toMatchObject({ due: '120.00', paymentStatus: 'NOT_PAID' });
    const { link } = await createPaymentLink(env.wix, clock, {
      requestId: 'order-link-1',
      type: 'ECOM_ORDER',
      title: 'Membership fee',
      orderId: order.id,
    });
    expect(link).toMatchObject({ type: 'ECOM_ORDER', amount: '120.00', paymentsLimit: 1, orderId: order.id });
  });

  it('refuses bad input before any Wix call, naming the field', async () => {
    const refused = (input: unknown) => createPaymentLink(env.wix, clock, input as never).catch((e) => e);
    expect(await refused({ ...twoProducts('bad-1'), title: ' ' })).toMatchObject({ field: 'title' });
    expect(await refused({ ...twoProducts('bad-2'), products: [], customItems: [] })).toMatchObject({
      field: 'products',
    });
    expect(
      await refused({ ...twoProducts('bad-3'), customItems: [{ name: 'x', price: '1.234', quantity: 1 }] }),
    ).toMatchObject({ field: 'customItems.0.price' });
    expect(
      await refused({ ...twoProducts('bad-4'), products: [{ productId: 'no-such-product', quantity: 1 }] }),
    ).toMatchObject({ field: 'products.0.productId' });
    expect(await refused({ ...twoProducts('bad-5'), recipients: Array(51).fill('c') })).toBeInstanceOf(InvalidInput);
    expect(await refused({ ...twoProducts('bad-6'), expirationDate: '2026-05-01T00:00:00Z' })).toMatchObject({
      field: 'expirationDate',
    });
  });
});

describe("Wix's refusals, in words that say what to do", () => {
  it('an unpublished site: "Publish your site first"; the same request works once it is published', async () => {
    await emu.admin('/_emulator/v1/site', { published: false });
    const refused = await createPaymentLink(env.wix, clock, twoProducts('site-1')).catch((e) => e);
    expect(refused).toBeInstanceOf(Refused);
    expect(refused).toMatchObject({ code: 'UNPUBLISHED_SITE', message: expect.stringMatching(/Publish your site/) });
    await emu.admin('/_emulator/v1/site', { published: true });
    expect((await createPaymentLink(env.wix, clock, twoProducts('site-1'))).link.status).toBe('ACTIVE');
  });

  it('no payment method: "Connect a payment method in Accept Payments"', async () => {
    await emu.admin('/_emulator/v1/site', { acceptsPayments: false });
    const refused = await createPaymentLink(env.wix, clock, twoProducts('site-2')).catch((e) => e);
    await emu.admin('/_emulator/v1/site', { acceptsPayments: true });
    expect(refused).toMatchObject({
      code: 'MISSING_ACCEPT_PAYMENTS',
      message: expect.stringMatching(/Accept Payments/),
    });
  });

  it('a recipient who is no contact: RECIPIENT_NOT_FOUND', async () => {
    const refused = await createPaymentLink(env.wix, clock, {
      ...twoProducts('recipient-1'),
      recipients: ['9b1f8a52-3c4d-4e5f-8a6b-7c8d9e0f1a2b'],
    }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'RECIPIENT_NOT_FOUND', message: expect.stringMatching(/recipients/) });
  });

  it('an order that does not exist: ORDER_NOT_FOUND', async () => {
    const refused = await createPaymentLink(env.wix, clock, {
      requestId: 'order-1',
      type: 'ECOM_ORDER',
      title: 'Balance',
      orderId: '9b1f8a52-3c4d-4e5f-8a6b-7c8d9e0f1a2c',
    }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'ORDER_NOT_FOUND', message: expect.stringMatching(/unpaid order/) });
  });
  it('an order link paid more than once: INVALID_PAYMENTS_LIMIT_FOR_ECOM_ORDER_PAYMENT_LINK (the flow always asks 1)', async () => {
    const { order } = (await emu.admin('/_emulator/v1/ecom/orders', {
      lineItems: [{ name: 'Locker rental', quantity: 1, price: '30.00' }],
    })) as { order: { id: string } };
    const paymentLink = {
      title: 'Locker',
      currency: 'USD',
      type: 'ECOM_ORDER',
      paymentsLimit: 2,
      ecomOrderPaymentLink: { orderId: order.id, amount: '30.00' },
    };
    const refused = await refusedAsOwnerWords('The payment link', () =>
      callWix(env.wix, 'createPaymentLink', { body: { paymentLink } }),
    ).catch((e) => e);
    expect(refused).toMatchObject({ code: 'INVALID_PAYMENTS_LIMIT_FOR_ECOM_ORDER_PAYMENT_LINK' });
  });
});

describe('sending, following and managing links', () => {
  it('picks recipients from the contacts by name, and sends the link to them (the outbox records it)', async () => {
    const { contacts } = await paymentLinkRecipients(env.wix, { search: 'Kim' });
    expect(contacts.map((c) => c.contactId)).toContain(kimContact);
    const { link } = await createPaymentLink(env.wix, clock, { ...twoProducts('send-1'), recipients: [kimContact] });
    expect(link.recipients).toEqual([kimContact]);
    expect(await sendPaymentLink(env.wix, { paymentLinkId: link.id })).toEqual({ status: 'SENT', recipients: 1 });
    const outbox = (await emu.admin('/_emulator/v1/outbox')) as { messages?: Array<Record<string, unknown>> };
    expect(JSON.stringify(outbox)).toContain(link.id);
  });

  it('refuses to send a link with no recipients when none are given; sends to contacts given now', async () => {
    const { link } = await createPaymentLink(env.wix, clock, twoProducts('send-2'));
    expect(await sendPaymentLink(env.wix, { paymentLinkId: link.id }).catch((e) => e)).toMatchObject({
      field: 'recipients',
    });
    expect(await sendPaymentLink(env.wix, { paymentLinkId: link.id, recipients: [kimContact] })).toEqual({
      status: 'SENT',
      recipients: 1,
    });
  });

  it('lists links by status, type and text, newest first, a page at a time', async () => {
    const { link } = await createPaymentLink(env.wix, clock, {
      requestId: 'list-1',
      type: 'ECOM',
      title: 'Personal training pack',
      customItems: [{ name: '10 sessions', price: 300, quantity: 1 }],
    });
    const found = await listPaymentLinks(env.wix, { search: 'training' });
    expect(found.links.map((l) => l.id)).toEqual([link.id]);
    const orderLinks = (await listPaymentLinks(env.wix, { type: 'ECOM_ORDER', limit: 100 })).links;
    expect(orderLinks.map((l) => l.title)).toEqual(['Membership fee']);
    await deactivatePaymentLink(env.wix, { paymentLinkId: link.id });
    const inactive = await listPaymentLinks(env.wix, { status: ['INACTIVE'] });
    expect(inactive.links.map((l) => [l.id, l.status])).toEqual([[link.id, 'INACTIVE']]);
    expect((await activatePaymentLink(env.wix, { paymentLinkId: link.id })).status).toBe('ACTIVE');

    const all = (await listPaymentLinks(env.wix, { limit: 100 })).links;
    const first = await listPaymentLinks(env.wix, { limit: 2 });
    const second = await listPaymentLinks(env.wix, { limit: 2, cursor: first.cursor });
    const paged = [...first.links, ...second.links].map((l) => l.id);
    expect(new Set(paged).size).toBe(4);
    expect(all.map((l) => l.id)).toEqual(expect.arrayContaining(paged));
    const times = (rows: typeof all) => rows.map((l) => Date.parse(l.createdDate!));
    expect(times(all)).toEqual([...times(all)].sort((a, b) => b - a));
    const oldest = (await listPaymentLinks(env.wix, { sort: 'OLDEST', limit: 100 })).links;
    expect(times(oldest)).toEqual([...times(oldest)].sort((a, b) => a - b));
  });

  it('deletes a link without payments; the link is gone', async () => {
    const { link } = await createPaymentLink(env.wix, clock, twoProducts('delete-1'));
    expect(await deletePaymentLink(env.wix, { paymentLinkId: link.id })).toEqual({ status: 'DELETED' });
    const gone = await paymentLink(env.wix, { paymentLinkId: link.id }).catch((e) => e);
    expect(gone).toBeInstanceOf(Refused);
    expect(gone.message).toMatch(/does not exist any more/);
  });
});

describe('expiry', () => {
  it('a link past its expiration date is EXPIRED and takes no payment', async () => {
    const { link } = await createPaymentLink(env.wix, clock, {
      ...twoProducts('expiry-1'),
      expirationDate: '2026-05-04T09:00:00.000Z',
    });
    expect(link.expirationDate).toBe('2026-05-04T09:00:00.000Z');
    await emu.admin('/_emulator/v1/clock', { set: '2026-05-05T09:00:00.000Z', freeze: true });
    try {
      expect((await paymentLink(env.wix, { paymentLinkId: link.id })).status).toBe('EXPIRED');
      expect(await takePayment(env.wix, { paymentLinkId: link.id }).catch((e) => e)).toBeInstanceOf(Refused);
    } finally {
      await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
    }
  });
});

describe('a link whose try Wix did not answer (Create Payment Link takes no idempotency key)', () => {
  const faults = (rules: unknown[]) => emu.admin('/_emulator/v1/faults', { seed: 1, rules });
  const clearFaults = () => emu.admin('/_emulator/v1/faults', undefined, 'DELETE');
  const titled = async (title: string) => {
    const { paymentLinks = [] } = await callWix<{ paymentLinks?: Array<{ id: string; title: string }> }>(
      env.wix,
      'queryPaymentLinks',
      { body: { query: { cursorPaging: { limit: 100 } } } },
    );
    return paymentLinks.filter((l) => l.title === title);
  };
  const input = (requestId: string, title: string) => ({
    requestId,
    type: 'ECOM' as const,
    title,
    customItems: [{ name: 'Day pass', price: 15, quantity: 1 }],
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  it('made, then answered 503: the retry finds that link and makes no second one', async () => {
    await faults([{ method: 'POST', path: '/payment-links/v1/payment-links', dropRate: 1, dropAs: '503', limit: 1 }]);
    expect(await failure(createPaymentLink(env.wix, clock, input('lost-answer', 'Answer lost')))).toBeDefined();
    await clearFaults();
    const retried = await createPaymentLink(env.wix, clock, input('lost-answer', 'Answer lost'));
    const links = await titled('Answer lost');
    expect(links).toHaveLength(1);
    expect(retried).toMatchObject({ status: 'CREATED', link: { id: links[0]!.id, amount: '15.00' } });
    expect(await createPaymentLink(env.wix, clock, input('lost-answer', 'Answer lost'))).toEqual(retried);
  }, 30_000);

  it('made, then its record not saved: the retry finds and records the link, never "in progress" for good', async () => {
    await faults([{ method: 'POST', path: '/wix-data/v2/items/update', errorRate: 1, limit: 1 }]);
    expect(await failure(createPaymentLink(env.wix, clock, input('lost-record', 'Record lost')))).toBeDefined();
    await clearFaults();
    const retried = await createPaymentLink(env.wix, clock, input('lost-record', 'Record lost'));
    const links = await titled('Record lost');
    expect(links).toHaveLength(1);
    expect(retried.link.id).toBe(links[0]!.id);
    expect(await createPaymentLink(env.wix, clock, input('lost-record', 'Record lost'))).toEqual(retried);
  }, 30_000);

  it('not made (a 503 before Wix did anything): "in progress" for a minute, then one retry makes it, once', async () => {
    await faults([{ method: 'POST', path: '/payment-links/v1/payment-links', errorRate: 1, limit: 1 }]);
    expect(await failure(createPaymentLink(env.wix, clock, input('never-made', 'Never made')))).toBeDefined();
    await clearFaults();
    expect(await failure(createPaymentLink(env.wix, clock, input('never-made', 'Never made')))).toMatchObject({
      code: 'IN_PROGRESS',
    });
    const aMinuteOn = () => new Date(clock().getTime() + 61_000);
    const [a, b] = await Promise.all([
      createPaymentLink(env.wix, aMinuteOn, input('never-made', 'Never made')).catch((e) => e),
      createPaymentLink(env.wix, aMinuteOn, input('never-made', 'Never made')).catch((e) => e),
    ]);
    const links = await titled('Never made');
    expect(links).toHaveLength(1);
    const created = [a, b].filter((answer) => answer?.status === 'CREATED');
    expect(created.length).toBeGreaterThan(0);
    for (const answer of created) expect(answer.link.id).toBe(links[0]!.id);
    expect((await createPaymentLink(env.wix, clock, input('never-made', 'Never made'))).link.id).toBe(links[0]!.id);
  }, 30_000);
});
