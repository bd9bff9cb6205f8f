import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { invalidArgument } from '../../http/errors.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { compileFilter } from '../../storage/filter.ts';
import { project } from './item-document.ts';
import { type ReadView, visibleVersion } from './item-lag.ts';
import { dataItems } from './tables.ts';

/** Wix Data's paging: 50 items by default, at most 1000 a page. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

const FIELD = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z0-9_$]+)*$/;
const OPERATORS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$hasSome',
  '$hasAll',
  '$startsWith',
  '$endsWith',
  '$contains',
  '$exists',
]);
const STRING_OPERATORS = new Set(['$startsWith', '$endsWith', '$contains']);
const LIST_OPERATORS = new Set(['$in', '$nin', '$hasSome', '$hasAll']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  isPlainObject(value) &&
  Object.keys(value).length > 0 &&
  Object.keys(value).every((k) => k.startsWith('$')) &&
  !('$date' in value);

/**
 * Turns a Wix Data filter (as `@wix/data`'s query builder sends it) into the shape `compileFilter` runs, checking it on
 * the way so errors name the field as the caller wrote it:
 * - `$not` comes as an array of filters (`{ $not: [{ b: 2 }] }`): they are joined with `$and`;
 * - `$hasSome` matches a field equal to one of the values, or an array holding one of them (`$in` in lax JSON path);
 * - `$hasAll` needs every value: one `$in` per value;
 * - `isEmpty` / `isNotEmpty` arrive as `{ field: null }` / `{ field: { $ne: null } }` and need nothing.
 */
function dataFilter(filter: unknown, where = 'query.filter'): unknown {
  if (filter === undefined || filter === null) return undefined;
  if (!isPlainObject(filter)) throw invalidArgument(where, 'must be an object');
  const parts: unknown[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw invalidArgument(`${where}.${key}`, 'must be an array of filters');
      parts.push({ [key]: value.map((f, i) => dataFilter(f, `${where}.${key}[${i}]`) ?? {}) });
    } else if (key === '$not') {
      const negated = Array.isArray(value) ? value : [value];
      parts.push({ $not: { $and: negated.map((f, i) => dataFilter(f, `${where}.$not[${i}]`) ?? {}) } });
    } else if (key.startsWith('$')) {
      throw invalidArgument(`${where}.${key}`, 'unknown filter operator');
    } else {
      if (!FIELD.test(key)) throw invalidArgument(`${where}.${key}`, `"${key}" is not a field name`);
      parts.push(...fieldConditions(key, value, `${where}.${key}`));
    }
  }
  if (parts.length === 0) return {};
  return parts.length === 1 ? parts[0] : { $and: parts };
}

function fieldConditions(field: string, condition: unknown, where: string): unknown[] {
  if (!isOperatorObject(condition)) return [{ [field]: condition }];
  const parts: unknown[] = [];
  for (const [op, value] of Object.entries(condition)) {
    const at = `${where}.${op}`;
    if (!OPERATORS.has(op)) throw invalidArgument(at, `unknown filter operator ${op}`);
    if (LIST_OPERATORS.has(op) && !Array.isArray(value)) throw invalidArgument(at, 'must be an array');
    if (STRING_OPERATORS.has(op) && typeof value !== 'string') throw invalidArgument(at, 'must be a string');
    if (op === '$hasSome') parts.push({ [field]: { $in: value } });
    else if (op === '$hasAll') parts.push(...(value as unknown[]).map((v) => ({ [field]: { $in: [v] } })));
    else parts.push({ [field]: { [op]: value } });
  }
  return parts;
}

export interface Sorting {
  fieldName?: string | null | undefined;
  order?: string | null | undefined;
}

function checkSort(sort: Sorting[] | null | undefined): Array<{ path: string; descending: boolean }> {
  return (sort ?? []).map((s, i) => {
    if (!s.fieldName) throw invalidArgument(`query.sort[${i}].fieldName`, 'is required');
    if (!FIELD.test(s.fieldName)) {
      throw invalidArgument(`query.sort[${i}].fieldName`, `"${s.fieldName}" is not a field name`);
    }
    const order = (s.order ?? 'ASC').toUpperCase();
    if (order !== 'ASC' && order !== 'DESC') throw invalidArgument(`query.sort[${i}].order`, 'must be ASC or DESC');
    return { path: `{${s.fieldName.split('.').join(',')}}`, descending: order === 'DESC' };
  });
}

/**
 * Wix Data's order: items without a value rank lowest (first ascending, last descending), numbers numerically,
 * strings by code point (so "XYZ" comes before "abc"), dates in time order (ISO strings). A query with no sort
 * follows Wix's default, newest first.
 */
