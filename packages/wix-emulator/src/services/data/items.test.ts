import { items } from '@wix/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_USER_ID, type Identity } from '../../platform/identity.ts';
import { ADMIN, APP, memberCaller, VISITOR } from '../../testing/callers.ts';
import { errorOf, startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const modules = { items };
const MEMBER = memberCaller('member-1');
const PICKUPS = 'GymRewardsPickups';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const app = () => emu.client(APP, modules);
const advance = (ms: number) => emu.admin('/_emulator/v1/clock', { advanceMs: ms });
const rawGet = (collection: string, id: string) =>
  emu.call(
    APP,
    'GET',
    `/wix-data/v2/items/${encodeURIComponent(id)}?dataCollectionId=${encodeURIComponent(collection)}`,
  );
const rawQuery = (body: unknown, identity: Identity | null = APP) =>
  emu.call(identity, 'POST', '/wix-data/v2/items/query', body);
const idsOf = (found: { items: Array<{ _id?: string }> }) => found.items.map((i) => i._id);

describe('single items through @wix/data', () => {
  it('inserts an item with the system fields Wix adds, and gets it back', async () => {
    const client = await app();
    const redeemedAt = new Date('2026-03-01T10:00:00.000Z');
    const inserted = await client.items.insert(PICKUPS, {
      memberId: 'm-1',
      productName: 'Protein bar',
      price: 3,
      redeemedAt,
      history: [{ at: redeemedAt, what: 'redeemed' }],
    });
    expect(inserted._id).toMatch(UUID);
    expect(inserted._owner).toBe('gym-rewards');
    expect(inserted._createdDate).toBeInstanceOf(Date);
    expect(inserted._updatedDate).toEqual(inserted._createdDate);
    expect(inserted.redeemedAt).toEqual(redeemedAt);
    expect(inserted.history?.[0]?.at).toEqual(redeemedAt);

    const got = await client.items.get(PICKUPS, inserted._id!);
    expect(got).toEqual(inserted);

    const mine = await client.items.insert(PICKUPS, { _id: 'pickup-1', price: 5 });
    expect(mine._id).toBe('pickup-1');
    const raw = await rawGet(PICKUPS, 'pickup-1');
    expect(raw.status).toBe(200);
    expect(raw.body.dataItem).toMatchObject({
      id: 'pickup-1',
      dataCollectionId: PICKUPS,
      data: { _id: 'pickup-1', price: 5, _owner: 'gym-rewards', _createdDate: { $date: expect.any(String) } },
    });
  });

  it('answers a missing item with WDE0073, which the SDK turns into null', async () => {
    const client = await app();
    expect(await client.items.get(PICKUPS, 'no-such-item')).toBeNull();
    const raw = await rawGet(PICKUPS, 'no-such-item');
    expect(raw.status).toBe(404);
    expect(raw.body.details.applicationError).toMatchObject({
      code: 'WDE0073',
      data: { collectionId: PICKUPS, itemId: 'no-such-item' },
    });
  });

  it('refuses to insert an _id the collection already holds (WDE0074) and keeps the first item', async () => {
    const client = await app();
    await client.items.insert(PICKUPS, { _id: 'dup', status: 'WAITING' });
    expect(await errorOf(client.items.insert(PICKUPS, { _id: 'dup', status: 'OTHER' }))).toMatchObject({
      code: 'WDE0074',
    });
    const raw = await emu.call(APP, 'POST', '/wix-data/v2/items', {
      dataCollectionId: PICKUPS,
      dataItem: { id: 'dup', data: { status: 'OTHER' } },
    });
    expect(raw.status).toBe(409);
    expect(raw.body.details.applicationError.code).toBe('WDE0074');
    expect((await client.items.get(PICKUPS, 'dup'))?.status).toBe('WAITING');
    // The same id in another collection is another item.
    expect((await client.items.insert('OtherCollection', { _id: 'dup' }))._id).toBe('dup');
  });

  it('updates by replacing the fields, keeping _id, _owner and _createdDate; a missing item is WDE0073', async () => {
    const client = await app();
    const item = await client.items.insert(PICKUPS, { _id: 'upd', status: 'WAITING', code: 'ABC123' });
    await advance(60_000);
    const updated = await client.items.update(PICKUPS, { ...item, status: 'HANDED_OVER', code: undefined });
    expect(updated).toMatchObject({ _id: 'upd', status: 'HANDED_OVER', _owner: 'gym-rewards' });
    expect(updated.code).toBeUndefined();
    expect(updated._createdDate).toEqual(item._createdDate);
    expect(updated._updatedDate!.getTime() - item._updatedDate!.getTime()).toBeGreaterThanOrEqual(60_000);
    expect(await client.items.get(PICKUPS, 'upd')).toEqual(updated);

    // The date fields a client sends back are ignored.
    const forged = await client.items.update(PICKUPS, { ...updated, _createdDate: new Date(0) });
    expect(forged._createdDate).toEqual(item._createdDate);

    expect(await errorOf(client.items.update(PICKUPS, { _id: 'not-there', status: 'x' }))).toMatchObject({
      code: 'WDE0073',
    });
    const raw = await emu.call(APP, 'POST', '/wix-data/v2/items/update', {
      dataCollectionId: PICKUPS,
      dataItem: { id: 'not-there', data: { status: 'x' } },
    });
    expect(raw.status).toBe(404);
    expect(await client.items.get(PICKUPS, 'not-there')).toBeNull();
  });

  it('saves: inserts without an _id or with a new one, replaces an existing item', async () => {
    const client = await app();
    const fresh = await client.items.save(PICKUPS, { status: 'WAITING' });
    expect(fresh._id).toMatch(UUID);
    const named = await client.items.save(PICKUPS, { _id: 'saved', status: 'WAITING', extra: 1 });
    expect(named._id).toBe('saved');
    const replaced = await client.items.save(PICKUPS, { _id: 'saved', status: 'VOIDED' });
    expect(replaced).toMatchObject({ _id: 'saved', status: 'VOIDED' });
    expect(replaced.extra).toBeUndefined();
    expect(replaced._createdDate).toEqual(named._createdDate);
    const raw = await emu.call(APP, 'POST', '/wix-data/v2/items/save', {
      dataCollectionId: PICKUPS,
      dataItem: { id: 'saved', data: { status: 'WAITING' } },
    });
    expect(raw.body.action).toBe('UPDATED');
  });

  it('removes an item and answers it; removing a missing item is WDE0073 (null through the SDK)', async () => {
    const client = await app();
    await client.items.insert(PICKUPS, { _id: 'gone', status: 'WAITING' });
    const removed = await client.items.remove(PICKUPS, 'gone');
    expect(removed).toMatchObject({ _id: 'gone', status: 'WAITING' });
    expect(await client.items.get(PICKUPS, 'gone')).toBeNull();
    expect(await client.items.remove(PICKUPS, 'gone')).toBeNull();
    const raw = await emu.call(APP, 'POST', '/wix-data/v2/items/remove', {
      dataCollectionId: PICKUPS,
      dataItemId: 'gone',
    });
    expect(raw.status).toBe(404);
    expect(raw.body.details.applicationError.code).toBe('WDE0073');
  });

  it('sends the production routes', async () => {
    const client = await app();
    await emu.requests();
    await client.items.insert('Routes', { _id: 'r' });
    await client.items.get('Routes', 'r');
    await client.items.update('Routes', { _id: 'r', a: 1 });
    await client.items.save('Routes', { _id: 'r', a: 2 });
    await client.items.query('Routes').find();
    await client.items.query('Routes').count();
    await client.items.bulkInsert('Routes', [{ a: 3 }]);
    await client.items.bulkRemove('Routes', ['r']);
    await client.items.remove('Routes', 'x');
    expect((await emu.requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /wix-data/v2/items 200',
      'GET /wix-data/v2/items/r 200',
      'POST /wix-data/v2/items/update 200',
      'POST /wix-data/v2/items/save 200',
      'GET /wix-data/v2/items/query 200',
      'POST /wix-data/v2/items/count 200',
      'POST /wix-data/v2/bulk/items/insert 200',
      'POST /wix-data/v2/bulk/items/remove 200',
      'POST /wix-data/v2/items/remove 404',
    ]);
  });
});

describe('bulk methods through @wix/data', () => {
  it('bulk inserts, skipping ids already present (WDE0074)', async () => {
    const client = await app();
    await client.items.insert('Bulk', { _id: 'taken' });
    const result = await client.items.bulkInsert('Bulk', [{ _id: 'b1', n: 1 }, { _id: 'taken', n: 2 }, { n: 3 }]);
    expect(result).toMatchObject({ inserted: 2, skipped: 1, errors: [], updated: 0 });
    expect(result.insertedItemIds).toHaveLength(2);
    expect(result.insertedItemIds[0]).toBe('b1');
    expect(result.insertedItemIds[1]).toMatch(UUID);
    expect((await client.items.get('Bulk', 'taken'))?.n).toBeUndefined();
    const raw = await emu.call(APP, 'POST', '/wix-data/v2/bulk/items/insert', {
      dataCollectionId: 'Bulk',
      dataItems: [{ id: 'taken', data: {} }, { data: { n: 4 } }],
      returnEntity: true,
    });
    expect(raw.body.results[0]).toMatchObject({
      itemMetadata: { id: 'taken', originalIndex: 0, success: false, error: { code: 'WDE0074' } },
    });
    expect(raw.body.results[1]).toMatchObject({
      action: 'INSERT',
      itemMetadata: { originalIndex: 1, success: true },
      dataItem: { dataCollectionId: 'Bulk', data: { n: 4 } },
    });
    expect(raw.body.bulkActionMetadata).toEqual({ totalSuccesses: 1, totalFailures: 1, undetailedFailures: 0 });
    // One id twice in a request: the first is inserted, the second finds it there.
    const twice = await client.items.bulkInsert('Bulk', [{ _id: 'd', n: 5 }, { _id: 'd', n: 6 }, { _id: 'e' }]);
    expect(twice).toMatchObject({ inserted: 2, skipped: 1, insertedItemIds: ['d', 'e'] });
    expect((await client.items.get('Bulk', 'd'))?.n).toBe(5);
  });

  it('bulk saves, bulk updates (missing items skipped) and bulk removes', async () => {
    const client = await app();
    await client.items.bulkInsert('BulkMore', [
      { _id: 'x1', n: 1 },
      { _id: 'x2', n: 2 },
    ]);
    const saved = await client.items.bulkSave('BulkMore', [
      { _id: 'x1', n: 10 },
      { _id: 'x3', n: 3 },
    ]);
    expect(saved).toMatchObject({ inserted: 1, updated: 1, insertedItemIds: ['x3'], updatedItemIds: ['x1'] });
    const updated = await client.items.bulkUpdate('BulkMore', [
      { _id: 'x2', n: 20 },
      { _id: 'nope', n: 0 },
    ]);
    expect(updated).toMatchObject({ updated: 1, skipped: 1, updatedItemIds: ['x2'] });
    expect(idsOf(await client.items.query('BulkMore').ascending('n').find())).toEqual(['x3', 'x1', 'x2']);
    const removed = await client.items.bulkRemove('BulkMore', ['x1', 'x2', 'nope']);
    expect(removed).toMatchObject({ removed: 2, skipped: 1, removedItemIds: ['x1', 'x2'] });
    expect(idsOf(await client.items.query('BulkMore').find())).toEqual(['x3']);
    await client.items.truncate('BulkMore');
    expect(await client.items.query('BulkMore').count()).toBe(0);
  });
});

describe('collections', () => {
  it('creates a collection on its first write and lists it; the emulator API declares one', async () => {
    const client = await app();
    await client.items.insert('Implicit', { a: 1 });
    await client.items.insert('Implicit', { a: 2 });
    const declared = await emu.admin<{ collection: { id: string; origin: string; itemCount: number } }>(
      '/_emulator/v1/data/collections',
      { id: '@gym/rewards/Declared' },
    );
    expect(declared.collection).toMatchObject({ id: '@gym/rewards/Declared', origin: 'DECLARED', itemCount: 0 });
    const { collections } = await emu.admin<{ collections: Array<{ id: string; origin: string; itemCount: number }> }>(
      '/_emulator/v1/data/collections',
    );
    expect(collections.find((c) => c.id === 'Implicit')).toMatchObject({ origin: 'IMPLICIT', itemCount: 2 });
    expect(collections.find((c) => c.id === '@gym/rewards/Declared')).toBeDefined();
    expect((await client.items.insert('@gym/rewards/Declared', { a: 1 }))._owner).toBe('gym-rewards');
  });
});

describe('who may use Wix Data items', () => {
  it('lets apps and Wix users read and write', async () => {
    const admin = await emu.client(ADMIN, modules);
    const item = await admin.items.insert('Perms', { by: 'admin' });
    expect(item._owner).toBe(DEFAULT_ADMIN_USER_ID);
    const appClient = await app();
    expect(await appClient.items.get('Perms', item._id!)).toMatchObject({ by: 'admin' });
    const anonymousApp = await emu.client({ type: 'APP' }, modules);
    expect((await anonymousApp.items.insert('Perms', { by: 'app' }))._owner).toBe(DEFAULT_ADMIN_USER_ID);
  });

  it('refuses members and visitors with WDE0027, and callers without a token with 401', async () => {
    const appClient = await app();
    await appClient.items.insert('Perms', { _id: 'p1' });
    for (const identity of [MEMBER, VISITOR]) {
      const client = await emu.client(identity, modules);
      expect(await errorOf(client.items.insert('Perms', { a: 1 }))).toMatchObject({ code: 'WDE0027' });
      expect(await errorOf(client.items.get('Perms', 'p1'))).toMatchObject({ code: 'WDE0027' });
      expect(await errorOf(client.items.query('Perms').find())).toMatchObject({ code: 'WDE0027' });
      expect(await errorOf(client.items.update('Perms', { _id: 'p1', a: 2 }))).toMatchObject({ code: 'WDE0027' });
      expect(await errorOf(client.items.remove('Perms', 'p1'))).toMatchObject({ code: 'WDE0027' });
      const raw = await emu.call(identity, 'POST', '/wix-data/v2/items', { dataCollectionId: 'Perms', dataItem: {} });
      expect(raw.status).toBe(403);
    }
    for (const [method, path] of [
      ['POST', '/wix-data/v2/items'],
      ['GET', '/wix-data/v2/items/p1?dataCollectionId=Perms'],
      ['POST', '/wix-data/v2/items/query'],
      ['POST', '/wix-data/v2/bulk/items/remove'],
    ] as const) {
      const raw = await emu.call(null, method, path, method === 'GET' ? undefined : { dataCollectionId: 'Perms' });
      expect(raw.status, path).toBe(401);
    }
    expect(await appClient.items.query('Perms').eq('_id', 'p1').count()).toBe(1);
    expect(await appClient.items.query('Perms').count()).toBe(3);
  });
});

describe('bad input', () => {
  const fieldOf = (response: { status: number; body: any }) => {
    expect(response.status).toBe(400);
    expect(response.body.details.applicationError.code).toBe('INVALID_ARGUMENT');
    return response.body.details.applicationError.data.field;
  };
  const insert = (body: unknown) => emu.call(APP, 'POST', '/wix-data/v2/items', body);

  it('refuses bad items with a 400 naming the field, writing nothing', async () => {
    expect(fieldOf(await insert({ dataItem: { data: {} } }))).toBe('dataCollectionId');
    expect(fieldOf(await insert({ dataCollectionId: 'x'.repeat(257), dataItem: {} }))).toBe('dataCollectionId');
    expect(fieldOf(await insert({ dataCollectionId: 'Bad', dataItem: { id: '' } }))).toBe('dataItem.id');
    expect(fieldOf(await insert({ dataCollectionId: 'Bad', dataItem: { id: 'x'.repeat(129) } }))).toBe('dataItem.id');
    expect(fieldOf(await insert({ dataCollectionId: 'Bad', dataItem: { data: { _id: null } } }))).toBe(
      'dataItem.data._id',
    );
    expect(fieldOf(await insert({ dataCollectionId: 'Bad', dataItem: { id: 'a', data: { _id: 'b' } } }))).toBe(
      'dataItem.id',
    );
    expect(fieldOf(await insert({ dataCollectionId: 'Bad', dataItem: { data: 'text' } }))).toBe('dataItem.data');
    expect(fieldOf(await insert({ dataCollectionId: 'Bad', dataItem: { data: { nested: { $set: 1 } } } }))).toBe(
      'dataItem.data.nested.$set',
    );
    expect(fieldOf(await insert({ dataCollectionId: 'Bad', dataItem: { data: { at: { $date: 'soon' } } } }))).toBe(
      'dataItem.data.at.$date',
    );
    expect(fieldOf(await insert({ dataCollectionId: 'Bad', dataItem: { data: { _owner: 5 } } }))).toBe(
      'dataItem.data._owner',
    );
    expect(
      fieldOf(await insert({ dataCollectionId: 'Bad', dataItem: { data: { blob: 'x'.repeat(600 * 1024) } } })),
    ).toBe('dataItem.data');
    expect((await insert('{not json')).status).toBe(400);
    expect(
      fieldOf(await emu.call(APP, 'POST', '/wix-data/v2/items/update', { dataCollectionId: 'Bad', dataItem: {} })),
    ).toBe('dataItem.id');
    expect(fieldOf(await emu.call(APP, 'POST', '/wix-data/v2/items/remove', { dataCollectionId: 'Bad' }))).toBe(
      'dataItemId',
    );
    const client = await app();
    expect(await client.items.query('Bad').count()).toBe(0);
    const { collections } = await emu.admin<{ collections: Array<{ id: string }> }>('/_emulator/v1/data/collections');
    expect(collections.map((c) => c.id)).not.toContain('Bad');
  });

  it('refuses a bulk request with one bad item as a whole', async () => {
    const client = await app();
    const bulk = (dataItems: unknown) =>
      emu.call(APP, 'POST', '/wix-data/v2/bulk/items/insert', { dataCollectionId: 'BadBulk', dataItems });
    expect(fieldOf(await bulk([{ data: { a: 1 } }, { data: { $bad: 1 } }]))).toBe('dataItems[1].data.$bad');
    expect(fieldOf(await bulk([]))).toBe('dataItems');
    expect(fieldOf(await bulk(Array.from({ length: 1001 }, () => ({ data: {} }))))).toBe('dataItems');
    expect(
      fieldOf(
        await emu.call(APP, 'POST', '/wix-data/v2/bulk/items/update', {
          dataCollectionId: 'BadBulk',
          dataItems: [{ data: { a: 1 } }],
        }),
      ),
    ).toBe('dataItems[0].id');
    expect(await client.items.query('BadBulk').count()).toBe(0);
  });

  it('refuses bad queries with a 400 naming the field', async () => {
    const query = (q: unknown) => rawQuery({ dataCollectionId: PICKUPS, query: q });
    expect(fieldOf(await rawQuery({ query: {} }))).toBe('dataCollectionId');
    expect(fieldOf(await query({ paging: { limit: 1001 } }))).toBe('query.paging.limit');
    expect(fieldOf(await query({ paging: { offset: -1 } }))).toBe('query.paging.offset');
    expect(fieldOf(await query({ paging: { limit: 2.5 } }))).toBe('query.paging.limit');
    expect(fieldOf(await query({ filter: { name: { $regex: 'a.*' } } }))).toBe('query.filter.name.$regex');
    expect(fieldOf(await query({ filter: { $where: 'x' } }))).toBe('query.filter.$where');
    expect(fieldOf(await query({ filter: { $and: { a: 1 } } }))).toBe('query.filter.$and');
    expect(fieldOf(await query({ filter: { $or: [{ a: 1 }, { b: { $in: 'x' } }] } }))).toBe(
      'query.filter.$or[1].b.$in',
    );
    expect(fieldOf(await query({ filter: { name: { $contains: 5 } } }))).toBe('query.filter.name.$contains');
    expect(fieldOf(await query({ filter: { 'bad field': 1 } }))).toBe('query.filter.bad field');
    expect(fieldOf(await query({ filter: 'status' }))).toBe('query.filter');
    expect(fieldOf(await query({ sort: [{ fieldName: 'name', order: 'UP' }] }))).toBe('query.sort[0].order');
    expect(fieldOf(await query({ sort: [{ order: 'ASC' }] }))).toBe('query.sort[0].fieldName');
    expect(fieldOf(await query({ paging: { limit: 1 }, cursorPaging: { limit: 1 } }))).toBe('query.cursorPaging');
    expect(fieldOf(await query({ cursorPaging: { cursor: 'garbage' } }))).toBe('query.cursorPaging.cursor');
    expect(
      fieldOf(
        await emu.call(APP, 'POST', '/wix-data/v2/items/count', {
          dataCollectionId: PICKUPS,
          filter: { a: { $x: 1 } },
        }),
      ),
    ).toBe('filter.a.$x');
    const encoded = Buffer.from(
      JSON.stringify({ dataCollectionId: PICKUPS, query: { paging: { limit: -1 } } }),
    ).toString('base64url');
    expect(fieldOf(await emu.call(APP, 'GET', `/wix-data/v2/items/query?.r=${encoded}`))).toBe('query.paging.limit');
  });

  it('stops what the SDK itself refuses before sending it', async () => {
    const client = await app();
    await emu.requests();
    await expect(client.items.query(PICKUPS).limit(0).find()).rejects.toThrow(/WDE0033/);
    expect(await emu.requests()).toEqual([]);
  });
});
