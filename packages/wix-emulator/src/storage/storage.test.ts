import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WixError } from '../http/errors.ts';
import { products } from '../services/stores/tables.ts';
import { type Backend, backends } from './backends.ts';
import type { Doc } from './columns.ts';
import type { Storage } from './db.ts';
import { queryEntities } from './query.ts';

/**
 * The storage battery: Wix's query language, paging and durability, on every backend — the embedded server,
 * a persistent data directory, a server given by URL, and DATABASE_URL when it is set.
 */

// ---- a reference evaluator of Wix filters, written the plain way ----

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The values at a path, looking into arrays on the way (SQL/JSON lax mode, as the emulator does). */
function valuesAt(doc: Json, path: string[]): Json[] {
  let current: Json[] = [doc];
  for (const key of path) {
    const next: Json[] = [];
    for (const v of current.flatMap((c) => (Array.isArray(c) ? c : [c]))) {
      if (v && typeof v === 'object' && !Array.isArray(v) && key in v) next.push(v[key] as Json);
    }
    current = next;
  }
  return current.flatMap((c) => (Array.isArray(c) ? c : [c]));
}

function raw(doc: Json, path: string[]): Json | undefined {
  let v: Json | undefined = doc;
  for (const key of path) v = v && typeof v === 'object' && !Array.isArray(v) ? v[key] : undefined;
  return v;
}

const sameType = (a: Json, b: Json) =>
  typeof a === typeof b && a !== null && b !== null && !Array.isArray(a) && typeof a !== 'object';
const compare = (op: string, a: Json, b: Json): boolean => {
  if (op === '==') return (a === null && b === null) || (sameType(a, b) && a === b);
  if (!sameType(a, b)) return false;
  const x = a as number | string;
  const y = b as number | string;
  return op === '>' ? x > y : op === '>=' ? x >= y : op === '<' ? x < y : x <= y;
};

function evaluate(doc: Json, filter: Record<string, any>): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as any[]).every((f) => evaluate(doc, f));
    if (key === '$or') return (condition as any[]).some((f) => evaluate(doc, f));
    if (key === '$not') return !evaluate(doc, condition);
    const path = key.split('.');
    const values = valuesAt(doc, path);
    const at = raw(doc, path);
    const ops =
      condition && typeof condition === 'object' && !Array.isArray(condition) ? condition : { $eq: condition };
    return Object.entries(ops).every(([op, v]: [string, any]) => {
      const any = (o: string, list: Json[]) => values.some((x) => list.some((y) => compare(o, x, y)));
      const isNull = at === undefined || at === null;
      switch (op) {
        case '$eq':
          return v === null ? isNull : any('==', [v]);
        case '$ne':
          return v === null ? !isNull : !any('==', [v]);
        case '$gt':
          return any('>', [v]);
        case '$gte':
          return any('>=', [v]);
        case '$lt':
          return any('<', [v]);
        case '$lte':
          return any('<=', [v]);
        case '$in':
          return any('==', v);
        case '$nin':
          return !any('==', v);
        case '$hasSome':
          return Array.isArray(at) && (v as Json[]).some((x) => at.includes(x));
        case '$hasAll':
          return Array.isArray(at) && (v as Json[]).every((x) => at.includes(x));
        case '$startsWith':
          return typeof at === 'string' && at.toLowerCase().startsWith(String(v).toLowerCase());
        case '$endsWith':
          return typeof at === 'string' && at.toLowerCase().endsWith(String(v).toLowerCase());
        case '$contains':
          return typeof at === 'string' && at.toLowerCase().includes(String(v).toLowerCase());
        case '$exists':
          return v ? !isNull : isNull;
        default:
          throw new Error(op);
      }
    });
  });
}

// ---- generators: documents with typed fields, and filters over them ----

const word = fc.stringMatching(/^[a-z]{0,4}$/);
const date = fc.integer({ min: 0, max: 5 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString());
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.option(arb, { nil: null }), { nil: undefined });
const docArb = fc.record(
  {
    n: optional(fc.integer({ min: -3, max: 3 })),
    s: optional(word),
    b: optional(fc.boolean()),
    d: optional(date),
    tags: optional(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 })),
    o: optional(fc.record({ x: optional(fc.integer({ min: 0, max: 3 })) }, { requiredKeys: [] })),
    list: optional(fc.array(fc.record({ k: fc.constantFrom('p', 'q') }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);

const scalarFor: Record<string, fc.Arbitrary<Json>> = {
  n: fc.integer({ min: -3, max: 3 }),
  s: word,
  b: fc.boolean(),
  d: date,
  'o.x': fc.integer({ min: 0, max: 3 }),
  'list.k': fc.constantFrom('p', 'q'),
  tags: fc.constantFrom('a', 'b', 'c'),
};
const fieldArb = fc.constantFrom(...Object.keys(scalarFor));
const leafArb: fc.Arbitrary<Record<string, any>> = fieldArb.chain((field) => {
  const value = scalarFor[field] as fc.Arbitrary<Json>;
  const ops: fc.Arbitrary<Record<string, any>>[] = [
    value.map((v) => ({ [field]: v })),
    fc.constantFrom('$eq', '$ne').chain((op) => fc.option(value, { nil: null }).map((v) => ({ [field]: { [op]: v } }))),
    fc.constantFrom('$gt', '$gte', '$lt', '$lte').chain((op) => value.map((v) => ({ [field]: { [op]: v } }))),
    fc
      .constantFrom('$in', '$nin')
      .chain((op) => fc.array(value, { maxLength: 3 }).map((v) => ({ [field]: { [op]: v } }))),
    fc.boolean().map((v) => ({ [field]: { $exists: v } })),
  ];
  if (field === 's') {
    ops.push(
      fc
        .constantFrom('$startsWith', '$endsWith', '$contains')
        .chain((op) => word.map((v) => ({ s: { [op]: v.toUpperCase() } }))),
    );
  }
  if (field === 'tags') {
    ops.push(
      fc
        .constantFrom('$hasSome', '$hasAll')
        .chain((op) => fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 }).map((v) => ({ tags: { [op]: v } }))),
    );
  }
  return fc.oneof(...ops);
});
const filterArb: fc.Arbitrary<Record<string, any>> = fc.letrec((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((fs) => ({ $and: fs })),
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((fs) => ({ $or: fs })),
    tie('filter').map((f) => ({ $not: f })),
  ),
})).filter as fc.Arbitrary<Record<string, any>>;

