import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WixError } from '../http/errors.ts';
import { products } from '../services/stores/tables.ts';
import { type Backend, backends } from './backends.ts';
import type { Doc } from './columns.ts';
import type { Storage } from './db.ts';
import { encodeCursor, type QueryInput, queryEntities } from './query.ts';
import { expected, type Filter, type Json, operatorsOf, type Sort } from './query-reference.ts';

/**
 * The query language battery: generated documents and generated Wix filters and sorts, run by `queryEntities` on a
 * real table (Stores products) on every storage backend, and compared with the small reference evaluator below.
 */

// ---- generators: documents with every kind of JSON value, and filters and sorts over them ----

const chars = ['a', 'b', 'A', 'B', 'é', ' ', '%', '_', '\\', '.', '*', '"', '['];
const text = fc.array(fc.constantFrom(...chars), { maxLength: 3 }).map((c) => c.join(''));
const number = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-1.5, 0.5, 2.25));
const instant = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom(0, 12, 23))
  .map(([day, hour]) => new Date(Date.UTC(2026, 0, 1 + day, hour)));
const storedDate = instant.map((d) => d.toISOString());
/** A date as a filter may give it: canonical, `{ $date }`, without milliseconds, or at another offset. */
const filterDate = fc.tuple(instant, fc.nat(3)).map(([d, form]): Json => {
  const iso = d.toISOString();
  if (form === 0) return iso;
  if (form === 1) return { $date: iso };
  if (form === 2) return iso.replace('.000Z', 'Z');
  const shifted = new Date(d.getTime() + 2 * 3600_000).toISOString().replace('.000Z', '+02:00');
  return shifted;
});
const tag = fc.constantFrom('a', 'b', 'c', 'A');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.option(arb, { nil: null }), { nil: undefined, freq: 4 });

const docArb = fc.record(
  {
    n: maybe(number),
    s: maybe(text),
    b: maybe(fc.boolean()),
    d: maybe(storedDate),
    tags: maybe(fc.array(tag, { maxLength: 3 })),
    o: maybe(
      fc.record(
        {
          x: maybe(fc.integer({ min: 0, max: 2 })),
          y: maybe(text),
          deep: fc.record({ z: maybe(text) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
    ),
    list: maybe(
      fc.array(fc.record({ k: maybe(fc.constantFrom('p', 'q', 'P')), v: maybe(number) }, { requiredKeys: [] }), {
        maxLength: 3,
      }),
    ),
    /** A field of mixed types, for type-ordering and type-mismatch readings. */
    m: maybe(
      fc.oneof(number, text, fc.boolean(), storedDate, fc.array(tag, { maxLength: 2 }), fc.constant({ k: 'p' })),
    ),
  },
  { requiredKeys: [] },
);

const anyScalar: fc.Arbitrary<Json> = fc.oneof(number, text, fc.boolean(), filterDate);
const valueFor: Record<string, fc.Arbitrary<Json>> = {
  n: number,
  s: text,
  b: fc.boolean(),
  d: filterDate,
  tags: tag,
  'o.x': fc.integer({ min: 0, max: 2 }),
  'o.y': text,
  'o.deep.z': text,
  'list.k': fc.constantFrom('p', 'q', 'P'),
  'list.v': number,
  m: anyScalar,
  nowhere: anyScalar,
};
const fieldArb = fc.constantFrom(...Object.keys(valueFor));

/** One operator on one field: right-typed values mostly, values of another type now and then. */
const conditionArb = (field: string): fc.Arbitrary<Filter> => {
  const value = fc.oneof(
    { weight: 4, arbitrary: valueFor[field] as fc.Arbitrary<Json> },
    { weight: 1, arbitrary: anyScalar },
  );
  const list = fc.array(fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }), {
    maxLength: 3,
  });
  return fc.oneof(
    fc.constantFrom('$eq', '$ne').chain((op) => fc.option(value, { nil: null, freq: 4 }).map((v) => ({ [op]: v }))),
    fc.constantFrom('$gt', '$gte', '$lt', '$lte').chain((op) => value.map((v) => ({ [op]: v }))),
    fc.constantFrom('$in', '$nin', '$hasSome', '$hasAll').chain((op) => list.map((v) => ({ [op]: v }))),
    fc.constantFrom('$startsWith', '$endsWith', '$contains').chain((op) => text.map((v) => ({ [op]: v }))),
    fc.constantFrom('$exists', '$isEmpty').chain((op) => fc.boolean().map((v) => ({ [op]: v }))),
  );
};

const leafArb: fc.Arbitrary<Filter> = fieldArb.chain((field) =>
  fc.oneof(
    // `{ field: value }`, equality
    fc.option(valueFor[field] as fc.Arbitrary<Json>, { nil: null, freq: 6 }).map((v) => ({ [field]: v })),
    // `{ field: { $op: value } }`, one or two operators
    conditionArb(field).map((c) => ({ [field]: c })),
    fc.tuple(conditionArb(field), conditionArb(field)).map(([a, b]) => ({ [field]: { ...a, ...b } })),
    // equality with a whole array or object
    fc.constantFrom<Filter>(
      { tags: ['a'] },
      { tags: [] },
      { tags: ['a', 'b'] },
      { o: {} },
      { o: { x: 1 } },
      { m: { k: 'p' } },
    ),
  ),
);

const filterArb: fc.Arbitrary<Filter> = fc.letrec((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.tuple(leafArb, leafArb).map(([a, b]) => ({ ...a, ...b })),
    fc.array(tie('filter'), { maxLength: 3 }).map((fs) => ({ $and: fs })),
    fc.array(tie('filter'), { maxLength: 3 }).map((fs) => ({ $or: fs })),
    tie('filter').map((f) => ({ $not: f })),
  ),
})).filter as fc.Arbitrary<Filter>;

