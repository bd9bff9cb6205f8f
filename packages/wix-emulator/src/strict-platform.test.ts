import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { balances, pools, programs, transactions } from '@wix/benefit-programs';
import { collections, items } from '@wix/data';
import { members } from '@wix/members';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strictOrder } from './platform/webhooks.ts';
import { errorOf, guidFor, startTestEmulator, type TestEmulator } from './testing/index.ts';

/**
 * Strict mode (README, "Strict mode") beyond Benefit Programs (strict.test.ts): Wix Data, webhooks and the rate
 * limit, through the real SDK or raw calls, against an emulator started with `strict: true` and small tunables.
 * Nothing here asserts on timing: what is transient is polled until it settles, with a bound.
 */

let emu: TestEmulator;
const modules = { programs, pools, balances, transactions };
const TRANSIENT_MS = 200;

beforeAll(async () => {
  // A high rate limit for everything but the rate limit's own test.
  emu = await startTestEmulator({
    strict: true,
    tunables: { transientMs: TRANSIENT_MS, dataLagMs: 300, rateLimitPerMinute: 100_000 },
  });
});
afterAll(async () => emu?.close());

/** Calls `read` until `done` holds of its answer, at most `boundMs`; answers the last answer. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, boundMs = 10_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not settled after ${boundMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('e. Wix Data items need a collection that exists', () => {
  it('answers WDE0025 for a collection nobody created, and works once the Data Collections API created it', async () => {
    const wix = await emu.client({ type: 'APP' }, { items, collections });
    expect(await errorOf(wix.items.insert('Pickups', { _id: guidFor('pickup-1'), status: 'WAITING' }))).toMatchObject({
      code: 'WDE0025',
    });
    expect(await errorOf(wix.items.query('Pickups').find())).toMatchObject({ code: 'WDE0025' });
    expect(await errorOf(wix.collections.getDataCollection('Pickups'))).toMatchObject({ code: 'WDE0025', status: 404 });
    const created = await wix.collections.createDataCollection({
      _id: 'Pickups',
      displayName: 'Pickups',
      fields: [{ key: 'status', type: 'TEXT' }],
      permissions: { insert: 'ADMIN', update: 'ADMIN', remove: 'ADMIN', read: 'ADMIN' },
    } as never);
    expect(created).toMatchObject({ _id: 'Pickups', displayName: 'Pickups', collectionType: 'NATIVE' });
    expect(await wix.collections.getDataCollection('Pickups')).toMatchObject({
      _id: 'Pickups',
      fields: [{ key: 'status' }],
    });
    expect((await wix.collections.listDataCollections()).collections?.map((c) => c._id)).toContain('Pickups');
    expect(await errorOf(wix.collections.createDataCollection({ _id: 'Pickups' } as never))).toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    await wix.items.insert('Pickups', { _id: guidFor('pickup-1'), status: 'WAITING' });
    expect(await wix.items.get('Pickups', guidFor('pickup-1'), { consistentRead: true })).toMatchObject({
      status: 'WAITING',
    });
  });
});

describe('d. Wix Data reads without consistentRead lag writes by dataLagMs', () => {
  /**
   * A write stays unseen for dataLagMs as set when it is written: written while this is 60 s, it stays unseen for the
   * whole check (no race with time); written at 300 ms, it is polled until seen, with a bound.
   */
  const holdLag = () => emu.admin('/_emulator/v1/settings', { dataLagMs: 60_000 });
  const releaseLag = () => emu.admin('/_emulator/v1/settings', { dataLagMs: 300 });
  const data = async (collection: string) => {
    await emu.admin('/_emulator/v1/data/collections', { id: collection });
    return emu.client({ type: 'APP' }, { items });
  };
  const consistent = { consistentRead: true };

  it('an inserted item is seen once dataLagMs has passed, and by consistentRead at once', async () => {
    const wix = await data('LagSoon');
    const id = guidFor('lag-soon');
    await wix.items.insert('LagSoon', { _id: id, status: 'WAITING' });
    expect(await wix.items.get('LagSoon', id, consistent)).toMatchObject({ _id: id, status: 'WAITING' });
    const seen = await until(
      () => wix.items.get('LagSoon', id),
      (item) => item !== null,
    );
    expect(seen).toMatchObject({ _id: id, status: 'WAITING' });
    expect((await wix.items.query('LagSoon').find()).items.map((i) => i._id)).toEqual([id]);
    expect(await wix.items.query('LagSoon').count()).toBe(1);
  });

  it('an item inserted less than dataLagMs ago is not found, listed or counted; writes act on it', async () => {
    const wix = await data('LagInserts');
    const id = guidFor('lag-insert');
    await holdLag();
    try {
      await wix.items.insert('LagInserts', { _id: id, status: 'WAITING' });
      expect(await wix.items.get('LagInserts', id)).toBeNull();
      expect((await wix.items.query('LagInserts').find()).items).toEqual([]);
      expect((await wix.items.query('LagInserts').find({ returnTotalCount: true })).totalCount).toBe(0);
      expect(await wix.items.query('LagInserts').eq('status', 'WAITING').count()).toBe(0);
      const raw = await emu.call({ type: 'APP' }, 'GET', `/wix-data/v2/items/${id}?dataCollectionId=LagInserts`);
      expect(raw.status).toBe(404);
      expect(raw.body.details.applicationError.code).toBe('WDE0073');

      expect(await wix.items.get('LagInserts', id, consistent)).toMatchObject({ _id: id, status: 'WAITING' });
      expect((await wix.items.query('LagInserts').find(consistent)).items.map((i) => i._id)).toEqual([id]);
      expect(await wix.items.query('LagInserts').eq('status', 'WAITING').count(consistent)).toBe(1);
      const rawConsistent = await emu.call(
        { type: 'APP' },
        'GET',
        `/wix-data/v2/items/${id}?dataCollectionId=LagInserts&consistentRead=true`,
      );
      expect(rawConsistent.status).toBe(200);

      // Writes act on the latest state: the id is taken, and the item can be updated and saved.
      expect(await errorOf(wix.items.insert('LagInserts', { _id: id, status: 'OTHER' }))).toMatchObject({
        code: 'WDE0074',
      });
      await wix.items.update('LagInserts', { _id: id, status: 'HANDED_OVER' });
      expect(await wix.items.save('LagInserts', { _id: id, status: 'SAVED' })).toMatchObject({ status: 'SAVED' });
      expect(await wix.items.get('LagInserts', id)).toBeNull();
      expect(await wix.items.get('LagInserts', id, consistent)).toMatchObject({ status: 'SAVED' });
    } finally {
      await releaseLag();
    }
  });

  it('an updated item answers its previous version, in get, filters and sorts; a removed one is still seen', async () => {
    const wix = await data('LagUpdates');
    const id = guidFor('lag-update');
    const other = guidFor('lag-other');
    await wix.items.insert('LagUpdates', { _id: id, status: 'WAITING', rank: 1 });
    await wix.items.insert('LagUpdates', { _id: other, status: 'WAITING', rank: 2 });
    await until(
      () => wix.items.query('LagUpdates').count(),
      (n) => n === 2,
    );
    await holdLag();
    try {
      await wix.items.update('LagUpdates', { _id: id, status: 'HANDED_OVER', rank: 3 });
      expect(await wix.items.get('LagUpdates', id)).toMatchObject({ status: 'WAITING', rank: 1 });
      const waiting = await wix.items.query('LagUpdates').eq('status', 'WAITING').descending('rank').find();
      expect(waiting.items.map((i) => i._id)).toEqual([other, id]);
      expect(await wix.items.query('LagUpdates').eq('status', 'HANDED_OVER').count()).toBe(0);
      expect(await wix.items.get('LagUpdates', id, consistent)).toMatchObject({ status: 'HANDED_OVER', rank: 3 });
      const latest = await wix.items.query('LagUpdates').descending('rank').find(consistent);
      expect(latest.items.map((i) => i._id)).toEqual([id, other]);

      // A second write within the lag: plain reads still see the version from before the first.
      await wix.items.update('LagUpdates', { _id: id, status: 'REVERTED', rank: 4 });
      expect(await wix.items.get('LagUpdates', id)).toMatchObject({ status: 'WAITING' });

      // Removed: still seen by plain reads; gone for writes and consistent reads.
      expect(await wix.items.remove('LagUpdates', id)).toMatchObject({ status: 'REVERTED' });
      expect(await wix.items.get('LagUpdates', id)).toMatchObject({ status: 'WAITING' });
      expect(await wix.items.query('LagUpdates').count()).toBe(2);
      expect(await wix.items.get('LagUpdates', id, consistent)).toBeNull();
      expect(await wix.items.query('LagUpdates').count(consistent)).toBe(1);
      expect(await errorOf(wix.items.update('LagUpdates', { _id: id, status: 'AGAIN' }))).toMatchObject({
        code: 'WDE0073',
      });
      expect(await wix.items.remove('LagUpdates', id)).toBeNull();
      const { collections: listed } = (await emu.admin('/_emulator/v1/data/collections')) as {
        collections: Array<{ id: string; itemCount: number }>;
      };
      expect(listed.find((c) => c.id === 'LagUpdates')?.itemCount).toBe(1);

      // Inserted again over its removal: the write succeeds, plain reads still see the old version.
      await wix.items.insert('LagUpdates', { _id: id, status: 'BACK', rank: 5 });
      expect(await wix.items.get('LagUpdates', id)).toMatchObject({ status: 'WAITING' });
      expect(await wix.items.get('LagUpdates', id, consistent)).toMatchObject({ status: 'BACK' });
    } finally {
      await releaseLag();
    }
    // A write at 300 ms: plain reads see the latest once it has passed.
    await wix.items.update('LagUpdates', { _id: id, status: 'DONE', rank: 6 });
    const done = await until(
      () => wix.items.get('LagUpdates', id),
      (item) => item?.status === 'DONE',
    );
    expect(done).toMatchObject({ status: 'DONE', rank: 6 });
  });

  it('removals and truncate lag too; cursor pages list the versions plain reads see, each once', async () => {
    const wix = await data('LagPages');
    const ids = [0, 1, 2, 3].map((n) => guidFor(`lag-page-${n}`));
    for (const [n, id] of ids.entries()) await wix.items.insert('LagPages', { _id: id, n });
    await until(
      () => wix.items.query('LagPages').count(),
      (n) => n === 4,
    );
    await holdLag();
    try {
      await wix.items.remove('LagPages', ids[0]!);
      await wix.items.update('LagPages', { _id: ids[1]!, n: 100 });
      await wix.items.insert('LagPages', { _id: guidFor('lag-page-new'), n: -1 });
      const seen: Array<{ _id: string; n: number }> = [];
      let page = await emu.call({ type: 'APP' }, 'POST', '/wix-data/v2/items/query', {
        dataCollectionId: 'LagPages',
        query: { sort: [{ fieldName: 'n', order: 'ASC' }], cursorPaging: { limit: 1 } },
      });
      for (;;) {
        expect(page.status).toBe(200);
        seen.push(...page.body.dataItems.map((d: { data: { _id: string; n: number } }) => d.data));
        const next = page.body.pagingMetadata.cursors?.next;
        if (!next) break;
        page = await emu.call({ type: 'APP' }, 'POST', '/wix-data/v2/items/query', {
          dataCollectionId: 'LagPages',
          query: { cursorPaging: { cursor: next, limit: 1 } },
        });
      }
      expect(seen.map((item) => [item._id, item.n])).toEqual(ids.map((id, n) => [id, n]));

      await wix.items.truncate('LagPages');
      expect(await wix.items.query('LagPages').count()).toBe(4);
      expect(await wix.items.query('LagPages').count(consistent)).toBe(0);
      await wix.items.insert('LagPages', { _id: ids[2]!, n: 7 });
      expect(await wix.items.get('LagPages', ids[2]!)).toMatchObject({ n: 2 });
    } finally {
      await releaseLag();
    }
  });
});

