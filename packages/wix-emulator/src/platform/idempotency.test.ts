import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../http/app.ts';
import { WixError } from '../http/errors.ts';
import { products } from '../services/stores/tables.ts';
import type { Doc } from '../storage/columns.ts';
import { openStorage, type Storage } from '../storage/db.ts';
import { insertEntity } from '../storage/entities.ts';
import { testDatabase } from '../testing/index.ts';
import { fingerprint, idempotent } from './idempotency.ts';

let storage: Storage;
let database: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  database = await testDatabase();
  storage = await openStorage(database.database);
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

const now = new Date('2026-06-01T00:00:00.000Z');
let runs = 0;

/** The work a method does under an idempotency key: here, creating a product (a real entity) and counting the runs. */
const createProduct = (scope: string, key: string | undefined | null, request: Doc) =>
  inTransaction(storage.db, (tx) =>
    idempotent(tx, scope, key, request, async () => {
      runs++;
      const doc = await insertEntity(tx, products, randomUUID(), request, now);
      return { product: doc };
    }),
  );

const productCount = async () =>
  ((await storage.db.execute(sql`select count(*)::int as n from ${products}`)).rows[0] as { n: number }).n;

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      if (!(error instanceof WixError)) throw error;
      return { status: error.status, code: error.code, data: error.data };
    },
  );

describe('idempotent()', () => {
  it('runs the work once for 20 concurrent calls with one key, and all of them get its answer', async () => {
    const before = { runs, products: await productCount() };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => createProduct('stores.createProduct', 'race-1', { name: 'Shaker' })),
    );
    expect(runs - before.runs).toBe(1);
    expect((await productCount()) - before.products).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('answers a retry with the first answer, changing nothing', async () => {
    const first = await createProduct('stores.createProduct', 'retry-1', { name: 'Bottle', price: '3.00' });
    const count = await productCount();
    // The same request, its fields in another order.
    const retry = await createProduct('stores.createProduct', 'retry-1', { price: '3.00', name: 'Bottle' });
    expect(retry).toEqual(first);
    expect(await productCount()).toBe(count);
  });

  it("refuses the same key with a different request: 409 ALREADY_EXISTS (Wix's standard code), and nothing changes", async () => {
    await createProduct('stores.createProduct', 'reused-1', { name: 'Towel' });
    const count = await productCount();
    expect(await failure(createProduct('stores.createProduct', 'reused-1', { name: 'Mat' }))).toEqual({
      status: 409,
      code: 'ALREADY_EXISTS',
      data: { idempotencyKey: 'reused-1' },
    });
    expect(await productCount()).toBe(count);
  });

  it('keeps keys apart per scope: one key in two methods runs both', async () => {
    const before = runs;
    await createProduct('scope-a', 'shared-key', { name: 'A' });
    await createProduct('scope-b', 'shared-key', { name: 'B' });
    expect(runs - before).toBe(2);
  });

  it('requires the key (400 naming the field) and refuses one over 200 characters', async () => {
    for (const key of [undefined, null, '']) {
      expect(await failure(createProduct('stores.createProduct', key, { name: 'x' }))).toMatchObject({
        status: 400,
        code: 'INVALID_ARGUMENT',
        data: { field: 'idempotencyKey' },
      });
    }
    expect(await failure(createProduct('stores.createProduct', 'k'.repeat(201), { name: 'x' }))).toMatchObject({
      status: 400,
      data: { field: 'idempotencyKey' },
    });
    const named = inTransaction(storage.db, (tx) =>
      idempotent(tx, 'balances.changeBalance', undefined, {}, async () => ({}), {
        field: 'transactionIdempotencyKey',
        reuseCode: 'DUPLICATE',
      }),
    );
    expect(await failure(named)).toMatchObject({ status: 400, data: { field: 'transactionIdempotencyKey' } });
  });

  it('records nothing when the work fails, so a retry runs it again', async () => {
    const before = runs;
    const failing = inTransaction(storage.db, (tx) =>
      idempotent(tx, 'stores.createProduct', 'fails-once', { name: 'x' }, async () => {
        runs++;
        await insertEntity(tx, products, 'half-done', { name: 'x' }, now);
        throw new WixError(428, 'NOT_READY', 'not yet');
      }),
    );
    expect(await failure(failing)).toMatchObject({ status: 428, code: 'NOT_READY' });
    const retried = await createProduct('stores.createProduct', 'fails-once', { name: 'x' });
    expect(runs - before).toBe(2);
    expect(retried.product.name).toBe('x');
    const halfDone = await storage.db.execute(sql`select 1 from ${products} where id = 'half-done'`);
    expect(halfDone.rows).toHaveLength(0);
  });

  it('keeps no claim of the key when a caller goes on in its transaction after the refusal', async () => {
    const before = runs;
    await inTransaction(storage.db, async (tx) => {
      const refused = idempotent(tx, 'stores.createProduct', 'refused-then-on', { name: 'y' }, async () => {
        runs++;
        throw new WixError(428, 'NOT_READY', 'not yet');
      });
      expect(await failure(refused)).toMatchObject({ code: 'NOT_READY' });
    });
    const retried = await createProduct('stores.createProduct', 'refused-then-on', { name: 'y' });
    expect(runs - before).toBe(2);
    expect(retried.product.name).toBe('y');
  });

  it('fingerprints requests by content, not by key order or undefined fields', () => {
    expect(fingerprint({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      fingerprint({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
    expect(fingerprint({ a: 1, skipped: undefined })).toBe(fingerprint({ a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: '1' }));
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
  });
});
