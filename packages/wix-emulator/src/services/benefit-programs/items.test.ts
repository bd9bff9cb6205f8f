import { items } from '@wix/benefit-programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestEmulator, type TestEmulator } from '../../testing/index.ts';
import { STORES_APP_ID } from './common.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const SET_A = '1a000000-0000-4000-8000-00000000000a';
const SET_B = '1b000000-0000-4000-8000-00000000000b';
/** A product's id as Wix declares item external ids (`@format GUID`), numbered so they sort and share prefixes. */
const pid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const item = (externalId: string, itemSetId = SET_A, namespace = 'items') => ({
  externalId,
  itemSetId,
  providerAppId: STORES_APP_ID,
  namespace,
  displayName: `Product ${externalId}`,
});

describe('items', () => {
  it('creates, gets, updates, counts and deletes an item through the SDK', async () => {
    const app = await emu.client({ type: 'APP' }, { items });
    const created = await app.items.createItem(item('single'));
    expect(created).toMatchObject({
      externalId: 'single',
      itemSetId: SET_A,
      providerAppId: STORES_APP_ID,
      revision: '1',
    });
    expect((await app.items.getItem(created._id!)).displayName).toBe('Product single');
    const updated = await app.items.updateItem(created._id!, { revision: '1', displayName: 'Renamed' });
    expect(updated).toMatchObject({ displayName: 'Renamed', revision: '2', externalId: 'single' });
    expect(await errorOf(app.items.updateItem(created._id!, { revision: '1', displayName: 'stale' }))).toMatchObject({
      status: 409,
      code: 'ABORTED',
    });
    expect(await errorOf(app.items.createItem(item('single')))).toMatchObject({
      status: 409,
      code: 'ALREADY_EXISTS',
    });
    // The same product may stand in another item set.
    await app.items.createItem(item('single', SET_B));
    expect((await app.items.countItems({ filter: { externalId: 'single' } })).count).toBe(2);
    await app.items.deleteItem(created._id!);
    expect(await errorOf(app.items.getItem(created._id!))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('bulk-creates in chunks of at most 100, failing only duplicates, and pages through them with cursors', async () => {
    const app = await emu.client({ type: 'APP' }, { items });
    const all = Array.from({ length: 250 }, (_, i) => item(pid(i), i % 2 ? SET_A : SET_B, 'paging'));
    for (let i = 0; i < all.length; i += 100) {
      const { results, bulkActionMetadata } = await app.items.bulkCreateItems(all.slice(i, i + 100), {
        returnEntity: true,
      });
      expect(bulkActionMetadata?.totalSuccesses).toBe(Math.min(100, all.length - i));
      expect(results![0]?.item?.externalId).toBe(all[i]!.externalId);
    }
    const again = await app.items.bulkCreateItems([all[0]!, item(pid(999), SET_A, 'paging')]);
    expect(
      again.results!.map((r) => [r.itemMetadata?.originalIndex, r.itemMetadata?.success, r.itemMetadata?.error?.code]),
    ).toEqual([
      [0, false, 'ALREADY_EXISTS'],
      [1, true, undefined],
    ]);
    const tooMany = await emu.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/bulk/items/create', {
      items: Array.from({ length: 101 }, (_, i) => item(pid(500 + i))),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details.applicationError.data.field).toBe('items');

    const seen: string[] = [];
    let page = await app.items
      .queryItems()
      .eq('namespace', 'paging')
      .eq('itemSetId', SET_A)
      .ascending('externalId')
      .limit(40)
      .find();
    for (;;) {
      seen.push(...page.items.map((i) => i.externalId!));
      if (!page.hasNext()) break;
      page = await page.next();
    }
    const expected = [...all.filter((_, i) => i % 2).map((i) => i.externalId), pid(999)].sort();
    expect(seen).toEqual(expected);
    const byPrefix = await app.items
      .queryItems()
      .eq('namespace', 'paging')
      .startsWith('externalId', pid(240).slice(0, -1))
      .find();
    expect(byPrefix.items.map((i) => i.externalId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => pid(240 + i)));
    const some = await app.items
      .queryItems()
      .in('externalId', [pid(1), pid(2), 'nope'])
      .find();
    expect(some.items).toHaveLength(2);
    const over = await emu.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/items/query', {
      query: { cursorPaging: { limit: 101 } },
    });
    expect(over.status).toBe(400);
  });

  it('updates and deletes in bulk and by filter', async () => {
    const app = await emu.client({ type: 'APP' }, { items });
    const { results } = await app.items.bulkCreateItems(
      [item(pid(901), SET_A, 'bulk'), item(pid(902), SET_A, 'bulk'), item(pid(903), SET_B, 'bulk')],
      {
        returnEntity: true,
      },
    );
    const [u1, u2] = results!.map((r) => r.item!);
    const updated = await app.items.bulkUpdateItems({
      items: [
        { item: { _id: u1!._id!, revision: '1', displayName: 'U1' } },
        { item: { _id: u2!._id!, revision: '9', displayName: 'stale' } },
      ],
      returnEntity: true,
    });
    expect(updated.results!.map((r) => r.itemMetadata?.success)).toEqual([true, false]);
    const deleted = await app.items.bulkDeleteItems([u2!._id!]);
    expect(deleted.results![0]?.itemMetadata?.success).toBe(true);
    await app.items.bulkDeleteItemsByFilter('bulk', { filter: { itemSetId: SET_B } });
    expect((await app.items.queryItems().eq('namespace', 'bulk').find()).items.map((i) => i.displayName)).toEqual([
      'U1',
    ]);
  });

  it('answers bad input with the field and refuses members, visitors and callers without a token', async () => {
    const missing = await emu.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/items', {
      item: { externalId: 'x', providerAppId: 'a', namespace: 'n' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details.applicationError.data.field).toBe('item.itemSetId');
    const member = await emu.client({ type: 'MEMBER', memberId: 'm' }, { items });
    expect(await errorOf(member.items.queryItems().find())).toMatchObject({ status: 403 });
    expect(await errorOf(member.items.createItem(item('by-member')))).toMatchObject({ status: 403 });
    const visitor = await emu.client({ type: 'VISITOR' }, { items });
    expect(await errorOf(visitor.items.queryItems().find())).toMatchObject({ status: 403 });
    expect((await emu.call(null, 'POST', '/benefit-programs/v1/items/query', {})).status).toBe(401);
  });
});
