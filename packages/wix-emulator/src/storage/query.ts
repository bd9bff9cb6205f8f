import { and, asc, desc, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { invalidArgument, WixError } from '../http/errors.ts';
import type { Doc } from './columns.ts';
import type { Tx } from './db.ts';

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

export interface EntityTable extends PgTable {
  id: AnyPgColumn;
  data: AnyPgColumn;
  createdAt: AnyPgColumn;
  seq: AnyPgColumn;
}

export interface QueryPage {
  docs: Doc[];
  /** Wix's `CursorPagingMetadata`. */
  cursorMetadata: { count: number; cursors: { next?: string; prev?: string }; hasNext: boolean };
  /** Wix's offset `PagingMetadata`, for the APIs paged by offset. */
  offsetMetadata: { count: number; offset: number; total: number; tooManyToCount: boolean };
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
const FIELD = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z0-9_$]+)*$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

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

/** A field name as an SQL/JSON path (`$."a"."b"`); names are checked against FIELD, so quoting them is enough. */
function jsonPath(field: string): string {
  return `$${field
    .split('.')
    .map((k) => `."${k}"`)
    .join('')}`;
}

/** A field name as a PostgreSQL text[] literal for `#>` (names are checked against FIELD, so they need no quoting). */
function fieldPath(field: string, where: string): string {
  if (!FIELD.test(field)) throw invalidArgument(where, `"${field}" is not a field name`);
  return `{${field.split('.').join(',')}}`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

const isDateWrapper = (value: unknown): value is { $date: unknown } =>
  isPlainObject(value) && Object.keys(value).length === 1 && '$date' in value;

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date-time string as documents store dates (`toISOString()`, UTC with milliseconds), or undefined if it is none. */
function canonicalDate(value: string): string | undefined {
  if (!ISO_DATE_TIME.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A filter value as JSON: a Date or Wix's `{ $date: ISO }` becomes the instant's canonical ISO string. */
function operand(value: unknown, at: string): Json {
  if (value instanceof Date) return value.toISOString();
  if (isDateWrapper(value)) {
    const time = typeof value.$date === 'string' ? Date.parse(value.$date) : Number.NaN;
    if (Number.isNaN(time)) throw invalidArgument(`${at}.$date`, 'is not an ISO date');
    return new Date(time).toISOString();
  }
  return value as Json;
}

/** The strings a scalar equals: a date-time in any ISO form also equals its canonical form. */
const equalForms = (value: string | number | boolean): Array<string | number | boolean> => {
  const date = typeof value === 'string' ? canonicalDate(value) : undefined;
  return date && date !== value ? [value, date] : [value];
};

/** What ordering operators compare with: dates by their canonical form (which orders as time does). */
const orderedForm = (value: string | number | boolean) =>
  typeof value === 'string' ? (canonicalDate(value) ?? value) : value;

/** A literal for a POSIX regular expression, escaped so every character stands for itself. */
const regexLiteral = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);

/** `{ $gt: 1, $lt: 5 }`: an object whose keys are all operators (a `{ $date }` is a value, not an operator). */
function isOperatorObject(value: unknown, where: string): value is Record<string, unknown> {
  if (!isPlainObject(value) || isDateWrapper(value)) return false;
  const keys = Object.keys(value);
  const operators = keys.filter((k) => k.startsWith('$')).length;
  if (operators > 0 && operators < keys.length) {
    throw invalidArgument(where, 'mixes operators ($...) and field names: nest fields with dots instead');
  }
  return keys.length > 0 && operators === keys.length;
}

/**
 * The SQL condition for one field of a filter, over the document column `data`. The field's values are found the
 * way SQL/JSON path's lax mode finds them: arrays on the way are looked into (`details.benefits.itemSetId` reaches
 * every benefit's), and an array at the end is looked into by comparisons (`{ tags: 'red' }` matches an array
 * holding `"red"`, as Wix documents).
 */
function fieldCondition(data: AnyPgColumn | SQL, field: string, condition: unknown, where: string): SQL {
  const exact = fieldPath(field, where);
  const path = jsonPath(field);
  /** Whether the field has a value other than null (an empty string or array is a value). */
  const exists = sql`jsonb_path_exists(${data}, ${`${path}.type() ? (@ != "null")`}::jsonpath)`;
  /** Whether any value at the field passes `test`, a SQL/JSON path predicate on `@` with variables `vars`. */
  const anyValue = (test: string, vars: Record<string, Json> = {}) =>
    sql`jsonb_path_exists(${data}, ${`${path} ? (${test})`}::jsonpath, ${JSON.stringify(vars)}::jsonb)`;
  /** Equal to one of `values`: null means no value; objects and arrays must equal the whole field. */
  const equalsAny = (values: Json[]): SQL => {
    const parts: SQL[] = [];
    if (values.some((v) => v === null)) parts.push(sql`not ${exists}`);
    for (const value of values.filter((v) => v !== null && typeof v === 'object')) {
      parts.push(sql`coalesce((${data} #> ${exact}::text[]) = ${JSON.stringify(value)}::jsonb, false)`);
    }
    const scalars = values.filter(isScalar).flatMap(equalForms);
    if (scalars.length > 0) {
      const vars = Object.fromEntries(scalars.map((v, i) => [`v${i}`, v]));
      parts.push(anyValue(scalars.map((_, i) => `@ == $v${i}`).join(' || '), vars));
    }
    return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
  };
  const operators = isOperatorObject(condition, where) ? condition : { $eq: condition };
  const parts: SQL[] = [];
  for (const [op, raw] of Object.entries(operators)) {
    const at = `${where}.${op}`;
    const list = (): Json[] => {
      if (!Array.isArray(raw)) throw invalidArgument(at, 'must be an array');
      return raw.map((v, i) => operand(v, `${at}[${i}]`));
    };
    const scalar = () => {
      const value = operand(raw, at);
      if (!isScalar(value)) throw invalidArgument(at, 'must be a number, a string, a boolean or a date');
      return orderedForm(value);
    };
    const text = () => {
      if (typeof raw !== 'string') throw invalidArgument(at, 'must be a string');
      return raw;
    };
    const flag = () => {
      if (typeof raw !== 'boolean') throw invalidArgument(at, 'must be true or false');
      return raw;
    };
    const like = (pattern: string) => anyValue(`@ like_regex ${JSON.stringify(pattern)} flag "i"`);
    switch (op) {
      case '$eq':
        parts.push(equalsAny([operand(raw, at)]));
        break;
      case '$ne':
        parts.push(sql`not ${equalsAny([operand(raw, at)])}`);
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        const symbol = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
        parts.push(anyValue(`@ ${symbol} $v`, { v: scalar() }));
        break;
      }
      case '$in':
      case '$hasSome':
        parts.push(equalsAny(list()));
        break;
      case '$nin':
        parts.push(sql`not ${equalsAny(list())}`);
        break;
      case '$hasAll': {
        const values = list();
        parts.push(
          values.length === 0
            ? sql`false`
            : sql`(${sql.join(
                values.map((v) => equalsAny([v])),
                sql` and `,
              )})`,
        );
        break;
      }
      case '$startsWith':
        parts.push(like(`^${regexLiteral(text())}`));
        break;
      case '$endsWith':
        parts.push(like(`${regexLiteral(text())}$`));
        break;
      case '$contains':
        parts.push(like(regexLiteral(text())));
        break;
      case '$exists':
        parts.push(flag() ? exists : sql`not ${exists}`);
        break;
      case '$isEmpty': {
        const filled = sql`exists (select 1 from jsonb_path_query(${data}, ${path}::jsonpath) as v(x) where x not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb))`;
        parts.push(flag() ? sql`not ${filled}` : filled);
        break;
      }
      default:
        throw invalidArgument(at, `unknown filter operator ${op}`);
    }
  }
  return parts.length === 1 ? (parts[0] as SQL) : sql`(${sql.join(parts, sql` and `)})`;
}

/** The field names a Wix filter names, at any depth of `$and`, `$or` and `$not`. */
export function filterFields(filter: unknown): string[] {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return [];
  return Object.entries(filter as Record<string, unknown>).flatMap(([key, value]) => {
    if (key === '$and' || key === '$or') return Array.isArray(value) ? value.flatMap(filterFields) : [];
    if (key === '$not') return filterFields(value);
    return key.startsWith('$') ? [] : [key];
  });
}

/** Compiles a Wix filter into a SQL condition over the JSON document column (or a parenthesized expression of one). */
export function compileFilter(data: AnyPgColumn | SQL, filter: unknown, where = 'query.filter'): SQL {
  if (filter === undefined || filter === null) return sql`true`;
  if (!isPlainObject(filter)) throw invalidArgument(where, 'must be an object');
  const parts: SQL[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw invalidArgument(`${where}.${key}`, 'must be an array of filters');
      const subs = value.map((f, i) => compileFilter(data, f, `${where}.${key}[${i}]`));
      if (subs.length === 0) parts.push(key === '$and' ? sql`true` : sql`false`);
      else parts.push(sql`(${sql.join(subs, key === '$and' ? sql` and ` : sql` or `)})`);
    } else if (key === '$not') {
      parts.push(sql`not coalesce(${compileFilter(data, value, `${where}.$not`)}, false)`);
    } else if (key.startsWith('$')) {
      throw invalidArgument(`${where}.${key}`, 'unknown filter operator');
    } else {
      parts.push(sql`coalesce(${fieldCondition(data, key, value, `${where}.${key}`)}, false)`);
    }
  }
  return parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` and `)})`;
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
    keys.push(...sortKeys(table.data, path, descending));
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
export async function queryEntities(
  tx: Tx,
  table: EntityTable,
  input: QueryInput = {},
  scope?: SQL,
  /** Where the query sits in the request, for the fields its refusals name: `query`, `search`, or '' (top level). */
  within = 'query',
): Promise<QueryPage> {
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
    where = and(compileFilter(table.data, filter, at('filter')), scope ?? sql`true`) as SQL;
    order = compileSort(table, sort, at('sort'));
  } catch (error) {
    // A cursor carries the filter and sort it was made for: one that does not compile was not made here.
    throw cursor && error instanceof WixError ? badCursor(at) : error;
  }
  const rows = (await tx
    .select({ data: table.data })
    .from(table)
    .where(where)
    .orderBy(...order)
    .limit(limit + 1)
    .offset(offset)) as Array<{ data: Doc }>;
  const hasNext = rows.length > limit;
  const docs = rows.slice(0, limit).map((r) => r.data);
  const cursors: { next?: string; prev?: string } = {};
  if (hasNext) cursors.next = encodeCursor({ f: filter ?? null, s: sort ?? null, o: offset + limit });
  if (offset > 0) cursors.prev = encodeCursor({ f: filter ?? null, s: sort ?? null, o: Math.max(0, offset - limit) });
  let total = offset + docs.length + (hasNext ? 1 : 0);
  if (input.paging) {
    const [count] = (await tx.select({ n: sql<number>`count(*)::int` }).from(table).where(where)) as Array<{
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
