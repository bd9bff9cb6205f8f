import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const APP: Identity = { type: 'APP', appId: 'gym-rewards-offering' };
const OWNER: Identity = { type: 'ADMIN' };

async function ok(identity: Identity, method: string, path: string, body?: unknown) {
  const answer = await emu.call(identity, method, path, body);
  if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A type with Pro (published), Legacy (published, no longer sold by the app) and Next (draft). */
async function catalog(name: string) {
  const { productType } = await ok(APP, 'POST', '/premium-product-catalog/v2/product-types', { productType: { name } });
  const { feature } = await ok(APP, 'POST', '/premium-feature-catalog/v2/features', {
    feature: { uniqueName: `${name}.tiers`, type: 'QUANTITY' },
  });
  const product = async (vendorProductId: string, status: string, amount: string) =>
    (
      await ok(APP, 'POST', '/premium-product-catalog/v2/products', {
        product: {
          productTypeId: productType.id,
          vendorProductId,
          name: vendorProductId,
          status,
          billingCycles: ['MONTHLY'],
          prices: [
            { currency: 'USD', cycle: 'MONTHLY', amount },
            { currency: 'EUR', cycle: 'MONTHLY', amount },
          ],
          features: [{ featureId: feature.id, quantity: 5 }],
        },
      })
    ).product;
  const pro = await product(`${name}-pro`, 'PUBLISHED', '10.00');
  const legacy = await product(`${name}-legacy`, 'PUBLISHED', '7.00');
  const next = await product(`${name}-next`, 'DRAFT', '12.00');
  const { displayAttributes } = await ok(APP, 'POST', '/display-manager/v2/display-attributes', {
    displayAttributes: {
      entityType: 'PRODUCT',
      entityId: pro.id,
      fields: { name: 'Pro', description: 'For growing gyms' },
    },
  });
  await ok(APP, 'POST', '/display-manager/v2/bulk/translatable-content/create', {
    translatableContents: [
      { displayAttributesId: displayAttributes.id, locale: 'de', fields: { description: 'Für wachsende Studios' } },
    ],
  });
  return { productType, feature, pro, legacy, next };
}

describe('dynamic offering', () => {
  it('Get Product Info answers prices with tax as the offering says, features and texts in the locale', async () => {
    const { pro, feature } = await catalog('offer-a');
    await emu.admin('/_emulator/v1/premium/tax', { name: 'VAT', rate: '0.21', included: false });
    const { productInfo } = await ok(
      OWNER,
      'GET',
      `/dynamic-offering/v1/product-info/${pro.id}?currency=EUR&locale=de`,
    );
    expect(productInfo).toMatchObject({
      productId: pro.id,
      vendorProductId: 'offer-a-pro',
      billingCycles: ['MONTHLY'],
    });
    expect(productInfo.prices).toEqual([
      {
        currency: 'EUR',
        cycle: 'MONTHLY',
        amount: '10.00',
        tax: { name: 'VAT', rate: '0.21', included: false, amount: '2.10' },
        total: '12.10',
      },
    ]);
    expect(productInfo.features).toEqual([
      {
        featureId: feature.id,
        uniqueName: 'offer-a.tiers',
        type: 'QUANTITY',
        quantity: 5,
        unlimited: false,
        displayAttributes: {},
      },
    ]);
    expect(productInfo.displayAttributes).toEqual({ name: 'Pro', description: 'Für wachsende Studios' });

    await emu.admin('/_emulator/v1/premium/tax', { name: 'VAT', rate: '0.21', included: true });
    const included = await ok(APP, 'GET', `/dynamic-offering/v1/product-info/${pro.id}?currency=USD`);
    expect(included.productInfo.prices[0]).toMatchObject({
      amount: '10.00',
      tax: { amount: '1.74', included: true },
      total: '10.00',
    });
    expect(included.productInfo.displayAttributes).toEqual({ name: 'Pro', description: 'For growing gyms' });
    await emu.admin('/_emulator/v1/premium/tax', { rate: '0' });
  });

  it('Get User Offering, without a dealer, answers every PUBLISHED product of the type (the app must filter), never drafts', async () => {
    const { productType, pro, legacy } = await catalog('offer-b');
    const { userOffering } = await ok(OWNER, 'POST', '/dynamic-offering/v1/user-offering', {
      productTypeId: productType.id,
      locale: 'de',
    });
    expect(userOffering).toMatchObject({
      productTypeId: productType.id,
      currency: 'USD',
      locale: 'de',
      supportedCurrencies: ['EUR', 'USD'],
    });
    expect(userOffering.products.map((p: { productId: string }) => p.productId)).toEqual([pro.id, legacy.id]);
    expect(userOffering.products[0].prices).toHaveLength(1);
    expect(userOffering.products[0].displayAttributes.description).toBe('Für wachsende Studios');
  });

  it('refuses the wrong callers and bad input with the field', async () => {
    const { productType, pro, next } = await catalog('offer-c');
    const call = async (identity: Identity, method: string, path: string, body?: unknown) => {
      const { status, body: answer } = await emu.call(identity, method, path, body);
      return {
        status,
        code: answer.details?.applicationError?.code,
        field: answer.details?.applicationError?.data?.field,
      };
    };
    expect(
      await call(APP, 'POST', '/dynamic-offering/v1/user-offering', { productTypeId: productType.id }),
    ).toMatchObject({ status: 403 });
    expect(
      await call({ type: 'MEMBER', memberId: 'm' }, 'GET', `/dynamic-offering/v1/product-info/${pro.id}`),
    ).toMatchObject({ status: 403 });
    expect(await call(OWNER, 'POST', '/dynamic-offering/v1/user-offering', { productTypeId: 'nope' })).toMatchObject({
      status: 400,
      field: 'productTypeId',
    });
    expect(
      await call(OWNER, 'POST', '/dynamic-offering/v1/user-offering', { productTypeId: crypto.randomUUID() }),
    ).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await call(OWNER, 'GET', `/dynamic-offering/v1/product-info/${next.id}`)).toMatchObject({ status: 404 });
    expect(await call(OWNER, 'GET', `/dynamic-offering/v1/product-info/${pro.id}?currency=eur`)).toMatchObject({
      status: 400,
      field: 'currency',
    });
    expect(
      await call({ type: 'APP', appId: 'other' }, 'GET', `/dynamic-offering/v1/product-info/${pro.id}`),
    ).toMatchObject({ status: 404 });
    const order = (body: unknown) => call(OWNER, 'POST', '/dynamic-offering/v1/order-pages', body);
    expect(await order({ productId: pro.id, cycle: 'YEARLY' })).toMatchObject({ status: 400, field: 'cycle' });
    expect(await order({ productId: pro.id, cycle: 'MONTHLY', currency: 'GBP' })).toMatchObject({
      status: 400,
      field: 'currency',
    });
    expect(await order({ productId: pro.id, cycle: 'MONTHLY', successUrl: 'javascript:alert(1)' })).toMatchObject({
      status: 400,
      field: 'successUrl',
    });
    expect(await order({ productId: next.id, cycle: 'MONTHLY' })).toMatchObject({ status: 404 });
    expect(
      await call(APP, 'POST', '/dynamic-offering/v1/order-pages', { productId: pro.id, cycle: 'MONTHLY' }),
    ).toMatchObject({ status: 403 });
  });

  it('in strict mode answers the offering newest first: its order is not documented, the app orders plans itself', async () => {
    const strict = await startTestEmulator({ strict: true });
    try {
      const as = async (identity: Identity, path: string, body: unknown) =>
        (await strict.call(identity, 'POST', path, body)).body;
      const { productType } = await as(APP, '/premium-product-catalog/v2/product-types', {
        productType: { name: 'strict' },
      });
      const ids: string[] = [];
      for (const vendorProductId of ['first', 'second']) {
        const { product } = await as(APP, '/premium-product-catalog/v2/products', {
          product: {
            productTypeId: productType.id,
            vendorProductId,
            name: vendorProductId,
            status: 'PUBLISHED',
            billingCycles: ['MONTHLY'],
            prices: [{ currency: 'USD', cycle: 'MONTHLY', amount: '1' }],
          },
        });
        ids.push(product.id);
      }
      const { userOffering } = await as(OWNER, '/dynamic-offering/v1/user-offering', { productTypeId: productType.id });
      expect(userOffering.products.map((p: { productId: string }) => p.productId)).toEqual([...ids].reverse());
    } finally {
      await strict.close();
    }
  });
});
