import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const APP: Identity = { type: 'APP', appId: 'gym-rewards-catalog' };
const OTHER_APP: Identity = { type: 'APP', appId: 'someone-else' };
const OWNER: Identity = { type: 'ADMIN' };
const MEMBER: Identity = { type: 'MEMBER', memberId: 'member-1' };

async function ok(identity: Identity, method: string, path: string, body?: unknown) {
  const answer = await emu.call(identity, method, path, body);
  if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
const refusal = async (identity: Identity | null, method: string, path: string, body?: unknown) => {
  const answer = await emu.call(identity, method, path, body);
  return {
    status: answer.status,
    code: answer.body.details?.applicationError?.code,
    field: answer.body.details?.applicationError?.data?.field,
  };
};

/** A type with a boolean and a quantity feature, and a published Pro plan in USD and EUR. */
async function setUp(name: string) {
  const { productType } = await ok(APP, 'POST', '/premium-product-catalog/v2/product-types', { productType: { name } });
  const { feature: links } = await ok(APP, 'POST', '/premium-feature-catalog/v2/features', {
    feature: { uniqueName: `${name}.payment-links`, type: 'BOOLEAN' },
  });
  const { feature: members } = await ok(APP, 'POST', '/premium-feature-catalog/v2/features', {
    feature: { uniqueName: `${name}.members`, type: 'QUANTITY', unit: 'members' },
  });
  const { product } = await ok(APP, 'POST', '/premium-product-catalog/v2/products', {
    product: {
      productTypeId: productType.id,
      vendorProductId: `${name}-pro`,
      name: 'Pro',
      status: 'PUBLISHED',
      billingCycles: ['MONTHLY', 'YEARLY'],
      prices: [
        { currency: 'USD', cycle: 'MONTHLY', amount: '10.00' },
        { currency: 'USD', cycle: 'YEARLY', amount: '100.00' },
        { currency: 'EUR', cycle: 'MONTHLY', amount: '9.00' },
        { currency: 'EUR', cycle: 'YEARLY', amount: '90.00' },
      ],
      features: [{ featureId: links.id }, { featureId: members.id, unlimited: true }],
    },
  });
  return { productType, links, members, product };
}

describe('premium catalog: the setup flow', () => {
  it('creates type, family, features and a product; a rerun is refused by key with the existing id, and finds it by query', async () => {
    const { productType, product } = await setUp('plans-a');
    expect(product).toMatchObject({ vendorProductId: 'plans-a-pro', status: 'PUBLISHED', revision: '1' });
    const { productFamily } = await ok(APP, 'POST', '/premium-product-catalog/v2/product-families', {
      productFamily: { productTypeId: productType.id, name: 'Gym plans' },
    });
    expect(productFamily.productTypeId).toBe(productType.id);

    const again = await emu.call(APP, 'POST', '/premium-product-catalog/v2/product-types', {
      productType: { name: 'plans-a' },
    });
    expect(again.status).toBe(409);
    expect(again.body.details.applicationError).toMatchObject({
      code: 'ALREADY_EXISTS',
      data: { id: productType.id, field: 'productType.name' },
    });

    const found = await ok(APP, 'POST', '/premium-product-catalog/v2/products/query', {
      query: { filter: { vendorProductId: 'plans-a-pro' } },
    });
    expect(found.products.map((p: { id: string }) => p.id)).toEqual([product.id]);
    // Another app sees nothing of this app's catalog, and may reuse its names.
    const foreign = await ok(OTHER_APP, 'POST', '/premium-product-catalog/v2/products/query', { query: {} });
    expect(foreign.products).toEqual([]);
    await ok(OTHER_APP, 'POST', '/premium-product-catalog/v2/product-types', { productType: { name: 'plans-a' } });
    expect((await refusal(OTHER_APP, 'GET', `/premium-product-catalog/v2/products/${product.id}`)).status).toBe(404);
  });

  it('two setups racing create one entity: the others are 409 ALREADY_EXISTS naming it', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        emu.call(APP, 'POST', '/premium-product-catalog/v2/product-types', { productType: { name: 'raced' } }),
      ),
    );
    const created = answers.filter((a) => a.status === 200);
    expect(created).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(4);
    for (const answer of refused)
      expect(answer.body.details.applicationError.data.id).toBe(created[0]?.body.productType.id);
    const all = await ok(APP, 'POST', '/premium-product-catalog/v2/product-types/query', {
      query: { filter: { name: 'raced' } },
    });
    expect(all.productTypes).toHaveLength(1);
  });

  it('updates what changed with the revision; a stale revision and a key change are refused', async () => {
    const { product } = await setUp('plans-b');
    const path = `/premium-product-catalog/v2/products/${product.id}`;
    const prices = product.prices.map((p: { amount: string; cycle: string; currency: string }) =>
      p.currency === 'USD' && p.cycle === 'MONTHLY' ? { ...p, amount: '12.00' } : p,
    );
    const { product: updated } = await ok(APP, 'PATCH', path, { product: { revision: '1', prices } });
    expect(updated).toMatchObject({ revision: '2', name: 'Pro' });
    expect(updated.prices).toContainEqual({ currency: 'USD', cycle: 'MONTHLY', amount: '12.00' });
    expect(await refusal(APP, 'PATCH', path, { product: { revision: '1', name: 'Pro+' } })).toMatchObject({
      status: 409,
      code: 'ABORTED',
    });
    expect(await refusal(APP, 'PATCH', path, { product: { revision: '2', vendorProductId: 'x' } })).toMatchObject({
      status: 400,
      field: 'product.vendorProductId',
    });
    expect(await refusal(APP, 'PATCH', path, { product: { name: 'Pro+' } })).toMatchObject({
      status: 400,
      field: 'product.revision',
    });
    expect((await ok(APP, 'GET', path)).product).toMatchObject({ revision: '2', name: 'Pro' });
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const { productType, links, members } = await setUp('plans-c');
    const base = {
      productTypeId: productType.id,
      vendorProductId: 'plans-c-basic',
      name: 'Basic',
      status: 'PUBLISHED',
      billingCycles: ['MONTHLY'],
      prices: [{ currency: 'USD', cycle: 'MONTHLY', amount: '5.00' }],
    };
    const create = (product: unknown) => refusal(APP, 'POST', '/premium-product-catalog/v2/products', { product });
    expect(await create({ ...base, name: '' })).toMatchObject({ status: 400, field: 'product.name' });
    expect(await create({ ...base, prices: [{ currency: 'usd', cycle: 'MONTHLY', amount: '5' }] })).toMatchObject({
      field: 'product.prices.0.currency',
    });
    expect(await create({ ...base, prices: [{ currency: 'USD', cycle: 'MONTHLY', amount: '-5' }] })).toMatchObject({
      field: 'product.prices.0.amount',
    });
    expect(await create({ ...base, prices: [{ currency: 'USD', cycle: 'YEARLY', amount: '5' }] })).toMatchObject({
      field: 'product.prices.0.cycle',
    });
    expect(await create({ ...base, billingCycles: ['MONTHLY', 'YEARLY'] })).toMatchObject({ field: 'product.prices' });
    expect(await create({ ...base, prices: [] })).toMatchObject({ field: 'product.prices' });
    expect(await create({ ...base, billingCycles: ['WEEKLY'] })).toMatchObject({ field: 'product.billingCycles.0' });
    expect(await create({ ...base, productTypeId: crypto.randomUUID() })).toMatchObject({
      field: 'product.productTypeId',
    });
    expect(await create({ ...base, features: [{ featureId: links.id, quantity: 3 }] })).toMatchObject({
      field: 'product.features.0.quantity',
    });
    expect(await create({ ...base, features: [{ featureId: members.id }] })).toMatchObject({
      field: 'product.features.0.quantity',
    });
    expect(await create({ ...base, features: [{ featureId: members.id, quantity: 1.5 }] })).toMatchObject({
      field: 'product.features.0.quantity',
    });
    expect(await create({ ...base, features: [{ featureId: crypto.randomUUID() }] })).toMatchObject({
      field: 'product.features.0.featureId',
    });
    expect(
      await refusal(APP, 'POST', '/premium-feature-catalog/v2/features', {
        feature: { uniqueName: 'Bad Name', type: 'BOOLEAN' },
      }),
    ).toMatchObject({
      status: 400,
      field: 'feature.uniqueName',
    });
    expect(await refusal(APP, 'POST', '/premium-product-catalog/v2/product-types', {})).toMatchObject({
      status: 400,
      field: 'productType',
    });
    const none = await ok(APP, 'POST', '/premium-product-catalog/v2/products/query', {
      query: { filter: { vendorProductId: 'plans-c-basic' } },
    });
    expect(none.products).toEqual([]);
  });

  it("is the app identity's: an owner, a member or no token is refused", async () => {
    const body = { productType: { name: 'plans-d' } };
    expect(await refusal(OWNER, 'POST', '/premium-product-catalog/v2/product-types', body)).toMatchObject({
      status: 403,
      code: 'PERMISSION_DENIED',
    });
    expect(await refusal(MEMBER, 'POST', '/premium-product-catalog/v2/product-types', body)).toMatchObject({
      status: 403,
    });
    expect(await refusal({ type: 'APP' }, 'POST', '/premium-product-catalog/v2/product-types', body)).toMatchObject({
      status: 403,
    });
    expect(await refusal(null, 'POST', '/premium-product-catalog/v2/product-types', body)).toMatchObject({
      status: 401,
    });
  });
});

