import { catalogVersioning, productsV3 } from '@wix/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, APP, dotR, memberCaller, VISITOR } from '../../testing/callers.ts';
import { errorOf, startTestEmulator, type TestEmulator } from '../../testing/index.ts';
import { PRODUCTS, productInput } from './product-fixture.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const modules = { productsV3, catalogVersioning };
const MEMBER = memberCaller('5b0a1c1e-0000-4000-8000-000000000001');

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
