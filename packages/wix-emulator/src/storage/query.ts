import { and, asc, desc, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { invalidArgument, WixError } from '../http/errors.ts';
import type { Doc } from './columns.ts';
import type { Tx } from './db.ts';
import { columnConditions, compileFilter, type FieldColumns, fieldPath, isPlainObject } from './filter.ts';

/**
 * Wix's API Query Language, run in PostgreSQL over an entity's JSON document.
 * Filters: `{field: value}`, `$and $or $not`, and per field `$eq $ne $gt $gte $lt $lte $in $nin $hasSome $hasAll
 * $startsWith $endsWith $contains $exists $isEmpty`. Sort: up to 5 `{fieldName, order}`. Paging: cursors (default 50,
 * max 100) or, for the legacy APIs that use it, `{limit, offset}`. The readings where Wix's documentation is silent
 * are listed in the package README ("Query language") and checked against a reference evaluator in query.test.ts.
 */
export interface QueryInput {
  filter?: unknown;
  sort?: Array<{ fieldName?: string; order?: string }> | null;
  cursorPaging?: { limit?: number | null; cursor?: string | null } | null;
  paging?: { limit?: number | null; offset?: number | null } | null;
}

export interface EntityTable<T = Doc> extends PgTable {
  id: AnyPgColumn;
  data: AnyPgColumn<{ data: T }>;
  createdAt: AnyPgColumn;
  seq: AnyPgColumn;
}

const fieldColumnsOf = new WeakMap<PgTable, FieldColumns>();

/**
 * Declares the fields of a table's documents that columns hold exactly (see `FieldColumns`): filters on them use the
 * columns' indexes. Declaring `id` (the primary key, always the document's `id`) also sorts on `id` by the column.
 */
/** The column declared to hold `field` of the table's documents exactly, if one is. */
export const fieldColumn = (table: PgTable, field: string): AnyPgColumn | undefined =>
  fieldColumnsOf.get(table)?.[field];

export function indexFields<T extends EntityTable>(table: T, columns: (table: T) => FieldColumns): T {
  fieldColumnsOf.set(table, columns(table));
  return table;
}

/** The stored document of an entity table. */
export type DocOf<Table extends EntityTable> = Table['data']['_']['data'];

export interface QueryPage<D = Doc> {
  docs: D[];
  /** Wix's `CursorPagingMetadata`. */
  cursorMetadata: { count: number; cursors: { next?: string; prev?: string }; hasNext: boolean };
  /** Wix's offset `PagingMetadata`, for the APIs paged by offset. */
  offsetMetadata: { count: number; offset: number; total: number; tooManyToCount: boolean };
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

interface CursorState {
  f: unknown;
  s: QueryInput['sort'];
  o: number;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

const badCursor = (at: (path: string) => string) =>
  invalidArgument(at('cursorPaging.cursor'), 'is not a cursor this API returned');

function decodeCursor(cursor: unknown, at: (path: string) => string): CursorState {
  let state: Partial<CursorState> | null;
  try {
    if (typeof cursor !== 'string') throw new Error('not a string');
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorState> | null;
  } catch {
    throw badCursor(at);
  }
  const valid =
    !!state &&
    typeof state === 'object' &&
    Number.isInteger(state.o) &&
    (state.o as number) >= 0 &&
    (state.s === null || state.s === undefined || Array.isArray(state.s));
  if (!valid) throw badCursor(at);
  return { f: state?.f ?? null, s: state?.s ?? null, o: state?.o as number };
}

/**
 * The order of one sort field. Values of one type compare as that type (numbers numerically, strings by code point so
 * "XYZ" sorts before "abc", ISO dates in time order, false before true); across types: no value (missing or null)
 * < numbers < strings < booleans < arrays < objects. DESC is exactly the reverse, so no value comes last.
 */
function sortKeys(data: AnyPgColumn, path: string, descending: boolean): SQL[] {
  const x = sql`(${data} #> ${path}::text[])`;
  const direction = descending ? sql`desc` : sql`asc`;
  const typed = (type: string, value: SQL) => sql`(case when jsonb_typeof(${x}) = ${type} then ${value} end)`;
  return [
    sql`(case jsonb_typeof(${x}) when 'number' then 1 when 'string' then 2 when 'boolean' then 3 when 'array' then 4 when 'object' then 5 else 0 end) ${direction}`,
    sql`${typed('number', sql`(${x})::numeric`)} ${direction}`,
    sql`(${typed('string', sql`${x} #>> '{}'`)} collate "C") ${direction}`,
    sql`(case when jsonb_typeof(${x}) in ('boolean', 'array', 'object') then ${x} end) ${direction}`,
  ];
}

function compileSort(table: EntityTable, sort: unknown, at = 'query.sort'): SQL[] {
  if (sort !== undefined && sort !== null && !Array.isArray(sort)) throw invalidArgument(at, 'must be an array');
  const fields = (sort ?? []) as unknown[];
  if (fields.length > 5) throw invalidArgument(at, 'at most 5 sort fields');
  const keys: SQL[] = [];
  let descending = false;
  for (const [i, s] of fields.entries()) {
    if (!isPlainObject(s)) throw invalidArgument(`${at}[${i}]`, 'must be { fieldName, order }');
    if (typeof s.fieldName !== 'string' || !s.fieldName) throw invalidArgument(`${at}[${i}].fieldName`, 'is required');
    const path = fieldPath(s.fieldName, `${at}[${i}].fieldName`);
    const order = s.order ?? 'ASC';
    const direction = typeof order === 'string' ? order.toUpperCase() : '';
    if (direction !== 'ASC' && direction !== 'DESC') {
      throw invalidArgument(`${at}[${i}].order`, 'must be ASC or DESC');
    }
    descending = direction === 'DESC';
    // The document's `id` is always the primary key's string: the same order as the JSON's, from an index.
    const byColumn = s.fieldName === 'id' && fieldColumnsOf.get(table)?.id === table.id;
    keys.push(
      ...(byColumn
        ? [sql`(${table.id} collate "C") ${descending ? sql`desc` : sql`asc`}`]
        : sortKeys(table.data, path, descending)),
    );
  }
  // Ties follow the direction of the last sort field, so "newest first" stays newest first within one instant.
  return descending
    ? [...keys, desc(table.createdAt), desc(table.seq)]
    : [...keys, asc(table.createdAt), asc(table.seq)];
}

function limitOf(limit: unknown, field: string): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
    throw invalidArgument(field, 'must be a whole number of at least 0');
  }
  if (limit > MAX_LIMIT) throw invalidArgument(field, `must be at most ${MAX_LIMIT}`, 'MAX');
  return limit;
}

/**
 * Runs a query on an entity table. `scope` narrows it further (e.g. to what the caller may see) and is
 * applied again on every page, so a cursor never widens what its bearer sees.
 */
export async function queryEntities<Table extends EntityTable>(
  tx: Tx,
  table: Table,
  input: QueryInput = {},
  scope?: SQL,
  /** Where the query sits in the request, for the fields its refusals name: `query`, `search`, or '' (top level). */
  within = 'query',
): Promise<QueryPage<DocOf<Table>>> {
  const at = (path: string) => (within ? `${within}.${path}` : path);
  let filter = input.filter;
  let sort = input.sort;
  let offset = 0;
  let limit: number;
  const cursor = input.cursorPaging?.cursor;
  if (cursor) {
    const hasFilter = isPlainObject(filter) && Object.keys(filter).length > 0;
    if (hasFilter || (Array.isArray(sort) && sort.length > 0)) {
      throw invalidArgument(
        within || 'cursorPaging',
        'a request with a cursor must not carry filter or sort: they are in the cursor',
      );
    }
    const state = decodeCursor(cursor, at);
    filter = state.f;
    sort = state.s;
    offset = state.o;
    limit = limitOf(input.cursorPaging?.limit, at('cursorPaging.limit'));
  } else if (input.paging) {
    limit = limitOf(input.paging.limit, at('paging.limit'));
    offset = input.paging.offset ?? 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw invalidArgument(at('paging.offset'), 'must be a whole number of at least 0');
  } else {
    limit = limitOf(input.cursorPaging?.limit, at('cursorPaging.limit'));
  }
  let where: SQL;
  let order: SQL[];
  try {
    where = and(
      compileFilter(table.data, filter, at('filter')),
      ...columnConditions(fieldColumnsOf.get(table) ?? {}, filter),
      scope ?? sql`true`,
    ) as SQL;
    order = compileSort(table, sort, at('sort'));
  } catch (error) {
    // A cursor carries the filter and sort it was made for: one that does not compile was not made here.
    throw cursor && error instanceof WixError ? badCursor(at) : error;
  }
  const rows = (await tx
    .select({ data: table.data })
    .from(table as EntityTable)
    .where(where)
    .orderBy(...order)
    .limit(limit + 1)
    .offset(offset)) as Array<{ data: DocOf<Table> }>;
  const hasNext = rows.length > limit;
  const docs = rows.slice(0, limit).map((r) => r.data);
  const cursors: { next?: string; prev?: string } = {};
  if (hasNext) cursors.next = encodeCursor({ f: filter ?? null, s: sort ?? null, o: offset + limit });
  if (offset > 0) cursors.prev = encodeCursor({ f: filter ?? null, s: sort ?? null, o: Math.max(0, offset - limit) });
  let total = offset + docs.length + (hasNext ? 1 : 0);
  if (input.paging) {
    const [count] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(table as EntityTable)
      .where(where)) as Array<{
      n: number;
    }>;
    total = count?.n ?? total;
  }
  return {
    docs,
    cursorMetadata: { count: docs.length, cursors, hasNext },
    offsetMetadata: { count: docs.length, offset, total, tooManyToCount: false },
  };
}

export async function countEntities(tx: Tx, table: EntityTable, filter: unknown, scope?: SQL): Promise<number> {
  const [row] = (await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(and(compileFilter(table.data, filter), scope ?? sql`true`))) as Array<{ n: number }>;
  return row?.n ?? 0;
}