describe('premium display manager: display attributes and translations', () => {
  it('creates attributes for every entity kind and translations in one bulk call; a rerun fails per item, bulk update changes them', async () => {
    const { productType, links, product } = await setUp('plans-e');
    const attributes = async (entityType: string, entityId: string, fields: Record<string, string>) =>
      (
        await ok(APP, 'POST', '/display-manager/v2/display-attributes', {
          displayAttributes: { entityType, entityId, fields },
        })
      ).displayAttributes;
    const type = await attributes('PRODUCT_TYPE', productType.id, { name: 'Gym Rewards plans' });
    const offering = await attributes('USER_OFFERING', productType.id, {
      name: 'Choose your plan',
      subtitle: 'Cancel any time',
    });
    const pro = await attributes('PRODUCT', product.id, { name: 'Pro', description: 'For growing gyms' });
    const feature = await attributes('FEATURE', links.id, { name: 'Payment links' });
    expect(pro).toMatchObject({ locale: 'en', entityType: 'PRODUCT', entityId: product.id });
    expect(
      await refusal(APP, 'POST', '/display-manager/v2/display-attributes', {
        displayAttributes: { entityType: 'PRODUCT', entityId: product.id, fields: { name: 'Again' } },
      }),
    ).toMatchObject({
      status: 409,
      code: 'ALREADY_EXISTS',
    });
    expect(
      await refusal(APP, 'POST', '/display-manager/v2/display-attributes', {
        displayAttributes: { entityType: 'FEATURE', entityId: product.id, fields: { name: 'x' } },
      }),
    ).toMatchObject({
      status: 400,
      field: 'displayAttributes.entityId',
    });
    expect(
      await refusal(APP, 'POST', '/display-manager/v2/display-attributes', {
        displayAttributes: { entityType: 'FEATURE', entityId: links.id, fields: {} },
      }),
    ).toMatchObject({
      status: 400,
      field: 'displayAttributes.fields',
    });

    const translations = [
      { displayAttributesId: type.id, locale: 'de', fields: { name: 'Gym-Rewards-Tarife' } },
      {
        displayAttributesId: offering.id,
        locale: 'de',
        fields: { name: 'Wähle deinen Tarif', subtitle: 'Jederzeit kündbar' },
      },
      { displayAttributesId: pro.id, locale: 'de', fields: { name: 'Pro', description: 'Für wachsende Studios' } },
      { displayAttributesId: feature.id, locale: 'de', fields: { name: 'Zahlungslinks' } },
    ];
    const first = await ok(APP, 'POST', '/display-manager/v2/bulk/translatable-content/create', {
      translatableContents: translations,
    });
    expect(first.bulkActionMetadata).toMatchObject({ totalSuccesses: 4, totalFailures: 0 });
    const rerun = await ok(APP, 'POST', '/display-manager/v2/bulk/translatable-content/create', {
      translatableContents: [
        ...translations.slice(0, 1),
        { displayAttributesId: pro.id, locale: 'de', fields: { slogan: 'x' } },
      ],
    });
    expect(
      rerun.results.map(
        (r: { itemMetadata: { error?: { code: string; data: { field: string } } } }) =>
          r.itemMetadata.error?.data.field,
      ),
    ).toEqual(['translatableContents.0.displayAttributesId', 'translatableContents.1.fields.slogan']);
    expect(rerun.results[0].itemMetadata.error.code).toBe('ALREADY_EXISTS');

    const stored = await ok(APP, 'POST', '/display-manager/v2/translatable-content/query', {
      query: { filter: { displayAttributesId: pro.id } },
    });
    expect(stored.translatableContents).toHaveLength(1);
    const [german] = stored.translatableContents;
    const updated = await ok(APP, 'POST', '/display-manager/v2/bulk/translatable-content/update', {
      translatableContents: [
        {
          translatableContent: {
            id: german.id,
            revision: german.revision,
            fields: { name: 'Pro', description: 'Für Studios, die wachsen' },
          },
        },
      ],
    });
    expect(updated.results[0].item).toMatchObject({
      revision: '2',
      fields: { description: 'Für Studios, die wachsen' },
    });
  });
});