const sortArb: fc.Arbitrary<Sort> = fc.array(
  fc.record({
    fieldName: fc.constantFrom('n', 's', 'b', 'd', 'o.x', 'o.y', 'mixed'),
    order: fc.constantFrom<'ASC' | 'DESC'>('ASC', 'DESC'),
  }),
  { maxLength: 3 },
);

// ---- the documents: generated ones, and a few written out for the readings the README states ----

const fixed: Doc[] = [
  { id: 'fixed-tags', tags: ['red', 'green'], s: 'Shaker Bottle', d: '2026-03-01T10:00:00.000Z' },
  { id: 'fixed-red', tags: 'red', s: 'shaker', n: 10 },
  { id: 'fixed-upper', tags: ['RED'], s: 'XYZ', n: '10' },
  { id: 'fixed-empty', tags: [], s: '', o: { y: 'Z' } },
  { id: 'fixed-benefits', details: { benefits: [{ itemSetId: 'set-1' }, { itemSetId: 'set-2' }] } },
];

function generatedDocs(): Doc[] {
  return fc.sample(docArb, { numRuns: 150, seed: 20261122 }).map((d, i) => {
    const doc = JSON.parse(JSON.stringify(d)) as Doc;
    // `mixed`: every type a sort may meet in one field (scalars, null, missing).
    const mixed = [1, 'b', true, null, undefined, -2, 'B', false, '2026-01-01T00:00:00.000Z'][i % 9];
    return { id: `doc-${String(i).padStart(3, '0')}`, ...doc, ...(mixed === undefined ? {} : { mixed }) };
  });
}

const all = await backends();
afterAll(async () => {
  for (const backend of all) await backend.dispose();
});