// ---- the battery ----

const all = await backends();

describe.each(all)('storage on $name', (backend: Backend) => {
  let storage: Storage;
  let docs: Doc[];
  beforeAll(async () => {
    storage = await backend.open();
    docs = fc
      .sample(docArb, { numRuns: 120, seed: 7 })
      .map((d, i) => ({ id: `doc-${String(i).padStart(3, '0')}`, ...d }));
    const now = new Date();
    await storage.db.execute(sql`truncate ${products}`);
    await storage.db
      .insert(products)
      .values(docs.map((data) => ({ id: String(data.id), data, createdAt: now, updatedAt: now })));
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('answers every filter of Wix query language as the reference evaluator does', async () => {
    let selective = 0;
    await fc.assert(
      fc.asyncProperty(filterArb, async (filter) => {
        const page = await queryEntities(storage.db, products, { filter, cursorPaging: { limit: 100 } });
        const rest = page.cursorMetadata.hasNext
          ? await queryEntities(storage.db, products, {
              cursorPaging: { cursor: page.cursorMetadata.cursors.next, limit: 100 },
            })
          : { docs: [] };
        const got = [...page.docs, ...rest.docs].map((d) => d.id).sort();
        const expected = docs
          .filter((d) => evaluate(d as Json, filter))
          .map((d) => d.id)
          .sort();
        expect(got, JSON.stringify(filter)).toEqual(expected);
        if (expected.length > 0 && expected.length < docs.length) selective++;
      }),
      { numRuns: 150, seed: 42 },
    );
    // The generated filters must tell documents apart, not just match all or none.
    expect(selective).toBeGreaterThan(60);
  });

  it('pages with cursor-only follow-ups through every match exactly once, in sort order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100 }), fc.constantFrom('ASC', 'DESC'), async (limit, order) => {
        const seen: string[] = [];
        let page = await queryEntities(storage.db, products, {
          filter: { n: { $exists: true } },
          sort: [{ fieldName: 'n', order }],
          cursorPaging: { limit },
        });
        seen.push(...page.docs.map((d) => String(d.id)));
        while (page.cursorMetadata.hasNext) {
          expect(page.docs).toHaveLength(limit);
          page = await queryEntities(storage.db, products, {
            cursorPaging: { cursor: page.cursorMetadata.cursors.next, limit },
          });
          seen.push(...page.docs.map((d) => String(d.id)));
        }
        const expected = docs.filter((d) => d.n !== undefined && d.n !== null);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.sort()).toEqual(expected.map((d) => String(d.id)).sort());
      }),
      { numRuns: 15, seed: 3 },
    );
    const sorted = await queryEntities(storage.db, products, {
      filter: { n: { $exists: true } },
      sort: [{ fieldName: 'n', order: 'DESC' }],
    });
    const ns = sorted.docs.map((d) => d.n as number);
    expect(ns).toEqual([...ns].sort((a, b) => b - a));
  });

  it('refuses bad queries with INVALID_ARGUMENT naming the field', async () => {
    const reason = async (query: object) => {
      try {
        await queryEntities(storage.db, products, query);
      } catch (error) {
        expect(error).toBeInstanceOf(WixError);
        return [(error as WixError).status, (error as WixError).data.field];
      }
      throw new Error('expected a refusal');
    };
    expect(await reason({ cursorPaging: { limit: 101 } })).toEqual([400, 'query.cursorPaging.limit']);
    expect(await reason({ cursorPaging: { cursor: 'not-a-cursor' } })).toEqual([400, 'query.cursorPaging.cursor']);
    expect(await reason({ filter: { n: { $near: 1 } } })).toEqual([400, 'query.filter.n.$near']);
    expect(await reason({ filter: { 'bad field': 1 } })).toEqual([400, 'query.filter.bad field']);
    expect(await reason({ filter: { $or: 'x' } })).toEqual([400, 'query.filter.$or']);
    expect(await reason({ sort: [{ fieldName: 'n', order: 'UP' }] })).toEqual([400, 'query.sort[0].order']);
    expect(await reason({ filter: { n: 1 }, cursorPaging: { cursor: 'x' } })).toEqual([400, 'query']);
  });
});

describe.each(all.filter((b) => b.name !== 'memory'))('durability on $name', (backend: Backend) => {
  it('keeps what it committed when the storage is closed and opened again', async () => {
    const first = await backend.open();
    const now = new Date();
    await first.db
      .insert(products)
      .values({ id: 'durable', data: { id: 'durable', name: 'kept' }, createdAt: now, updatedAt: now });
    await first.close();
    const again = await backend.open();
    const page = await queryEntities(again.db, products, { filter: { id: 'durable' } });
    await again.close();
    expect(page.docs).toEqual([{ id: 'durable', name: 'kept' }]);
  });
});

afterAll(async () => {
  for (const backend of all) await backend.dispose();
});