describe('g. webhooks: every event twice, the deliveries of a batch in a seeded shuffled order', () => {
  it('shuffles deterministically: the same seed gives the same order, not the order written', () => {
    const ids = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(strictOrder(ids, 1)).toEqual(strictOrder(ids, 1));
    expect(strictOrder(ids, 1)).not.toEqual(ids);
    expect([...strictOrder(ids, 1)].sort((a, b) => a - b)).toEqual(ids);
  });

  it('delivers each event twice', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
      await emu.admin('/_emulator/v1/apps', { appId: 'gym-rewards', webhookUrl: url });
      const admin = await emu.client({ type: 'APP' }, { members });
      const member = await admin.members.createMember({ member: { loginEmail: 'twice@example.com' } } as never);
      const eventsOf = () =>
        received
          .map((jwt) => JSON.parse(JSON.parse(String(decodeJwt(jwt).data)).data))
          .filter((event) => event.entityId === member._id);
      const both = await until(
        async () => eventsOf(),
        (events) => events.length >= 2,
      );
      expect(both).toHaveLength(2);
      expect(both[0].id).toBe(both[1].id);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('f. the rate limit', () => {
  it("answers 429 RESOURCE_EXHAUSTED past rateLimitPerMinute requests a minute; the emulator's routes are not counted", async () => {
    const limited = await startTestEmulator({ strict: true, tunables: { rateLimitPerMinute: 5 } });
    try {
      const app = await limited.client({ type: 'APP' }, modules);
      for (let i = 0; i < 5; i++) await app.programs.queryPrograms().find();
      // The emulator's own API still answers (tokens included).
      expect(await limited.admin('/_emulator/v1/settings')).toMatchObject({ rateLimitPerMinute: 5 });
      const refused = await errorOf(app.programs.queryPrograms().find());
      expect(refused).toMatchObject({ code: 'RESOURCE_EXHAUSTED', status: 429 });
      const raw = await limited.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/pools/query', {});
      expect(raw.status).toBe(429);
      // A larger limit lets requests through again within the same minute.
      await limited.admin('/_emulator/v1/settings', { rateLimitPerMinute: 7 });
      await app.programs.queryPrograms().find();
    } finally {
      await limited.close();
    }
  });
});