function orderBy(sort: Sorting[] | null | undefined, queryable: SQL): SQL[] {
  const keys: SQL[] = [];
  const fields = checkSort(sort);
  for (const { path, descending } of fields) {
    const json = sql`(${queryable} #> ${path}::text[])`;
    // A JSON null counts as no value.
    const value = sql`(case when ${json} = 'null'::jsonb then null else ${json} end)`;
    const direction = descending ? sql`desc` : sql`asc`;
    keys.push(
      sql`(case when ${value} is null then 0 else 1 end) ${direction}`,
      sql`(case when jsonb_typeof(${value}) = 'number' then (${value})::numeric end) ${direction} nulls last`,
      sql`((case when jsonb_typeof(${value}) = 'string' then ${value} #>> '{}' end) collate "C") ${direction} nulls last`,
      sql`${value} ${direction} nulls last`,
    );
  }
  // Ties follow the direction of the last sort field (as the emulator's other queries do); no sort is newest first.
  const last = fields.at(-1);
  return last && !last.descending
    ? [...keys, asc(dataItems.createdAt), asc(dataItems.seq)]
    : [...keys, desc(dataItems.createdAt), desc(dataItems.seq)];
}

export interface ItemQuery {
  filter?: unknown;
  sort?: Sorting[] | null | undefined;
  paging?: { limit?: number | null | undefined; offset?: number | null | undefined } | null | undefined;
  cursorPaging?: { limit?: number | null | undefined; cursor?: string | null | undefined } | null | undefined;
  fields?: string[] | null | undefined;
}

interface CursorState {
  c: string;
  f: unknown;
  s: Sorting[] | null;
  o: number;
  /** The first page's view: a lagging read's time (ms) or null (the latest), so the next pages see the same versions. */
  t?: number | null;
}

const encodeCursor = (state: CursorState) => Buffer.from(JSON.stringify(state)).toString('base64url');

function decodeCursor(cursor: string, collectionId: string): CursorState {
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (state.c !== collectionId || typeof state.o !== 'number' || state.o < 0) throw new Error('not ours');
    if (state.t !== undefined && state.t !== null && typeof state.t !== 'number') throw new Error('not ours');
    return state;
  } catch {
    throw invalidArgument('query.cursorPaging.cursor', `is not a cursor this API returned for ${collectionId}`);
  }
}

const hasContent = (value: unknown) =>
  value !== undefined && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);

/** The condition selecting a collection's items whose version the view sees matches a filter. */
function itemsMatching(collectionId: string, filter: unknown, view: ReadView, where = 'query.filter'): SQL {
  const visible = visibleVersion(view);
  return and(
    eq(dataItems.collectionId, collectionId),
    visible.exists,
    compileFilter(visible.queryable, dataFilter(filter, where), where),
  ) as SQL;
}

/**
 * Runs a Wix Data query on a collection. Offset paging (`paging`, or no paging at all) answers `{ count, offset,
 * hasNext }` plus `total` and `tooManyToCount` when `returnTotalCount` is set; cursor paging answers `{ count, cursors,
 * hasNext }`, a follow-up request carrying only the cursor (filter and sort travel inside it).
 */
export async function queryItems(
  tx: Tx,
  collectionId: string,
  query: ItemQuery,
  returnTotalCount: boolean,
  viewOf: (pinned: ReadView | undefined) => ReadView,
) {
  if (query.paging && query.cursorPaging) {
    throw invalidArgument('query.cursorPaging', 'give either paging or cursorPaging, not both');
  }
  let filter = query.filter;
  let sort = query.sort ?? null;
  let offset = query.paging?.offset ?? 0;
  const limit = (query.paging ?? query.cursorPaging)?.limit ?? DEFAULT_LIMIT;
  const cursor = query.cursorPaging?.cursor;
  let pinned: ReadView | undefined;
  if (cursor) {
    if (hasContent(filter) || hasContent(sort)) {
      throw invalidArgument('query', 'a request with a cursor must not carry filter or sort: they are in the cursor');
    }
    const state = decodeCursor(cursor, collectionId);
    filter = state.f;
    sort = state.s;
    offset = state.o;
    if (state.t !== undefined) pinned = { at: state.t === null ? null : new Date(state.t) };
  }
  const view = viewOf(pinned);
  const visible = visibleVersion(view);
  const rows = await tx
    .select({ item: visible.item })
    .from(dataItems)
    .where(itemsMatching(collectionId, filter, view))
    .orderBy(...orderBy(sort, visible.queryable))
    .limit(limit + 1)
    .offset(offset);
  const hasNext = rows.length > limit;
  const items: Doc[] = rows.slice(0, limit).map((r) => project(r.item as Doc, query.fields));
  if (query.cursorPaging) {
    const cursors: { next?: string; prev?: string } = {};
    const t = view.at?.getTime() ?? null;
    if (hasNext) cursors.next = encodeCursor({ c: collectionId, f: filter ?? null, s: sort, o: offset + limit, t });
    if (offset > 0) {
      cursors.prev = encodeCursor({ c: collectionId, f: filter ?? null, s: sort, o: Math.max(0, offset - limit), t });
    }
    return { items, pagingMetadata: { count: items.length, cursors, hasNext } };
  }
  const pagingMetadata: Doc = { count: items.length, offset, hasNext };
  if (returnTotalCount) {
    pagingMetadata.total = await countItems(tx, collectionId, filter, view);
    pagingMetadata.tooManyToCount = false;
  }
  return { items, pagingMetadata };
}

export async function countItems(
  tx: Tx,
  collectionId: string,
  filter: unknown,
  view: ReadView,
  where = 'query.filter',
) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(dataItems)
    .where(itemsMatching(collectionId, filter, view, where));
  return row?.n ?? 0;
}