describe.each(all)('the query language on $name', (backend: Backend) => {
  let storage: Storage;
  const docs = [...generatedDocs(), ...fixed];
  const run = (query: QueryInput) => queryEntities(storage.db, products, query);

  /** Every page of a query, following `cursors.next` with cursor-only requests. */
  async function allPages(query: QueryInput, limit: number) {
    const pages = [await run({ ...query, cursorPaging: { limit } })];
    for (let page = pages[0]; page?.cursorMetadata.hasNext; ) {
      page = await run({ cursorPaging: { cursor: page.cursorMetadata.cursors.next, limit } });
      pages.push(page);
    }
    return pages;
  }

  beforeAll(async () => {
    storage = await backend.open();
    await storage.db.execute(sql`truncate ${products}`);
    const base = Date.UTC(2026, 0, 1);
    // Documents created three to an instant: ties on createdDate fall back to insertion order.
    await storage.db.insert(products).values(
      docs.map((data, i) => {
        const at = new Date(base + Math.floor(i / 3));
        return { id: String(data.id), data, createdAt: at, updatedAt: at };
      }),
    );
  });
  afterAll(async () => storage?.close());

  it('answers every generated filter as the reference evaluator does', async () => {
    let selective = 0;
    const exercised = new Set<string>();
    await fc.assert(
      fc.asyncProperty(filterArb, async (filter) => {
        const page = await run({ filter, cursorPaging: { limit: 100 } });
        const rest = page.cursorMetadata.hasNext
          ? (await run({ cursorPaging: { cursor: page.cursorMetadata.cursors.next, limit: 100 } })).docs
          : [];
        const want = expected(docs, filter);
        expect(
          [...page.docs, ...rest].map((d) => d.id),
          JSON.stringify(filter),
        ).toEqual(want);
        if (want.length > 0 && want.length < docs.length) {
          selective++;
          for (const op of operatorsOf(filter)) exercised.add(op);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    // Dates in any ISO form, with every operator that compares them.
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in'),
        filterDate,
        async (op, date) => {
          const filter = { d: { [op]: op === '$in' ? [date] : date } };
          const got = (await run({ filter, cursorPaging: { limit: 100 } })).docs.map((d) => d.id);
          expect(got, JSON.stringify(filter)).toEqual(expected(docs, filter).slice(0, 100));
        },
      ),
      { numRuns: 60, seed: 11 },
    );
    // The generated filters must tell documents apart, not just match all or none, with every operator.
    expect(selective).toBeGreaterThan(100);
    expect([...exercised].sort()).toEqual(
      [
        '$and',
        '$contains',
        '$endsWith',
        '$eq',
        '$exists',
        '$gt',
        '$gte',
        '$hasAll',
        '$hasSome',
        '$in',
        '$isEmpty',
        '$lt',
        '$lte',
        '$ne',
        '$nin',
        '$not',
        '$or',
        '$startsWith',
      ].sort(),
    );
  });

  it('pages of 1 to 100 through cursor-only follow-ups give every match exactly once, in sort order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100 }),
        fc.option(filterArb, { freq: 2 }),
        sortArb,
        async (limit, filter, sort) => {
          const query = { ...(filter ? { filter } : {}), sort };
          const pages = await allPages(query, limit);
          const ids = pages.flatMap((p) => p.docs.map((d) => String(d.id)));
          expect(ids, JSON.stringify({ limit, ...query })).toEqual(expected(docs, filter ?? undefined, sort));
          for (const page of pages.slice(0, -1)) expect(page.docs).toHaveLength(limit);
          expect(pages.at(-1)?.cursorMetadata.cursors.next).toBeUndefined();
          // `prev` of the second page is the first page again.
          const [first, second] = pages;
          if (first && second) {
            const back = await run({ cursorPaging: { cursor: second.cursorMetadata.cursors.prev, limit } });
            expect(back.docs).toEqual(first.docs);
          }
        },
      ),
      { numRuns: 30, seed: 7 },
    );
  });

  it('pages by { limit, offset } (the legacy APIs) in the same order, with the total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100 }),
        fc.nat(170),
        filterArb,
        sortArb,
        async (limit, offset, filter, sort) => {
          const page = await run({ filter, sort, paging: { limit, offset } });
          const want = expected(docs, filter, sort);
          expect(page.docs.map((d) => d.id)).toEqual(want.slice(offset, offset + limit));
          expect(page.offsetMetadata).toEqual({
            count: page.docs.length,
            offset,
            total: want.length,
            tooManyToCount: false,
          });
        },
      ),
      { numRuns: 30, seed: 5 },
    );
  });

  it('keeps the readings the README states', async () => {
    const ids = async (filter: Filter, sort?: Sort) =>
      (
        await run({ filter: { $and: [filter, { id: { $startsWith: 'fixed-' } }] }, ...(sort ? { sort } : {}) })
      ).docs.map((d) => d.id);
    // `{ tags: 'red' }` matches an array holding "red" and a field equal to "red" (Wix's documented example); case counts.
    expect(await ids({ tags: 'red' })).toEqual(['fixed-tags', 'fixed-red']);
    expect(await ids({ tags: { $hasSome: ['red', 'blue'] } })).toEqual(['fixed-tags', 'fixed-red']);
    expect(await ids({ tags: { $hasAll: ['red', 'green'] } })).toEqual(['fixed-tags']);
    // Arrays on the way are looked into.
    expect(await ids({ 'details.benefits.itemSetId': 'set-2' })).toEqual(['fixed-benefits']);
    // $startsWith, $endsWith and $contains ignore case; equality and $in do not.
    expect(await ids({ s: { $startsWith: 'SHAKER' } })).toEqual(['fixed-tags', 'fixed-red']);
    expect(await ids({ s: { $contains: 'r b' } })).toEqual(['fixed-tags']);
    expect(await ids({ s: 'Shaker' })).toEqual([]);
    expect(await ids({ s: { $in: ['shaker', 'SHAKER'] } })).toEqual(['fixed-red']);
    // A number never equals a numeric string, nor compares with one.
    expect(await ids({ n: 10 })).toEqual(['fixed-red']);
    expect(await ids({ n: { $gte: 5 } })).toEqual(['fixed-red']);
    // $exists: false and null match a missing field or a null; an empty array or string is a value.
    expect(await ids({ tags: { $exists: false } })).toEqual(['fixed-benefits']);
    expect(await ids({ tags: null })).toEqual(['fixed-benefits']);
    // $isEmpty: an empty string or array, a null or no field at all.
    expect(await ids({ tags: { $isEmpty: true } })).toEqual(['fixed-empty', 'fixed-benefits']);
    expect(await ids({ s: { $isEmpty: false } })).toEqual(['fixed-tags', 'fixed-red', 'fixed-upper']);
    // Dates compare as instants, whatever ISO form the filter uses.
    expect(await ids({ d: '2026-03-01T12:00:00+02:00' })).toEqual(['fixed-tags']);
    expect(await ids({ d: { $gt: { $date: '2026-03-01T09:59:59Z' } } })).toEqual(['fixed-tags']);
    // Strings sort by code point ("XYZ" before "abc"); across types: no value, numbers, strings.
    expect(await ids({}, [{ fieldName: 's', order: 'ASC' }])).toEqual([
      'fixed-benefits',
      'fixed-empty',
      'fixed-tags',
      'fixed-upper',
      'fixed-red',
    ]);
    expect(await ids({}, [{ fieldName: 'n', order: 'DESC' }])).toEqual([
      'fixed-upper',
      'fixed-red',
      'fixed-benefits',
      'fixed-empty',
      'fixed-tags',
    ]);
  });

  it('refuses a bad query with 400 INVALID_ARGUMENT naming the field', async () => {
    const refusal = async (query: unknown) => {
      const error = await run(query as QueryInput).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(error instanceof WixError))
        throw new Error(`expected a WixError for ${JSON.stringify(query)}, got ${error}`);
      return [error.status, error.code, error.data.field];
    };
    const refused = (field: string) => [400, 'INVALID_ARGUMENT', field];
    expect(await refusal({ cursorPaging: { limit: 101 } })).toEqual(refused('query.cursorPaging.limit'));
    expect(await refusal({ cursorPaging: { limit: -1 } })).toEqual(refused('query.cursorPaging.limit'));
    expect(await refusal({ cursorPaging: { limit: 2.5 } })).toEqual(refused('query.cursorPaging.limit'));
    expect(await refusal({ paging: { limit: 500 } })).toEqual(refused('query.paging.limit'));
    expect(await refusal({ cursorPaging: { cursor: 'not-a-cursor' } })).toEqual(refused('query.cursorPaging.cursor'));
    expect(await refusal({ cursorPaging: { cursor: 42 } })).toEqual(refused('query.cursorPaging.cursor'));
    expect(
      await refusal({ cursorPaging: { cursor: encodeCursor({ f: { n: { $near: 1 } }, s: null, o: 0 }) } }),
    ).toEqual(refused('query.cursorPaging.cursor'));
    expect(await refusal({ cursorPaging: { cursor: Buffer.from('{"o":-1}').toString('base64url') } })).toEqual(
      refused('query.cursorPaging.cursor'),
    );
    const next = (await run({ filter: { n: { $exists: true } }, cursorPaging: { limit: 1 } })).cursorMetadata.cursors
      .next;
    expect(await refusal({ filter: { n: 1 }, cursorPaging: { cursor: next } })).toEqual(refused('query'));
    expect(await refusal({ cursorPaging: { cursor: next, limit: 101 } })).toEqual(refused('query.cursorPaging.limit'));

    expect(await refusal({ filter: { n: { $near: 1 } } })).toEqual(refused('query.filter.n.$near'));
    expect(await refusal({ filter: { n: { $regex: 'a' } } })).toEqual(refused('query.filter.n.$regex'));
    expect(await refusal({ filter: { $nor: [] } })).toEqual(refused('query.filter.$nor'));
    expect(await refusal({ filter: { $and: [{ s: 'a' }, { s: { $like: 'a' } }] } })).toEqual(
      refused('query.filter.$and[1].s.$like'),
    );
    expect(await refusal({ filter: { 'bad field': 1 } })).toEqual(refused('query.filter.bad field'));
    expect(await refusal({ filter: [] })).toEqual(refused('query.filter'));
    expect(await refusal({ filter: { $or: 'x' } })).toEqual(refused('query.filter.$or'));
    expect(await refusal({ filter: { $not: 1 } })).toEqual(refused('query.filter.$not'));
    expect(await refusal({ filter: { n: { $in: 1 } } })).toEqual(refused('query.filter.n.$in'));
    expect(await refusal({ filter: { tags: { $hasAll: 'a' } } })).toEqual(refused('query.filter.tags.$hasAll'));
    expect(await refusal({ filter: { s: { $startsWith: 1 } } })).toEqual(refused('query.filter.s.$startsWith'));
    expect(await refusal({ filter: { n: { $gt: { a: 1 } } } })).toEqual(refused('query.filter.n.$gt'));
    expect(await refusal({ filter: { n: { $exists: 'yes' } } })).toEqual(refused('query.filter.n.$exists'));
    expect(await refusal({ filter: { o: { $exists: true, x: 1 } } })).toEqual(refused('query.filter.o'));
    expect(await refusal({ filter: { d: { $gt: { $date: 'soon' } } } })).toEqual(refused('query.filter.d.$gt.$date'));
    expect(await refusal({ sort: [{ fieldName: 'n', order: 'UP' }] })).toEqual(refused('query.sort[0].order'));
    expect(await refusal({ sort: [{ order: 'ASC' }] })).toEqual(refused('query.sort[0].fieldName'));
    expect(await refusal({ sort: [{ fieldName: 'a b' }] })).toEqual(refused('query.sort[0].fieldName'));
    expect(await refusal({ sort: [null] })).toEqual(refused('query.sort[0]'));
    expect(await refusal({ sort: { fieldName: 'n' } })).toEqual(refused('query.sort'));
    expect(await refusal({ sort: Array(6).fill({ fieldName: 'n' }) })).toEqual(refused('query.sort'));
  });
});
