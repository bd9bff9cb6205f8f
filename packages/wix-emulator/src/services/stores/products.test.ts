import { catalogVersioning, productsV3 } from '@wix/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { errorOf, startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const modules = { productsV3, catalogVersioning };
const APP: Identity = { type: 'APP', appId: 'gym-rewards' };
const ADMIN: Identity = { type: 'ADMIN' };
const MEMBER: Identity = { type: 'MEMBER', memberId: '5b0a1c1e-0000-4000-8000-000000000001' };
const VISITOR: Identity = { type: 'VISITOR' };

/** A simple product as the V3 API wants it: name, type, physical properties and one priced default variant. */
const productInput = (name: string, amount = '10', extra: Record<string, unknown> = {}): any => ({
  name,
  productType: 'PHYSICAL',
  physicalProperties: {},
  variantsInfo: { variants: [{ price: { actualPrice: { amount } } }] },
  ...extra,
});

/** Wix's encoding of complex GET input. */
const dotR = (input: unknown) => `.r=${Buffer.from(JSON.stringify(input)).toString('base64url')}`;

const PRODUCTS = '/stores/v3/products';

describe('productsV3 through the SDK', () => {
  it('creates, gets, queries, updates and deletes a product with its image and price', async () => {
    const app = await emu.client(APP, modules);
    const created = await app.productsV3.createProduct(
      productInput('Protein Bar', '2.50', {
        media: { itemsInfo: { items: [{ url: 'https://cdn.example.com/bar.jpg', altText: 'A bar' }] } },
        plainDescription: '<p>Chocolate and peanuts</p>',
        variantsInfo: { variants: [{ sku: 'BAR-1', price: { actualPrice: { amount: '2.50' } } }] },
      }),
      { fields: ['CURRENCY', 'PLAIN_DESCRIPTION', 'URL'] } as any,
    );
    expect(created).toMatchObject({
      name: 'Protein Bar',
      slug: 'protein-bar',
      visible: true,
      revision: '1',
      productType: 'PHYSICAL',
      currency: 'USD',
      plainDescription: '<p>Chocolate and peanuts</p>',
      actualPriceRange: { minValue: { amount: '2.50', formattedAmount: '$2.50' }, maxValue: { amount: '2.50' } },
      media: { main: { image: 'https://cdn.example.com/bar.jpg', mediaType: 'IMAGE', altText: 'A bar' } },
      variantSummary: { variantCount: 1 },
      inventory: { availabilityStatus: 'IN_STOCK' },
    });
    expect(created._id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created._createdDate).toBeInstanceOf(Date);
    expect(created.url).toContain('/product-page/protein-bar');
    expect(created.variantsInfo?.variants?.[0]).toMatchObject({ sku: 'BAR-1', choices: [], visible: true });

    const got = await app.productsV3.getProduct(created._id!);
    expect(got.name).toBe('Protein Bar');
    expect(got.plainDescription).toBeUndefined(); // returned only when asked for
    expect(got.currency).toBeUndefined();
    expect(got.media?.itemsInfo).toBeUndefined();
    const withItems = await app.productsV3.getProduct(created._id!, { fields: ['MEDIA_ITEMS_INFO'] } as any);
    expect(withItems.media?.itemsInfo?.items).toHaveLength(1);

    const found = await app.productsV3.queryProducts().eq('_id', created._id).find();
    expect(found.items.map((p) => p.name)).toEqual(['Protein Bar']);
    expect(found.items[0]?.variantsInfo).toBeUndefined(); // Query Products returns no variant data
    expect(found.items[0]?.actualPriceRange?.minValue?.amount).toBe('2.50');

    const updated = await app.productsV3.updateProduct(created._id!, {
      revision: created.revision!,
      name: 'Protein Bar XL',
      visible: false,
    } as any);
    expect(updated).toMatchObject({ revision: '2', name: 'Protein Bar XL', slug: 'protein-bar', visible: false });
    expect(updated.variantsInfo?.variants?.[0]?.visible).toBe(false); // the default variant follows the product
    expect(updated.variantsInfo?.variants?.[0]?._id).toBe(created.variantsInfo?.variants?.[0]?._id);
    expect(updated.media?.main?.image).toBe('https://cdn.example.com/bar.jpg');

    expect(
      await errorOf(app.productsV3.updateProduct(created._id!, { revision: '1', name: 'stale' } as any)),
    ).toMatchObject({ status: 409, code: 'ABORTED' });

    const repriced = await app.productsV3.updateProduct(created._id!, {
      revision: updated.revision!,
      variantsInfo: {
        variants: [
          {
            _id: updated.variantsInfo!.variants![0]!._id,
            price: { actualPrice: { amount: '3' }, compareAtPrice: { amount: '4' } },
          },
        ],
      },
    } as any);
    expect(repriced.actualPriceRange?.minValue?.amount).toBe('3');
    expect(repriced.compareAtPriceRange?.maxValue?.amount).toBe('4');
    expect(repriced.variantsInfo?.variants?.[0]?._id).toBe(created.variantsInfo?.variants?.[0]?._id);

    await app.productsV3.deleteProduct(created._id!);
    expect(await errorOf(app.productsV3.getProduct(created._id!))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await errorOf(app.productsV3.deleteProduct(created._id!))).toMatchObject({ status: 404 });
    expect(
      await errorOf(app.productsV3.updateProduct(created._id!, { revision: '3', name: 'gone' } as any)),
    ).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('makes slugs unique from the name, refuses a taken slug or SKU with 409, and counts visible products', async () => {
    const app = await emu.client(ADMIN, modules);
    const first = await app.productsV3.createProduct(productInput('Shaker Bottle'));
    const second = await app.productsV3.createProduct(productInput('Shaker Bottle'));
    expect([first.slug, second.slug]).toEqual(['shaker-bottle', 'shaker-bottle-1']);
    expect(
      await errorOf(app.productsV3.createProduct(productInput('Other', '1', { slug: 'shaker-bottle' }))),
    ).toMatchObject({ status: 409, code: 'DUPLICATE_SLUG_ERROR', data: { slug: 'shaker-bottle' } });
    await app.productsV3.createProduct(
      productInput('Towel', '5', {
        variantsInfo: { variants: [{ sku: 'TOWEL', price: { actualPrice: { amount: '5' } } }] },
      }),
    );
    expect(
      await errorOf(
        app.productsV3.createProduct(
          productInput('Towel 2', '5', {
            variantsInfo: { variants: [{ sku: 'TOWEL', price: { actualPrice: { amount: '5' } } }] },
          }),
        ),
      ),
    ).toMatchObject({ status: 409, code: 'SKU_ALREADY_EXIST_ERROR' });
    expect(
      await errorOf(app.productsV3.updateProduct(second._id!, { revision: '1', slug: 'shaker-bottle' } as any)),
    ).toMatchObject({ status: 409, code: 'DUPLICATE_SLUG_ERROR' });
    const renamed = await app.productsV3.updateProduct(second._id!, { revision: '1', slug: 'shaker-2' } as any);
    expect(renamed.slug).toBe('shaker-2');

    const hidden = await app.productsV3.createProduct(productInput('Hidden count', '1', { visible: false }));
    const visibleCount = (await app.productsV3.countProducts()).count;
    const allCount = (await app.productsV3.countProducts({ returnNonVisibleProducts: true })).count;
    expect(allCount).toBe(visibleCount! + 1);
    expect((await app.productsV3.countProducts({ filter: { slug: { $startsWith: 'shaker' } } })).count).toBe(2);
    await app.productsV3.deleteProduct(hidden._id!);
  });

  it('builds variants from options and checks that every variant names one choice of each option', async () => {
    const app = await emu.client(APP, modules);
    const size = {
      name: 'Size',
      optionRenderType: 'TEXT_CHOICES',
      choicesSettings: {
        choices: [
          { name: 'M', choiceType: 'CHOICE_TEXT' },
          { name: 'L', choiceType: 'CHOICE_TEXT' },
        ],
      },
    };
    const variant = (choice: string, amount: string) => ({
      choices: [{ optionChoiceNames: { optionName: 'Size', choiceName: choice, renderType: 'TEXT_CHOICES' } }],
      price: { actualPrice: { amount } },
    });
    const shirt = await app.productsV3.createProduct(
      productInput('Gym Shirt', '20', {
        options: [size],
        variantsInfo: { variants: [variant('M', '20'), variant('L', '24')] },
      }),
      { fields: ['VARIANT_OPTION_CHOICE_NAMES'] } as any,
    );
    expect(shirt.options?.[0]).toMatchObject({ name: 'Size', optionRenderType: 'TEXT_CHOICES', key: 'size' });
    expect(shirt.actualPriceRange).toMatchObject({ minValue: { amount: '20' }, maxValue: { amount: '24' } });
    expect(shirt.variantSummary?.variantCount).toBe(2);
    const [m, l] = shirt.options![0]!.choicesSettings!.choices!;
    expect(shirt.variantsInfo?.variants?.map((v) => v.choices?.[0]?.optionChoiceIds?.choiceId)).toEqual([
      m?.choiceId,
      l?.choiceId,
    ]);
    expect(shirt.variantsInfo?.variants?.[1]?.choices?.[0]?.optionChoiceNames?.choiceName).toBe('L');

    const failures: Array<[any, string]> = [
      [
        {
          options: [size],
          variantsInfo: { variants: [variant('M', '1'), { price: { actualPrice: { amount: '1' } } }] },
        },
        'MISSING_VARIANT_OPTION_CHOICE',
      ],
      [{ options: [size], variantsInfo: { variants: [variant('XL', '1')] } }, 'VARIANTS_ARE_NOT_ALIGNED_WITH_PRODUCT'],
      [
        { options: [size], variantsInfo: { variants: [variant('M', '1'), variant('M', '2')] } },
        'DUPLICATE_VARIANT_OPTION_CHOICE',
      ],
      [{ options: [size, size], variantsInfo: { variants: [variant('M', '1')] } }, 'DUPLICATE_PRODUCT_OPTIONS'],
      [
        { options: [{ ...size, optionRenderType: undefined }], variantsInfo: { variants: [variant('M', '1')] } },
        'PRODUCT_OPTION_NAME_AND_TYPE_REQUIRED',
      ],
      [
        {
          variantsInfo: {
            variants: [{ price: { actualPrice: { amount: '1' } } }, { price: { actualPrice: { amount: '2' } } }],
          },
        },
        'INVALID_DEFAULT_VARIANT',
      ],
      [
        { variantsInfo: { variants: [{ price: { actualPrice: { amount: '5' }, compareAtPrice: { amount: '4' } } }] } },
        'COMPARE_AT_PRICE_LOWER_THAN_ACTUAL_PRICE',
      ],
      [{ name: '   ' }, 'ONLY_SPACES_STRING_ERROR'],
    ];
    for (const [extra, code] of failures) {
      expect(await errorOf(app.productsV3.createProduct(productInput('Broken shirt', '1', extra))), code).toMatchObject(
        {
          status: 400,
          code,
        },
      );
    }
    expect((await app.productsV3.queryProducts().startsWith('slug', 'broken').find()).items).toHaveLength(0);
  });
});

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

describe('queryProducts', () => {
  const pagedIds: string[] = [];

  beforeAll(async () => {
    const app = await emu.client(APP, modules);
    // 230 products in bulk calls of at most 100, some hidden.
    for (const start of [0, 100, 200]) {
      const count = Math.min(100, 230 - start);
      const response = await app.productsV3.bulkCreateProducts(
        Array.from({ length: count }, (_, i) => {
          const n = start + i;
          return productInput(`Paged ${String(n).padStart(3, '0')}`, String(n), {
            slug: `paged-${String(n).padStart(3, '0')}`,
            visible: n % 10 !== 0,
          });
        }),
      );
      expect(response.bulkActionMetadata?.totalSuccesses).toBe(count);
      pagedIds.push(...response.results!.map((r) => r.itemMetadata!._id!));
    }
  });

  it('pages through more than 100 products with cursors: default 50, at most 100, cursor-only follow-ups', async () => {
    const app = await emu.client(APP, modules);
    const first = await app.productsV3.queryProducts().startsWith('slug', 'paged-').ascending('slug').find();
    expect(first.items).toHaveLength(50);
    expect(first.hasNext()).toBe(true);

    const seen: string[] = [];
    let page = await app.productsV3.queryProducts().startsWith('slug', 'paged-').ascending('slug').limit(100).find();
    seen.push(...page.items.map((p) => p.slug!));
    while (page.hasNext()) {
      page = await page.next();
      seen.push(...page.items.map((p) => p.slug!));
    }
    expect(seen).toHaveLength(230);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(230);

    // The raw wire: the follow-up request carries only the cursor.
    const raw = await emu.call(
      APP,
      'GET',
      `${PRODUCTS}/query?${dotR({ query: { filter: { slug: { $startsWith: 'paged-' } }, sort: [{ fieldName: 'slug', order: 'DESC' }], cursorPaging: { limit: 100 } } })}`,
    );
    expect(raw.status).toBe(200);
    expect(raw.body.products[0].slug).toBe('paged-229');
    expect(raw.body.pagingMetadata).toMatchObject({ count: 100, hasNext: true });
    const next = await emu.call(
      APP,
      'GET',
      `${PRODUCTS}/query?${dotR({ query: { cursorPaging: { cursor: raw.body.pagingMetadata.cursors.next, limit: 100 } } })}`,
    );
    expect(next.body.products[0].slug).toBe('paged-129');
    expect(next.body.pagingMetadata.cursors.prev).toBeTruthy();
    const last = await emu.call(
      APP,
      'GET',
      `${PRODUCTS}/query?${dotR({ query: { cursorPaging: { cursor: next.body.pagingMetadata.cursors.next, limit: 100 } } })}`,
    );
    expect(last.body.pagingMetadata).toMatchObject({ count: 30, hasNext: false });

    const withFilter = await emu.call(
      APP,
      'GET',
      `${PRODUCTS}/query?${dotR({ query: { filter: { visible: true }, cursorPaging: { cursor: raw.body.pagingMetadata.cursors.next } } })}`,
    );
    expect(withFilter.status).toBe(400);
    const tooBig = await emu.call(APP, 'GET', `${PRODUCTS}/query?${dotR({ query: { cursorPaging: { limit: 101 } } })}`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.details.applicationError.data.field).toBe('query.cursorPaging.limit');
  });

  it('supports the filter operators on the filterable fields and refuses other fields', async () => {
    const app = await emu.client(APP, modules);
    const some = pagedIds.slice(0, 3);
    expect((await app.productsV3.queryProducts().in('_id', some).find()).items.map((p) => p._id).sort()).toEqual(
      [...some].sort(),
    );
    const query = async (filter: unknown, sort?: unknown) => {
      const response = await emu.call(
        APP,
        'GET',
        `${PRODUCTS}/query?${dotR({ query: { filter, sort: sort ?? [{ fieldName: 'slug', order: 'ASC' }], cursorPaging: { limit: 100 } } })}`,
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.products.map((p: { slug: string }) => p.slug) as string[];
    };
    expect(await query({ slug: { $in: ['paged-001', 'paged-002', 'nope'] } })).toEqual(['paged-001', 'paged-002']);
    expect(await query({ $and: [{ slug: { $startsWith: 'paged-00' } }, { visible: false }] })).toEqual(['paged-000']);
    expect(await query({ $and: [{ slug: { $startsWith: 'paged-01' } }, { visible: { $ne: true } }] })).toEqual([
      'paged-010',
    ]);
    expect(
      await query({ $or: [{ slug: 'paged-003' }, { slug: 'paged-007' }] }, [{ fieldName: 'slug', order: 'DESC' }]),
    ).toEqual(['paged-007', 'paged-003']);
    expect(
      await query({ $and: [{ slug: { $startsWith: 'paged-00' } }, { $not: { slug: { $lt: 'paged-008' } } }] }),
    ).toEqual(['paged-008', 'paged-009']);
    expect(await query({ $and: [{ slug: { $gte: 'paged-228' } }, { slug: { $lte: 'paged-229' } }] })).toEqual([
      'paged-228',
      'paged-229',
    ]);
    expect(await query({ slug: { $endsWith: '-229' }, handle: { $exists: true } })).toEqual(['paged-229']);
    const created = await app.productsV3.getProduct(pagedIds[5]!);
    expect(await query({ createdDate: { $gte: created._createdDate!.toISOString() }, slug: 'paged-005' })).toEqual([
      'paged-005',
    ]);

    for (const [filter, sort] of [
      [{ name: 'Paged 001' }, undefined],
      [{ 'actualPriceRange.minValue.amount': '1' }, undefined],
      [{}, [{ fieldName: 'name', order: 'ASC' }]],
      [{ slug: { $regex: 'x' } }, undefined],
    ]) {
      const response = await emu.call(APP, 'GET', `${PRODUCTS}/query?${dotR({ query: { filter, sort } })}`);
      expect(response.status, JSON.stringify(filter)).toBe(400);
    }
  });

  it('shows visitors and members only visible products, with name, image and price for a rewards widget', async () => {
    const app = await emu.client(APP, modules);
    const reward = await app.productsV3.createProduct(
      productInput('Free Smoothie', '6.90', {
        media: { itemsInfo: { items: [{ url: 'https://cdn.example.com/smoothie.png' }] } },
      }),
    );
    const hidden = await app.productsV3.createProduct(productInput('Secret Merch', '99', { visible: false }));
    for (const identity of [VISITOR, MEMBER]) {
      const reader = await emu.client(identity, modules);
      const found = await reader.productsV3.queryProducts().in('_id', [reward._id, hidden._id]).find();
      expect(found.items.map((p) => p.name)).toEqual(['Free Smoothie']);
      expect(found.items[0]?.media?.main?.image).toBe('https://cdn.example.com/smoothie.png');
      expect(found.items[0]?.actualPriceRange?.minValue?.amount).toBe('6.90');
      expect((await reader.productsV3.getProduct(reward._id!)).name).toBe('Free Smoothie');
      expect(await errorOf(reader.productsV3.getProduct(hidden._id!))).toMatchObject({
        status: 403,
        code: 'NO_PERMISSION_TO_INCLUDE_NOT_VISIBLE_PRODUCTS',
      });
      const hiddenByFilter = await reader.productsV3
        .queryProducts()
        .eq('visible', false)
        .startsWith('slug', 'paged-')
        .find();
      expect(hiddenByFilter.items).toHaveLength(0);
      const visiblePaged = await reader.productsV3.queryProducts().startsWith('slug', 'paged-').limit(100).find();
      const next = await visiblePaged.next();
      const third = await next.next();
      expect(visiblePaged.items.length + next.items.length + third.items.length).toBe(207); // 230 minus every tenth
      expect(await errorOf(reader.productsV3.countProducts({ returnNonVisibleProducts: true }))).toMatchObject({
        status: 403,
        code: 'NO_PERMISSION_TO_INCLUDE_NOT_VISIBLE_PRODUCTS',
      });
      expect(
        await errorOf(reader.productsV3.getProduct(reward._id!, { fields: ['MERCHANT_DATA'] } as any)),
      ).toMatchObject({ status: 403, code: 'NO_PERMISSION_TO_READ_MERCHANT_DATA' });
    }
    for (const identity of [APP, ADMIN]) {
      const manager = await emu.client(identity, modules);
      expect((await manager.productsV3.getProduct(hidden._id!)).name).toBe('Secret Merch');
      const found = await manager.productsV3.queryProducts().in('_id', [reward._id, hidden._id]).find();
      expect(found.items).toHaveLength(2);
    }
  });
});

describe('permissions', () => {
  it('lets apps and Wix users write; members and visitors get 403; no token gets 401 everywhere', async () => {
    const seed = await emu.client(APP, modules);
    const target = await seed.productsV3.createProduct(productInput('Permission target'));
    for (const identity of [APP, ADMIN]) {
      const writer = await emu.client(identity, modules);
      const p = await writer.productsV3.createProduct(productInput(`Written by ${identity.type}`));
      const u = await writer.productsV3.updateProduct(p._id!, {
        revision: p.revision!,
        name: `Updated by ${identity.type}`,
      } as any);
      expect(u.revision).toBe('2');
      const bulk = await writer.productsV3.bulkCreateProducts([productInput(`Bulk by ${identity.type}`)]);
      expect(bulk.bulkActionMetadata?.totalSuccesses).toBe(1);
      await writer.productsV3.deleteProduct(p._id!);
    }
    for (const identity of [MEMBER, VISITOR]) {
      const reader = await emu.client(identity, modules);
      for (const call of [
        () => reader.productsV3.createProduct(productInput('Not allowed')),
        () => reader.productsV3.bulkCreateProducts([productInput('Not allowed')]),
        () => reader.productsV3.updateProduct(target._id!, { revision: '1', name: 'Not allowed' } as any),
        () => reader.productsV3.deleteProduct(target._id!),
      ]) {
        expect(await errorOf(call())).toMatchObject({ status: 403, code: 'PERMISSION_DENIED' });
      }
      expect((await reader.productsV3.getProduct(target._id!)).name).toBe('Permission target');
      expect((await reader.catalogVersioning.getCatalogVersion()).catalogVersion).toBe('V3_CATALOG');
    }
    for (const [method, path] of [
      ['POST', PRODUCTS],
      ['POST', '/stores/v3/bulk/products/create'],
      ['GET', `${PRODUCTS}/query?${dotR({ query: {} })}`],
      ['GET', `${PRODUCTS}/count`],
      ['GET', `${PRODUCTS}/${target._id}`],
      ['PATCH', `${PRODUCTS}/${target._id}`],
      ['DELETE', `${PRODUCTS}/${target._id}`],
      ['GET', '/stores/v3/provision/version'],
    ] as const) {
      const response = await emu.call(null, method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    expect((await seed.productsV3.getProduct(target._id!)).revision).toBe('1');
  });
});

describe('catalogVersioning and product events', () => {
  it('queues product created, updated and deleted events for registered apps', async () => {
    await emu.admin('/_emulator/v1/apps', { appId: 'stores-events-app', webhookUrl: 'http://127.0.0.1:9/unused' });
    const app = await emu.client(APP, modules);
    const p = await app.productsV3.createProduct(productInput('Evented'));
    await app.productsV3.updateProduct(p._id!, { revision: '1', name: 'Evented 2' } as any);
    await app.productsV3.deleteProduct(p._id!);
    const { deliveries } = await emu.admin<{
      deliveries: Array<{ eventType: string; entityId: string; payload: any }>;
    }>('/_emulator/v1/webhooks');
    const mine = deliveries.filter((d) => d.entityId === p._id).reverse();
    expect(mine.map((d) => d.eventType)).toEqual([
      'wix.stores.catalog.v3.product_created',
      'wix.stores.catalog.v3.product_updated',
      'wix.stores.catalog.v3.product_deleted',
    ]);
    expect(mine[0]?.payload).toMatchObject({ entityFqdn: 'wix.stores.catalog.v3.product', slug: 'created' });
    expect(mine[0]?.payload.createdEvent.entity.name).toBe('Evented');
    expect(mine[1]?.payload.updatedEvent.currentEntity.name).toBe('Evented 2');
  });

  it('answers the site setting catalogVersion; Catalog V3 methods answer 428 on a V1 site or without Stores', async () => {
    const app = await emu.client(APP, modules);
    expect(await app.catalogVersioning.getCatalogVersion()).toEqual({ catalogVersion: 'V3_CATALOG' });
    const kept = await app.productsV3.createProduct(productInput('Kept across versions'));
    try {
      for (const catalogVersion of ['V1_CATALOG', 'STORES_NOT_INSTALLED'] as const) {
        await emu.admin('/_emulator/v1/site', { catalogVersion });
        expect(await app.catalogVersioning.getCatalogVersion()).toEqual({ catalogVersion });
        for (const call of [
          () => app.productsV3.createProduct(productInput('Refused')),
          () => app.productsV3.getProduct(kept._id!),
          () => app.productsV3.queryProducts().find(),
          () => app.productsV3.countProducts(),
        ]) {
          expect(await errorOf(call())).toMatchObject({
            status: 428,
            code: 'FAILED_PRECONDITION',
            data: { catalogVersion },
          });
        }
      }
      const bad = await emu.call(null, 'POST', '/_emulator/v1/site', { catalogVersion: 'V2_CATALOG' });
      expect(bad.status).toBe(400);
    } finally {
      await emu.admin('/_emulator/v1/site', { catalogVersion: 'V3_CATALOG' });
    }
    expect((await app.productsV3.getProduct(kept._id!)).name).toBe('Kept across versions');
  });
});

describe('searchProducts', () => {
  it('finds products whose name holds every word of the expression, any case, page by page, with the filter', async () => {
    const admin = await emu.client(ADMIN, modules);
    const names = ['Search Shaker Red', 'Search Shaker Blue', 'Search Towel', 'SEARCH shaker green'];
    const ids: Record<string, string> = {};
    for (const name of names) ids[name] = (await admin.productsV3.createProduct(productInput(name)))._id!;
    await admin.productsV3.updateProduct(ids['Search Shaker Blue']!, { visible: false, revision: '1' } as any);

    const first = await admin.productsV3.searchProducts({
      search: { expression: 'search shaker' },
      sort: [{ fieldName: '_createdDate', order: 'ASC' }],
      cursorPaging: { limit: 2 },
    });
    expect(first.products?.map((p) => p.name)).toEqual(['Search Shaker Red', 'Search Shaker Blue']);
    expect(first.pagingMetadata?.hasNext).toBe(true);
    const second = await admin.productsV3.searchProducts({
      cursorPaging: { cursor: first.pagingMetadata!.cursors!.next!, limit: 2 },
    });
    expect(second.products?.map((p) => p.name)).toEqual(['SEARCH shaker green']);
    expect(second.pagingMetadata?.hasNext).toBe(false);

    // Visitors see visible products only; a filter narrows the search.
    const visitor = await emu.client(VISITOR, modules);
    const visible = await visitor.productsV3.searchProducts({ search: { expression: 'SHAKER search' } });
    expect(visible.products?.map((p) => p.name).sort()).toEqual(['SEARCH shaker green', 'Search Shaker Red']);
    const filtered = await admin.productsV3.searchProducts({
      search: { expression: 'shaker' },
      filter: { _id: { $in: [ids['Search Towel']!, ids['Search Shaker Red']!] } },
    });
    expect(filtered.products?.map((p) => p.name)).toEqual(['Search Shaker Red']);
    expect((await admin.productsV3.searchProducts({ search: { expression: 'kettlebell' } })).products).toEqual([]);
  });

  it('refuses unknown filter fields and a search with a cursor, naming the field', async () => {
    const call = (search: unknown) => emu.call(ADMIN, 'GET', `${PRODUCTS}/search?${dotR({ search })}`);
    const unknownField = await call({ filter: { color: 'red' } });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body)).toContain('query.filter.color');
    const withCursor = await call({ search: { expression: 'x' }, cursorPaging: { cursor: 'abc' } });
    expect(withCursor.status).toBe(400);
    expect(JSON.stringify(withCursor.body)).toContain('search.search');
    expect((await call({ search: { expression: 'x'.repeat(201) } })).status).toBe(400);
  });
});
