import { productsV3 } from '@wix/stores';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { APP, memberCaller } from '../../testing/callers.ts';
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

const MEMBER = memberCaller('6a2f0c1e-0000-4000-8000-000000000001');
const LINKS = '/payment-links/v1/payment-links';
const STORES = '215238eb-22a5-4c36-9e7b-e7c08025e04e';

const custom = (name: string, price: string, quantity = 1) => ({
  type: 'CUSTOM',
  customItem: { name, quantity, price },
});
const ecomLink = (extra: Record<string, unknown> = {}, lineItems: unknown[] = [custom('Day pass', '15.00')]) => ({
  paymentLink: { title: 'Day pass', currency: 'USD', type: 'ECOM', ecomPaymentLink: { lineItems }, ...extra },
});
const create = (body: unknown, identity: Identity = APP) => emu.call(identity, 'POST', LINKS, body);
const errorOf = (answer: { status: number; body: any }) => ({
  status: answer.status,
  code: answer.body.details?.applicationError?.code,
  field: answer.body.details?.applicationError?.data?.field,
});
const contact = async (first: string, email: string) =>
  (await emu.call(APP, 'POST', '/contacts/v4/contacts', { info: { name: { first }, emails: { items: [{ email }] } } }))
    .body.contact.id as string;

describe('Create, get, query and delete payment links', () => {
  it('creates an ECOM link of custom items, active, with its share URL, and emits payment_link_created', async () => {
    await emu.admin('/_emulator/v1/apps', { appId: 'gym-rewards', webhookUrl: 'http://127.0.0.1:9/none' });
    const created = await create(ecomLink({ description: 'One visit', paymentsLimit: 3 }));
    expect(created.status).toBe(200);
    const link = created.body.paymentLink;
    expect(link).toMatchObject({
      title: 'Day pass',
      description: 'One visit',
      currency: 'USD',
      type: 'ECOM',
      status: 'ACTIVE',
      paymentsLimit: 3,
      totalPayments: 0,
      recipients: [],
      revision: '1',
      createdDate: '2026-03-01T09:00:00.000Z',
      ecomPaymentLink: { lineItems: [custom('Day pass', '15.00')] },
    });
    expect(link.links.url).toBe(`${emu.url}/_emulator/pages/payment-links/${link.id}`);
    expect((await emu.call(APP, 'GET', `${LINKS}/${link.id}`)).body.paymentLink).toEqual(link);
    const { deliveries } = await emu.admin<{ deliveries: any[] }>('/_emulator/v1/webhooks');
    expect(deliveries.map((d) => d.eventType)).toContain('wix.paymentlinks.v1.payment_link_created');
    expect(deliveries.find((d) => d.eventType.endsWith('link_created')).payload.createdEvent.entity.id).toBe(link.id);
  });

  it('refuses an unpublished site, a site not accepting payments, and members', async () => {
    await emu.admin('/_emulator/v1/site', { published: false });
    expect(errorOf(await create(ecomLink()))).toMatchObject({ status: 428, code: 'UNPUBLISHED_SITE' });
    await emu.admin('/_emulator/v1/site', { published: true, acceptsPayments: false });
    expect(errorOf(await create(ecomLink()))).toMatchObject({ status: 428, code: 'MISSING_ACCEPT_PAYMENTS' });
    await emu.admin('/_emulator/v1/site', { acceptsPayments: true });
    expect((await create(ecomLink(), MEMBER)).status).toBe(403);
    expect((await emu.call(APP, 'POST', `${LINKS}/query`, {})).body.paymentLinks).toEqual([]);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [
        { paymentLink: { currency: 'USD', type: 'ECOM', ecomPaymentLink: { lineItems: [custom('a', '1')] } } },
        'paymentLink.title',
      ],
      [ecomLink({ currency: 'dollars' }), 'paymentLink.currency'],
      [ecomLink({ type: 'GIFT' }), 'paymentLink.type'],
      [ecomLink({}, []), 'paymentLink.ecomPaymentLink.lineItems'],
      [ecomLink({}, [custom('a', '-1')]), 'paymentLink.ecomPaymentLink.lineItems.0.customItem.price'],
      [ecomLink({}, [custom('a', '1', 0)]), 'paymentLink.ecomPaymentLink.lineItems.0.customItem.quantity'],
      [ecomLink({ ecomPaymentLink: undefined }), 'paymentLink.ecomPaymentLink'],
      [ecomLink({ paymentsLimit: 0 }), 'paymentLink.paymentsLimit'],
      [ecomLink({ expirationDate: '2026-02-01T00:00:00Z' }), 'paymentLink.expirationDate'],
      [
        ecomLink({ recipients: [{ contactId: 'kim', sendMethods: ['EMAIL_METHOD'] }] }),
        'paymentLink.recipients.0.contactId',
      ],
    ];
    for (const [body, field] of cases) {
      expect(errorOf(await create(body)), field).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT', field });
    }
    const many = Array.from({ length: 51 }, () => ({ contactId: crypto.randomUUID(), sendMethods: ['EMAIL_METHOD'] }));
    expect(errorOf(await create(ecomLink({ recipients: many })))).toMatchObject({ field: 'paymentLink.recipients' });
    expect((await emu.call(APP, 'POST', `${LINKS}/query`, {})).body.paymentLinks).toEqual([]);
  });

  it('refuses recipients that are not contacts (RECIPIENT_NOT_FOUND), and keeps those that are', async () => {
    const kim = await contact('Kim', 'kim@example.com');
    const stranger = crypto.randomUUID();
    const refused = await create(
      ecomLink({
        recipients: [
          { contactId: kim, sendMethods: ['EMAIL_METHOD'] },
          { contactId: stranger, sendMethods: ['EMAIL_METHOD'] },
        ],
      }),
    );
    expect(errorOf(refused)).toMatchObject({
      status: 404,
      code: 'RECIPIENT_NOT_FOUND',
      field: 'paymentLink.recipients.1.contactId',
    });
    const ok = await create(ecomLink({ recipients: [{ contactId: kim, sendMethods: ['EMAIL_METHOD'] }] }));
    expect(ok.body.paymentLink.recipients).toEqual([{ contactId: kim, sendMethods: ['EMAIL_METHOD'] }]);
  });

  it('resolves CATALOG items against the Stores catalog, variants by options.variantId', async () => {
    const stores = await emu.client(APP, { productsV3 });
    const bar = await stores.productsV3.createProduct({
      name: 'Protein bar',
      productType: 'PHYSICAL',
      physicalProperties: {},
      variantsInfo: { variants: [{ price: { actualPrice: { amount: '2.50' } } }] },
    } as any);
    const size = {
      name: 'Size',
      optionRenderType: 'TEXT_CHOICES',
      choicesSettings: { choices: ['M', 'L'].map((name) => ({ name, choiceType: 'CHOICE_TEXT' })) },
    };
    const variant = (choice: string, amount: string) => ({
      choices: [{ optionChoiceNames: { optionName: 'Size', choiceName: choice, renderType: 'TEXT_CHOICES' } }],
      price: { actualPrice: { amount } },
    });
    const shirt = await stores.productsV3.createProduct({
      name: 'Gym shirt',
      productType: 'PHYSICAL',
      physicalProperties: {},
      options: [size],
      variantsInfo: { variants: [variant('M', '20'), variant('L', '24')] },
    } as any);
    const large = shirt.variantsInfo?.variants?.find((v) => v.price?.actualPrice?.amount === '24')?._id as string;
    const catalog = (productId: string, quantity: number, variantId?: string) => ({
      type: 'CATALOG',
      catalogItem: {
        quantity,
        catalogReference: { appId: STORES, catalogItemId: productId, ...(variantId ? { options: { variantId } } : {}) },
      },
    });
    const ok = await create(ecomLink({}, [catalog(bar._id!, 2), catalog(shirt._id!, 1, large)]));
    expect(ok.status).toBe(200);
    expect(ok.body.paymentLink.ecomPaymentLink.lineItems[1].catalogItem.catalogReference.options.variantId).toBe(large);
    const at = 'paymentLink.ecomPaymentLink.lineItems.0.catalogItem.catalogReference';
    expect(errorOf(await create(ecomLink({}, [catalog(shirt._id!, 1)])))).toMatchObject({
      status: 400,
      field: `${at}.options.variantId`,
    });
    expect(errorOf(await create(ecomLink({}, [catalog(bar._id!, 1, crypto.randomUUID())])))).toMatchObject({
      field: `${at}.options.variantId`,
    });
    expect(errorOf(await create(ecomLink({}, [catalog(crypto.randomUUID(), 1)])))).toMatchObject({
      field: `${at}.catalogItemId`,
    });
    const otherApp = {
      type: 'CATALOG',
      catalogItem: { quantity: 1, catalogReference: { appId: crypto.randomUUID(), catalogItemId: bar._id } },
    };
    expect(errorOf(await create(ecomLink({}, [otherApp])))).toMatchObject({ field: `${at}.appId` });
  });

  it('queries with filters on status and type, sort, text search and cursor paging', async () => {
    for (let i = 0; i < 7; i++) {
      const answer = await create(ecomLink({ title: `Pack ${i}`, description: i === 3 ? 'Personal training' : 'Gym' }));
      expect(answer.status).toBe(200);
      if (i % 2 === 1) await emu.call(APP, 'POST', `${LINKS}/${answer.body.paymentLink.id}/deactivate`, {});
      await emu.admin('/_emulator/v1/clock', { advanceMs: 1000 });
    }
    const query = (body: unknown) => emu.call(APP, 'POST', `${LINKS}/query`, body);
    const active = await query({
      query: { filter: { status: 'ACTIVE', type: 'ECOM' }, sort: [{ fieldName: 'title', order: 'DESC' }] },
    });
    expect(active.body.paymentLinks.map((l: any) => l.title)).toEqual(['Pack 6', 'Pack 4', 'Pack 2', 'Pack 0']);
    const titles: string[] = [];
    let page = await query({ query: { cursorPaging: { limit: 3 } } });
    titles.push(...page.body.paymentLinks.map((l: any) => l.title));
    while (page.body.pagingMetadata.cursors.next) {
      page = await query({ query: { cursorPaging: { limit: 3, cursor: page.body.pagingMetadata.cursors.next } } });
      titles.push(...page.body.paymentLinks.map((l: any) => l.title));
    }
    expect(titles).toEqual(Array.from({ length: 7 }, (_, i) => `Pack ${i}`));
    const searched = await emu.call(APP, 'POST', `${LINKS}/search`, { search: { search: { expression: 'personal' } } });
    expect(searched.body.paymentLinks.map((l: any) => l.title)).toEqual(['Pack 3']);
    expect(errorOf(await query({ query: { filter: { secret: 1 } } }))).toMatchObject({ field: 'query.filter.secret' });
    expect(errorOf(await query({ query: { cursorPaging: { limit: 101 } } }))).toMatchObject({
      field: 'query.cursorPaging.limit',
    });
  });

  it('deletes a link without payments, and answers 404 for it afterwards', async () => {
    const id = (await create(ecomLink())).body.paymentLink.id;
    expect((await emu.call(APP, 'DELETE', `${LINKS}/${id}`)).status).toBe(200);
    expect(errorOf(await emu.call(APP, 'GET', `${LINKS}/${id}`))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(errorOf(await emu.call(APP, 'DELETE', `${LINKS}/${id}`))).toMatchObject({ status: 404 });
  });
});

