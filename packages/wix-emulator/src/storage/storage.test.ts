import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WixError } from '../http/errors.ts';
import { startEmulator } from '../index.ts';
import { products } from '../services/stores/tables.ts';
import { createToken, freshDatabaseOn, guidFor } from '../testing/index.ts';
import { type Backend, backends } from './backends.ts';
import { builtOnce } from './built-once.ts';
import { openStorage, type Storage } from './db.ts';
import { findEntity, insertAndSaveEntities, insertEntity, insertEntityUnlessConflict, saveEntity } from './entities.ts';
import { preparingClient } from './prepared-statements.ts';

/**
 * The storage battery on every backend (an embedded server in a temporary directory, a persistent data directory, a
 * server given by URL, and DATABASE_URL when set): transactions, revisions, row locks, migrations under the advisory
 * lock, and durability across a close and a new open. The query language has its own battery (query.test.ts); a crash
 * (SIGKILL of the CLI and its PostgreSQL) is in cli.test.ts.
 */

const all = await backends();
afterAll(async () => {
  for (const backend of all) await backend.dispose();
});

const at = new Date('2026-05-01T08:00:00.000Z');
const later = new Date('2026-05-01T09:00:00.000Z');

/** Runs `work` in a transaction the way the HTTP layer does (see http/app.ts). */
const inTx = <T>(
  storage: Storage,
  work: (tx: Parameters<Parameters<Storage['db']['transaction']>[0]>[0]) => Promise<T>,
) => storage.db.transaction(work);

