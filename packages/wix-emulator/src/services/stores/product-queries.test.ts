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
