import { catalogVersioning, productsV3 } from '@wix/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, dotR } from '../../testing/callers.ts';
import { startTestEmulator, type TestEmulator } from '../../testing/index.ts';
import { PRODUCTS, productInput } from './product-fixture.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const modules = { productsV3, catalogVersioning };

describe('validation of what Wix requires', () => {
  const post = (body: unknown) => emu.call(APP, 'POST', PRODUCTS, body);
  const violation = async (body: unknown) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    return response.body.details.applicationError as { code: string; data: { field: string; reason: string } };
  };

  it('names the missing or invalid field with a 400 and creates nothing', async () => {
    const before = (await emu.call(APP, 'GET', `${PRODUCTS}/count?${dotR({ returnNonVisibleProducts: true })}`)).body
      .count;
    const base = productInput('Valid name');
    expect(await violation({})).toMatchObject({
      code: 'INVALID_ARGUMENT',
      data: { field: 'product', reason: 'is required' },
    });
    expect(await violation({ product: { ...base, name: undefined } })).toMatchObject({
      data: { field: 'product.name', reason: 'is required' },
    });
    expect(await violation({ product: { ...base, name: 'n'.repeat(81) } })).toMatchObject({
      data: { field: 'product.name', reason: 'must be at most 80 characters' },
    });
    expect(await violation({ product: { ...base, productType: undefined } })).toMatchObject({
      data: { field: 'product.productType', reason: 'is required' },
    });
    expect((await violation({ product: { ...base, productType: 'SERVICE' } })).data.field).toBe('product.productType');
    expect(await violation({ product: { ...base, variantsInfo: undefined } })).toMatchObject({
      data: { field: 'product.variantsInfo', reason: 'is required' },
    });
    expect(await violation({ product: { ...base, variantsInfo: { variants: [] } } })).toMatchObject({
      data: { field: 'product.variantsInfo.variants', reason: 'must not be empty' },
    });
    expect(await violation({ product: { ...base, variantsInfo: { variants: [{}] } } })).toMatchObject({
      data: { field: 'product.variantsInfo.variants.0.price', reason: 'is required' },
    });
    expect(await violation({ product: { ...base, variantsInfo: { variants: [{ price: {} }] } } })).toMatchObject({
      data: { field: 'product.variantsInfo.variants.0.price.actualPrice', reason: 'is required' },
    });
    for (const amount of ['-1', 'abc', '1.2345', '1000000000']) {
      const error = await violation({
        product: { ...base, variantsInfo: { variants: [{ price: { actualPrice: { amount } } }] } },
      });
      expect(error.data.field, amount).toBe('product.variantsInfo.variants.0.price.actualPrice.amount');
    }
    expect(await violation({ product: { ...base, physicalProperties: undefined } })).toMatchObject({
      data: { field: 'product.physicalProperties' },
    });
    expect(
      (await violation({ product: { ...base, media: { itemsInfo: { items: [{ url: 'not a url' }] } } } })).data.field,
    ).toBe('product.media.itemsInfo.items.0.url');
    expect((await post('{"product": ')).status).toBe(400);
    const after = (await emu.call(APP, 'GET', `${PRODUCTS}/count?${dotR({ returnNonVisibleProducts: true })}`)).body
      .count;
    expect(after).toBe(before);
  });

  it('accepts a digital product without physical properties and keeps it out of POS', async () => {
    const response = await post({
      product: {
        name: 'Workout plan PDF',
        productType: 'DIGITAL',
        variantsInfo: { variants: [{ price: { actualPrice: { amount: 9 } } }] },
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.product).toMatchObject({ productType: 'DIGITAL', visibleInPos: false });
    expect(response.body.product.actualPriceRange.minValue.amount).toBe('9');
    expect(response.body.product.physicalProperties).toBeUndefined();
  });

  it('requires a revision on update and keeps productType immutable', async () => {
    const created = (await post({ product: productInput('Immutable type') })).body.product;
    const missing = await emu.call(APP, 'PATCH', `${PRODUCTS}/${created.id}`, { product: { name: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.details.applicationError.data.field).toBe('product.revision');
    const typeChange = await emu.call(APP, 'PATCH', `${PRODUCTS}/${created.id}`, {
      product: { revision: '1', productType: 'DIGITAL' },
    });
    expect(typeChange.status).toBe(400);
    expect(typeChange.body.details.applicationError.data.field).toBe('product.productType');
    const mismatch = await emu.call(APP, 'PATCH', `${PRODUCTS}/${created.id}`, {
      product: { id: 'other', revision: '1' },
    });
    expect(mismatch.status).toBe(400);
  });
});

describe('bulkCreateProducts', () => {
  it('answers one result per item, creates the valid ones and reports the failed ones', async () => {
    const app = await emu.client(APP, modules);
    const response = await app.productsV3.bulkCreateProducts(
      [
        productInput('Bulk A', '1', { slug: 'bulk-a' }),
        productInput('Bulk B', '2', { slug: 'bulk-a' }),
        productInput('Bulk C', '3', {
          variantsInfo: {
            variants: [{ price: { actualPrice: { amount: '3' } } }, { price: { actualPrice: { amount: '4' } } }],
          },
        }),
        productInput('Bulk D', '4'),
      ],
      { returnEntity: true },
    );
    expect(response.bulkActionMetadata).toEqual({ totalSuccesses: 2, totalFailures: 2, undetailedFailures: 0 });
    expect(response.results!.map((r) => [r.itemMetadata?.originalIndex, r.itemMetadata?.success])).toEqual([
      [0, true],
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(response.results![1]?.itemMetadata?.error).toMatchObject({ code: 'DUPLICATE_SLUG_ERROR' });
    expect(response.results![2]?.itemMetadata?.error).toMatchObject({ code: 'INVALID_DEFAULT_VARIANT' });
    expect(response.results![0]?.item).toMatchObject({ name: 'Bulk A', slug: 'bulk-a' });
    expect(response.results![0]?.itemMetadata?._id).toBe(response.results![0]?.item?._id);
    const stored = await app.productsV3.queryProducts().startsWith('slug', 'bulk-').find();
    expect(stored.items.map((p) => p.name).sort()).toEqual(['Bulk A', 'Bulk D']);

    const withoutEntities = await app.productsV3.bulkCreateProducts([productInput('Bulk E')]);
    expect(withoutEntities.results![0]?.item).toBeUndefined();
    expect(withoutEntities.results![0]?.itemMetadata?._id).toBeTruthy();
  });

  it('refuses a malformed request as a whole: empty, over 100 products, or a product missing a required field', async () => {
    const path = '/stores/v3/bulk/products/create';
    expect((await emu.call(APP, 'POST', path, { products: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 101 }, (_, i) => productInput(`Too many ${i}`));
    expect((await emu.call(APP, 'POST', path, { products: tooMany })).status).toBe(400);
    const response = await emu.call(APP, 'POST', path, {
      products: [productInput('Whole request'), { ...productInput('No type'), productType: undefined }],
    });
    expect(response.status).toBe(400);
    expect(response.body.details.applicationError.data.field).toBe('products.1.productType');
    const app = await emu.client(APP, modules);
    expect((await app.productsV3.queryProducts().eq('slug', 'whole-request').find()).items).toHaveLength(0);
  });
});