describe.each(all)('storage on $name', (backend: Backend) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await backend.open();
    await storage.db.execute(sql`truncate ${products}`);
  });
  afterAll(async () => storage?.close());

  it('stores an entity in REST shape with revision 1 and its dates, and finds it again', async () => {
    const doc = await inTx(storage, (tx) =>
      insertEntity(tx, products, 'p-1', { id: 'ignored', revision: '9', name: 'Shaker', price: '12.50' }, at),
    );
    expect(doc).toEqual({
      id: 'p-1',
      name: 'Shaker',
      price: '12.50',
      revision: '1',
      createdDate: at.toISOString(),
      updatedDate: at.toISOString(),
    });
    expect(await findEntity(storage.db, products, 'p-1')).toEqual(doc);
    expect(await findEntity(storage.db, products, 'nobody')).toBeUndefined();
  });

  it("builds a statement once and runs it with each call's values, in the transaction it is given", async () => {
    let builds = 0;
    const productById = builtOnce<{ id: string }>((tx) => {
      builds += 1;
      return tx
        .select({ id: products.id, data: products.data })
        .from(products)
        .where(eq(products.id, sql.placeholder('id')));
    });
    await inTx(storage, (tx) => insertEntity(tx, products, 'once-1', { name: 'Rope' }, at));
    expect(await productById(storage.db, { id: 'once-1' })).toEqual([
      ['once-1', expect.objectContaining({ name: 'Rope' })],
    ]);
    expect(await productById(storage.db, { id: 'once-2' })).toEqual([]);
    // In a transaction it sees the transaction's own writes, which go with its rollback.
    const rolledBack = inTx(storage, async (tx) => {
      await insertEntity(tx, products, 'once-2', { name: 'Mat' }, at);
      expect(await productById(tx, { id: 'once-2' })).toHaveLength(1);
      throw new Error('rolled back');
    });
    await expect(rolledBack).rejects.toThrow('rolled back');
    expect(await productById(storage.db, { id: 'once-2' })).toEqual([]);
    expect(builds).toBe(1);
  });

  it('inserts one entity and saves another in one statement, both gone with a rollback', async () => {
    const old = await inTx(storage, (tx) => insertEntity(tx, products, 'pair-old', { name: 'Band', stock: 3 }, at));
    const pair = (tx: Parameters<Parameters<typeof inTx>[1]>[0], id: string) =>
      insertAndSaveEntities(
        tx,
        { table: products, id, body: { name: 'Band sold', soldOf: 'pair-old' } },
        { table: products, current: old, next: { ...old, stock: 2 } },
        later,
      );
    const rolledBack = inTx(storage, async (tx) => {
      await pair(tx, 'pair-rolled-back');
      throw new Error('rolled back');
    });
    await expect(rolledBack).rejects.toThrow('rolled back');
    expect(await findEntity(storage.db, products, 'pair-rolled-back')).toBeUndefined();
    expect(await findEntity(storage.db, products, 'pair-old')).toEqual(old);

    const written = await inTx(storage, (tx) => pair(tx, 'pair-new'));
    expect(written.inserted).toEqual({
      id: 'pair-new',
      name: 'Band sold',
      soldOf: 'pair-old',
      revision: '1',
      createdDate: later.toISOString(),
      updatedDate: later.toISOString(),
    });
    expect(written.saved).toEqual({ ...old, stock: 2, revision: '2', updatedDate: later.toISOString() });
    expect(await findEntity(storage.db, products, 'pair-new')).toEqual(written.inserted);
    expect(await findEntity(storage.db, products, 'pair-old')).toEqual(written.saved);
  });

  it('prepares each parameterized statement once a connection, and leaves the others unnamed', async () => {
    const prepared = await inTx(storage, async (tx) => {
      for (let i = 0; i < 3; i++) await findEntity(tx, products, `p-${i}`);
      await tx.execute(sql`select 1`);
      return tx.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`);
    });
    const texts = prepared.rows.map((row) => row.statement);
    expect(texts.filter((text) => text.startsWith('select "data" from "stores_products"'))).toEqual([
      'select "data" from "stores_products" where "stores_products"."id" = $1',
    ]);
    // Statements without parameters (this one's and the catalogue's) are not named.
    expect(texts.some((text) => text.includes('pg_prepared_statements') || text === 'select 1')).toBe(false);
  });

  it('names a statement from its second run, at most its limit of them, and runs the rest unnamed alike', async () => {
    const { options } = storage.pool;
    const pool = new pg.Pool({ ...options, password: options.password, max: 1, Client: preparingClient(2) });
    try {
      const answers = [];
      for (const n of [4, 1, 1, 2, 2, 3, 3, 4]) {
        answers.push((await pool.query(`select $1::int + ${n} as sum`, [10])).rows[0].sum);
      }
      expect(answers).toEqual([14, 11, 11, 12, 12, 13, 13, 14]);
      const { rows } = await pool.query('select statement from pg_prepared_statements order by statement');
      // 4 ran first but once before 1 and 2 ran twice: they are named; 3 and 4 came again past the limit.
      expect(rows.map((row) => row.statement)).toEqual(['select $1::int + 1 as sum', 'select $1::int + 2 as sum']);
    } finally {
      await pool.end();
    }
  });

  it('answers null, and changes nothing, when the entity is already there', async () => {
    expect(
      await inTx(storage, (tx) => insertEntityUnlessConflict(tx, products, 'p-1', { name: 'Other' }, later)),
    ).toBeNull();
    expect((await findEntity(storage.db, products, 'p-1'))?.name).toBe('Shaker');
  });

  it('refuses a stale revision with 409 ABORTED and keeps the current document', async () => {
    const current = (await findEntity(storage.db, products, 'p-1')) as Record<string, unknown>;
    const saved = await inTx(storage, (tx) =>
      saveEntity(tx, products, current, { ...current, name: 'Shaker XL' }, later, '1'),
    );
    expect(saved).toMatchObject({
      name: 'Shaker XL',
      revision: '2',
      createdDate: at.toISOString(),
      updatedDate: later.toISOString(),
    });
    const stale = await inTx(storage, (tx) =>
      saveEntity(tx, products, saved, { ...saved, name: 'lost' }, later, '1'),
    ).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(WixError);
    expect(stale).toMatchObject({ status: 409, code: 'ABORTED', data: { id: 'p-1', currentRevision: '2' } });
    expect(await findEntity(storage.db, products, 'p-1')).toEqual(saved);
  });

  it('commits nothing of a transaction that fails', async () => {
    const failed = await inTx(storage, async (tx) => {
      await insertEntity(tx, products, 'p-rolled-back', { name: 'never' }, at);
      throw new WixError(400, 'INVALID_ARGUMENT', 'bad input after the write');
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(WixError);
    expect(await findEntity(storage.db, products, 'p-rolled-back')).toBeUndefined();
  });

  it('serialises 20 concurrent read-modify-writes of one entity with row locks: no update is lost', async () => {
    await inTx(storage, (tx) => insertEntity(tx, products, 'p-counter', { visits: 0 }, at));
    await Promise.all(
      Array.from({ length: 20 }, () =>
        inTx(storage, async (tx) => {
          const doc = (await findEntity(tx, products, 'p-counter', true)) as Record<string, unknown>;
          await saveEntity(tx, products, doc, { ...doc, visits: Number(doc.visits) + 1 }, later, String(doc.revision));
        }),
      ),
    );
    expect(await findEntity(storage.db, products, 'p-counter')).toMatchObject({ visits: 20, revision: '21' });
  });
});

describe.each(all.filter((b) => b.server))('migrations on $name', (backend: Backend) => {
  it('lets several emulators open one database at once: the advisory lock applies each migration once', async () => {
    const fresh = await freshDatabaseOn(await (backend.server as () => Promise<string>)());
    try {
      const storages = await Promise.all([1, 2, 3, 4].map(() => openStorage(fresh.database)));
      const [first] = storages as [Storage];
      const { rows } = await first.pool.query(
        'select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash',
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
      // Every table is there and usable from every connection.
      await Promise.all(
        storages.map((s, i) => s.db.insert(products).values({ id: `m-${i}`, data: {}, createdAt: at, updatedAt: at })),
      );
      const { rows: count } = await first.pool.query('select count(*)::int as n from stores_products');
      expect(count[0].n).toBe(4);
      for (const s of storages) await s.close();
    } finally {
      await fresh.drop();
    }
  });
});

describe.each(all.filter((b) => b.persistent))('durability on $name', (backend: Backend) => {
  it('keeps what it committed when the storage is closed and opened again', async () => {
    const first = await backend.open();
    const doc = await inTx(first, (tx) => insertEntity(tx, products, 'durable', { name: 'kept' }, at));
    await first.close();
    const again = await backend.open();
    try {
      expect(await findEntity(again.db, products, 'durable')).toEqual(doc);
    } finally {
      await again.close();
    }
  });

  it('keeps what the emulator answered 200 for, across a restart on the same database', async () => {
    const create = async (url: string, externalId: string) => {
      const response = await fetch(`${url}/_api/benefit-programs/v1/program-definitions`, {
        method: 'POST',
        headers: { authorization: await createToken(url, { type: 'APP' }), 'content-type': 'application/json' },
        body: JSON.stringify({ programDefinition: { namespace: 'durability', externalId } }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { programDefinition: { id: string } }).programDefinition;
    };
    const first = await startEmulator({ port: 0, database: backend.spec });
    // External ids as Wix declares them: GUIDs.
    const created = await Promise.all(['a', 'b', 'c'].map((id) => create(first.url, guidFor(`durability-${id}`))));
    await first.close();

    const second = await startEmulator({ port: 0, database: backend.spec });
    try {
      const response = await fetch(`${second.url}/_api/benefit-programs/v1/program-definitions/query`, {
        method: 'POST',
        headers: { authorization: await createToken(second.url, { type: 'APP' }), 'content-type': 'application/json' },
        body: JSON.stringify({ query: { filter: { namespace: 'durability' } } }),
      });
      const { programDefinitions } = (await response.json()) as { programDefinitions: Array<{ id: string }> };
      expect(programDefinitions.map((d) => d.id).sort()).toEqual(created.map((d) => d.id).sort());
    } finally {
      await second.close();
    }
  });
});