describe('Activate, deactivate, expiry and send', () => {
  it('deactivates and activates; a link past its expiration date is EXPIRED by the platform clock', async () => {
    const id = (await create(ecomLink({ expirationDate: '2026-03-02T09:00:00Z' }))).body.paymentLink.id;
    const off = await emu.call(APP, 'POST', `${LINKS}/${id}/deactivate`, {});
    expect(off.body.paymentLink.status).toBe('INACTIVE');
    expect((await emu.call(APP, 'POST', `${LINKS}/${id}/activate`, {})).body.paymentLink.status).toBe('ACTIVE');
    // Outside strict mode, activating an active link changes nothing (strict.test.ts: refused).
    const again = await emu.call(APP, 'POST', `${LINKS}/${id}/activate`, {});
    expect(again.body.paymentLink).toMatchObject({ status: 'ACTIVE', revision: '3' });
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T08:59:59Z' });
    expect((await emu.call(APP, 'GET', `${LINKS}/${id}`)).body.paymentLink.status).toBe('ACTIVE');
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T09:00:00Z' });
    expect((await emu.call(APP, 'GET', `${LINKS}/${id}`)).body.paymentLink.status).toBe('EXPIRED');
    const listed = await emu.call(APP, 'POST', `${LINKS}/query`, { query: { filter: { status: 'EXPIRED' } } });
    expect(listed.body.paymentLinks.map((l: any) => l.id)).toEqual([id]);
    expect(errorOf(await emu.call(APP, 'POST', `${LINKS}/${id}/activate`, {}))).toMatchObject({
      status: 428,
      code: 'FAILED_PRECONDITION',
    });
  });

  it("sends to the link's recipients or to those given now, records the outbox by the platform clock, emits payment_link_sent", async () => {
    await emu.admin('/_emulator/v1/apps', { appId: 'gym-rewards', webhookUrl: 'http://127.0.0.1:9/none' });
    const kim = await contact('Kim', 'kim@example.com');
    const lee = await contact('Lee', 'lee@example.com');
    const id = (await create(ecomLink({ recipients: [{ contactId: kim, sendMethods: ['EMAIL_METHOD'] }] }))).body
      .paymentLink.id;
    expect((await emu.call(APP, 'POST', `${LINKS}/${id}/send`, { paymentLinkId: id })).status).toBe(200);
    await emu.admin('/_emulator/v1/clock', { advanceMs: 60_000 });
    const now = await emu.call(APP, 'POST', `${LINKS}/${id}/send`, {
      recipients: [{ contactId: lee, sendMethods: ['EMAIL_METHOD'] }],
    });
    expect(now.status).toBe(200);
    const { messages } = await emu.admin<{ messages: any[] }>('/_emulator/v1/outbox');
    expect(messages.map((m) => [m.to, m.sendMethod, m.sentAt, m.title, m.amount])).toEqual([
      ['lee@example.com', 'EMAIL_METHOD', '2026-03-01T09:01:00.000Z', 'Day pass', '15.00'],
      ['kim@example.com', 'EMAIL_METHOD', '2026-03-01T09:00:00.000Z', 'Day pass', '15.00'],
    ]);
    expect(messages[0].url).toBe(`${emu.url}/_emulator/pages/payment-links/${id}`);
    const { deliveries } = await emu.admin<{ deliveries: any[] }>('/_emulator/v1/webhooks');
    expect(deliveries.filter((d) => d.eventType === 'wix.paymentlinks.v1.payment_link_sent')).toHaveLength(2);
    const unknown = await emu.call(APP, 'POST', `${LINKS}/${id}/send`, {
      recipients: [{ contactId: crypto.randomUUID(), sendMethods: ['EMAIL_METHOD'] }],
    });
    expect(errorOf(unknown)).toMatchObject({
      status: 404,
      code: 'RECIPIENT_NOT_FOUND',
      field: 'recipients.0.contactId',
    });
    const bare = (await create(ecomLink())).body.paymentLink.id;
    expect(errorOf(await emu.call(APP, 'POST', `${LINKS}/${bare}/send`, {}))).toMatchObject({
      status: 400,
      field: 'recipients',
    });
    await emu.call(APP, 'POST', `${LINKS}/${id}/deactivate`, {});
    expect(errorOf(await emu.call(APP, 'POST', `${LINKS}/${id}/send`, {}))).toMatchObject({ status: 428 });
    expect((await emu.admin<{ messages: any[] }>('/_emulator/v1/outbox')).messages).toHaveLength(2);
  });
});
