import { items } from '@wix/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { APP } from '../../testing/callers.ts';
import { startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const modules = { items };
const PICKUPS = 'GymRewardsPickups';

const app = () => emu.client(APP, modules);
const advance = (ms: number) => emu.admin('/_emulator/v1/clock', { advanceMs: ms });
const rawQuery = (body: unknown, identity: Identity | null = APP) =>
  emu.call(identity, 'POST', '/wix-data/v2/items/query', body);
const idsOf = (found: { items: Array<{ _id?: string }> }) => found.items.map((i) => i._id);

describe('queries through @wix/data', () => {
  const C = 'QueryFixture';
  beforeAll(async () => {
    const client = await app();
    const base = new Date('2026-01-01T00:00:00.000Z').getTime();
    const rows = [
      { _id: 'a', name: 'Apple bar', price: 3, tags: ['snack', 'vegan'], status: 'WAITING', code: 'abc' },
      { _id: 'b', name: 'apricot shake', price: 8, tags: ['drink'], status: 'WAITING', code: '' },
      { _id: 'c', name: 'Banana', price: 1, tags: ['snack'], status: 'HANDED_OVER', note: 'front desk' },
      { _id: 'd', name: 'Water', price: 1.5, tags: [], status: 'VOIDED', note: null },
      { _id: 'e', name: 'Zinc tablets', price: 12, status: 'WAITING' },
      { _id: 'f', name: 'XYZ', price: 8, tags: ['vegan', 'drink'], status: 'HANDED_OVER' },
    ];
    for (const [i, row] of rows.entries()) {
      await client.items.insert(C, { ...row, at: new Date(base + i * 86_400_000) });
      await advance(1_000);
    }
  });

  it('filters with each operator of the query builder', async () => {
    const client = await app();
    const q = () => client.items.query(C).ascending('_id');
    expect(idsOf(await q().eq('status', 'WAITING').find())).toEqual(['a', 'b', 'e']);
    expect(idsOf(await q().eq('status', 'waiting').find())).toEqual([]); // eq is case-sensitive
    expect(idsOf(await q().ne('status', 'WAITING').find())).toEqual(['c', 'd', 'f']);
    expect(idsOf(await q().gt('price', 3).find())).toEqual(['b', 'e', 'f']);
    expect(idsOf(await q().ge('price', 3).find())).toEqual(['a', 'b', 'e', 'f']);
    expect(idsOf(await q().lt('price', 3).find())).toEqual(['c', 'd']);
    expect(idsOf(await q().le('price', 3).find())).toEqual(['a', 'c', 'd']);
    expect(idsOf(await q().between('price', 1.5, 8).find())).toEqual(['a', 'd']);
    // Strings compare by code point, as Wix documents: "a" is not between "A" and "Z".
    expect(idsOf(await q().between('name', 'A', 'Z').find())).toEqual(['a', 'c', 'd', 'f']);
    expect(idsOf(await q().gt('name', 'Z').find())).toEqual(['b', 'e']);
    expect(idsOf(await q().hasSome('tags', ['drink', 'nothing']).find())).toEqual(['b', 'f']);
    expect(idsOf(await q().hasSome('status', ['VOIDED']).find())).toEqual(['d']); // a plain field equal to one
    expect(idsOf(await q().hasAll('tags', ['vegan', 'snack']).find())).toEqual(['a']);
    expect(idsOf(await q().startsWith('name', 'ap').find())).toEqual(['a', 'b']); // case-insensitive
    expect(idsOf(await q().contains('name', 'AN').find())).toEqual(['c']);
    expect(idsOf(await q().endsWith('name', 'BAR').find())).toEqual(['a']);
    expect(idsOf(await q().isEmpty('note').find())).toEqual(['a', 'b', 'd', 'e', 'f']);
    expect(idsOf(await q().isNotEmpty('note').find())).toEqual(['c']);
    expect(idsOf(await q().isEmpty('tags').find())).toEqual(['e']);
    expect(idsOf(await q().gt('at', new Date('2026-01-04T00:00:00.000Z')).find())).toEqual(['e', 'f']);
    expect(idsOf(await q().eq('at', new Date('2026-01-02T00:00:00.000Z')).find())).toEqual(['b']);
  });

  it('runs the REST operators the builder does not type ($in, $nin, $exists)', async () => {
    const ids = async (filter: unknown) =>
      (
        await rawQuery({ dataCollectionId: C, query: { filter, sort: [{ fieldName: '_id', order: 'ASC' }] } })
      ).body.dataItems.map((d: { id: string }) => d.id);
    expect(await ids({ status: { $in: ['VOIDED', 'HANDED_OVER'] } })).toEqual(['c', 'd', 'f']);
    expect(await ids({ status: { $nin: ['VOIDED', 'HANDED_OVER'] } })).toEqual(['a', 'b', 'e']);
    expect(await ids({ tags: { $exists: false } })).toEqual(['e']);
    expect(await ids({ price: { $gt: 1, $lt: 8 } })).toEqual(['a', 'd']);
    expect(await ids({ $not: { status: 'WAITING' } })).toEqual(['c', 'd', 'f']);
  });

  it('combines filters with and, or and not', async () => {
    const client = await app();
    const q = () => client.items.query(C).ascending('_id');
    expect(idsOf(await q().eq('status', 'WAITING').gt('price', 3).find())).toEqual(['b', 'e']);
    expect(idsOf(await q().eq('status', 'VOIDED').or(client.items.query(C).gt('price', 10)).find())).toEqual([
      'd',
      'e',
    ]);
    expect(idsOf(await q().eq('status', 'WAITING').and(client.items.query(C).lt('price', 5)).find())).toEqual(['a']);
    expect(idsOf(await q().not(client.items.query(C).eq('status', 'WAITING').gt('price', 5)).find())).toEqual([
      'a',
      'c',
      'd',
      'f',
    ]);
  });

  it('sorts like Wix Data: numbers numerically, strings by code point, items without a value lowest', async () => {
    const client = await app();
    // b and f cost the same: ties follow the sort direction (b was inserted before f).
    expect(idsOf(await client.items.query(C).ascending('price').find())).toEqual(['c', 'd', 'a', 'b', 'f', 'e']);
    expect(idsOf(await client.items.query(C).descending('price').find())).toEqual(['e', 'f', 'b', 'a', 'd', 'c']);
    expect(idsOf(await client.items.query(C).descending('price').ascending('_id').find())).toEqual([
      'e',
      'b',
      'f',
      'a',
      'd',
      'c',
    ]);
    expect(idsOf(await client.items.query(C).ascending('name').find())).toEqual(['a', 'c', 'd', 'f', 'e', 'b']);
    expect(idsOf(await client.items.query(C).ascending('note', '_id').find())).toEqual(['a', 'b', 'd', 'e', 'f', 'c']);
    expect(idsOf(await client.items.query(C).descending('note', '_id').find())).toEqual(['c', 'f', 'e', 'd', 'b', 'a']);
    expect(idsOf(await client.items.query(C).descending('at').find())).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
    // With no sort, the newest item comes first.
    expect(idsOf(await client.items.query(C).find())).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
  });

  it('pages with limit and skip, gives totalCount when asked, and walks pages with next()', async () => {
    const client = await app();
    const page = await client.items.query(C).ascending('_id').limit(4).find({ returnTotalCount: true });
    expect(idsOf(page)).toEqual(['a', 'b', 'c', 'd']);
    expect(page.totalCount).toBe(6);
    expect(page.totalPages).toBe(2);
    expect(page.hasNext()).toBe(true);
    const second = await page.next();
    expect(idsOf(second)).toEqual(['e', 'f']);
    expect(second.hasNext()).toBe(false);
    expect(second.hasPrev()).toBe(true);
    expect(idsOf(await second.prev())).toEqual(['a', 'b', 'c', 'd']);

    const skipped = await client.items.query(C).ascending('_id').skip(2).limit(2).find();
    expect(idsOf(skipped)).toEqual(['c', 'd']);
    expect(skipped.totalCount).toBeUndefined(); // only with returnTotalCount, as Wix documents
    expect(skipped.hasNext()).toBe(true);

    const walked: string[] = [];
    let current = await client.items.query(C).ascending('_id').limit(2).find();
    walked.push(...(idsOf(current) as string[]));
    while (current.hasNext()) {
      current = await current.next();
      walked.push(...(idsOf(current) as string[]));
    }
    expect(walked).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);

    const filtered = await client.items.query(C).eq('status', 'WAITING').limit(1).find({ returnTotalCount: true });
    expect(filtered.totalCount).toBe(3);
    expect(await client.items.query(C).eq('status', 'WAITING').count()).toBe(3);
    expect(await client.items.query(C).count()).toBe(6);
  });

  it('answers only the requested fields, and _id', async () => {
    const client = await app();
    const found = await client.items.query(C).eq('_id', 'a').fields('name', 'price').find();
    expect(found.items).toEqual([{ _id: 'a', name: 'Apple bar', price: 3 }]);
  });

  it('serves long queries the SDK sends as POST', async () => {
    const client = await app();
    const many = Array.from({ length: 300 }, (_, i) => `status-${i}`);
    await emu.requests();
    const found = await client.items
      .query(C)
      .hasSome('status', [...many, 'VOIDED'])
      .find();
    expect(idsOf(found)).toEqual(['d']);
    expect((await emu.requests()).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /wix-data/v2/items/query']);
  });

  it('pages by cursor, the follow-up request carrying only the cursor', async () => {
    const first = await rawQuery({
      dataCollectionId: C,
      query: {
        filter: { price: { $gte: 1.5 } },
        sort: [{ fieldName: 'price', order: 'ASC' }],
        cursorPaging: { limit: 2 },
      },
    });
    expect(first.status).toBe(200);
    expect(first.body.dataItems.map((d: { id: string }) => d.id)).toEqual(['d', 'a']);
    expect(first.body.pagingMetadata).toMatchObject({ count: 2, hasNext: true });
    const next = await rawQuery({
      dataCollectionId: C,
      query: { cursorPaging: { cursor: first.body.pagingMetadata.cursors.next, limit: 2 } },
    });
    expect(next.body.dataItems.map((d: { id: string }) => d.id)).toEqual(['b', 'f']);
    const last = await rawQuery({
      dataCollectionId: C,
      query: { cursorPaging: { cursor: next.body.pagingMetadata.cursors.next, limit: 2 } },
    });
    expect(last.body.dataItems.map((d: { id: string }) => d.id)).toEqual(['e']);
    expect(last.body.pagingMetadata.hasNext).toBe(false);
    const elsewhere = await rawQuery({
      dataCollectionId: PICKUPS,
      query: { cursorPaging: { cursor: first.body.pagingMetadata.cursors.next } },
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.details.applicationError.data.field).toBe('query.cursorPaging.cursor');
  });

  it('reads a collection nobody wrote to as empty', async () => {
    const client = await app();
    const found = await client.items.query('NeverWritten').find({ returnTotalCount: true });
    expect(found.items).toEqual([]);
    expect(found.totalCount).toBe(0);
    expect(await client.items.get('NeverWritten', 'x')).toBeNull();
  });
});
