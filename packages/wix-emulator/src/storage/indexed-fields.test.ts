import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pools } from '../services/benefit-programs/tables.ts';
import type { Doc } from './columns.ts';
import { openStorage, type Storage } from './db.ts';
import { queryEntities } from './query.ts';
import { expected, type Filter, type Sort } from './query-reference.ts';

/**
 * Fields a column holds exactly (`indexFields`: pools' `id`, `namespace`, `programId`, `beneficiary.memberId`) are
 * filtered through the columns' indexes and `id` is sorted by its column: the answers must stay the reference
 * evaluator's, for generated filters mixing those fields with `$and`, `$or`, `$not`, `$in`, ranges and other fields.
 */
const ids = ['0a', '0b', 'A1', 'a1', 'b', 'é', 'B-2', 'a-1', '10', '9'];
const members = ['m1', 'm2', 'M1'];
const docs: Doc[] = ids.map((id, i) => ({
  id,
  namespace: i % 3 === 0 ? 'gym' : 'other',
  programId: `p${i % 4}`,
  status: i % 2 === 0 ? 'ACTIVE' : 'ENDED',
  ...(i % 5 === 4 ? {} : { beneficiary: { memberId: members[i % 3] } }),
}));

const value = fc.constantFrom<unknown>(...ids, ...members, 'gym', 'other', 'p1', 'p2', 'ACTIVE', 'zz', '', null, 3);
const field = fc.constantFrom('id', 'namespace', 'programId', 'beneficiary.memberId', 'status');
const condition = fc.oneof(
  value,
  value.map((v) => ({ $eq: v })),
  value.map((v) => ({ $ne: v })),
  fc.array(value, { maxLength: 3 }).map((v) => ({ $in: v })),
  fc.array(value, { maxLength: 3 }).map((v) => ({ $nin: v })),
  fc
    .tuple(
      fc.constantFrom('$gt', '$gte', '$lt', '$lte'),
      value.filter((v) => v !== null),
    )
    .map(([op, v]) => ({ [op]: v })),
  fc.boolean().map((v) => ({ $exists: v })),
);
const leaf = fc.tuple(field, condition).map(([f, c]) => ({ [f]: c }) as Filter);
const filterArb: fc.Arbitrary<Filter> = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(leaf, leaf).map(([a, b]) => ({ ...a, ...b })),
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((f) => ({ $and: f })),
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((f) => ({ $or: f })),
    tie('filter').map((f) => ({ $not: f })),
  ),
})).filter;
const sortArb: fc.Arbitrary<Sort> = fc.constantFrom<Sort>(
  [],
  [{ fieldName: 'id', order: 'ASC' }],
  [{ fieldName: 'id', order: 'DESC' }],
  [
    { fieldName: 'status', order: 'ASC' },
    { fieldName: 'id', order: 'DESC' },
  ],
);

describe('fields held by indexed columns', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openStorage('memory');
    const at = new Date(Date.UTC(2026, 0, 1));
    await storage.db.insert(pools).values(
      docs.map((data) => ({
        id: String(data.id),
        data,
        namespace: String(data.namespace),
        programId: String(data.programId),
        createdAt: at,
        updatedAt: at,
      })),
    );
  }, 60_000);
  afterAll(async () => storage?.close());

  it('answers every generated filter and sort on them as the reference evaluator does', async () => {
    const { rows } = await storage.db.execute(sql`select count(member_id)::int as n from bp_pools`);
    const n = (rows[0] as { n: number }).n;
    expect(n).toBe(docs.filter((d) => d.beneficiary).length);
    await fc.assert(
      fc.asyncProperty(filterArb, sortArb, async (filter, sort) => {
        const page = await queryEntities(storage.db, pools, { filter, sort, cursorPaging: { limit: 100 } });
        expect(
          page.docs.map((d) => d.id),
          JSON.stringify({ filter, sort }),
        ).toEqual(expected(docs, filter, sort));
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });
});
