import { and, asc, desc, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { invalidArgument } from '../http/errors.ts';
import type { Doc } from './columns.ts';
import type { Tx } from './db.ts';

/**
 * Wix's API Query Language, run in PostgreSQL over an entity's JSON document.
 * Filters: `{field: value}`, `$and $or $not`, and per field `$eq $ne $gt $gte $lt $lte $in $nin $hasSome $hasAll
 * $startsWith $endsWith $contains $exists`. Sort: up to 5 `{fieldName, order}`. Paging: cursors (default 50, max 100)
 * or, for the legacy APIs that use it, `{limit, offset}`.
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

interface CursorState {
  f: unknown;
  s: QueryInput['sort'];
  o: number;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeCursor(cursor: string): CursorState {
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (typeof state.o !== 'number' || state.o < 0) throw new Error('offset');
    return state;
  } catch {
    throw invalidArgument('query.cursorPaging.cursor', 'is not a cursor this API returned');
  }
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

/** Unwraps `{ $date: '...' }` values the way Wix accepts dates in filters; Date objects become ISO strings. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && !Array.isArray(value) && '$date' in value) {
    return String((value as { $date: unknown }).$date);
  }
  return value;
}

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  !!value &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0 &&
  Object.keys(value).every((k) => k.startsWith('$')) &&
  !('$date' in value);

const like = (value: unknown) => String(value).replace(/[\\%_]/g, (c) => `\\${c}`);

function fieldCondition(data: AnyPgColumn, field: string, condition: unknown, where: string): SQL {
  const path = fieldPath(field, where);
  const json = sql`(${data} #> ${path}::text[])`;
  const text = sql`(${data} #>> ${path}::text[])`;
  const isNull = sql`(${json} is null or ${json} = 'null'::jsonb)`;
  /**
   * Whether any value at the field satisfies `@ op $v` for one of `values`, in SQL/JSON path's lax mode: arrays on
   * the way are looked into (`details.benefits.itemSetId` matches any benefit's), a missing field matches nothing,
   * and values of another type never compare (a number is never "less than" a string or null).
   */
  const matches = (op: '==' | '>' | '>=' | '<' | '<=', values: unknown[]): SQL => {
    if (values.length === 0) return sql`false`;
    const test = values.map((_, i) => `@ ${op} $v${i}`).join(' || ');
    const vars = Object.fromEntries(values.map((v, i) => [`v${i}`, v]));
    return sql`jsonb_path_exists(${data}, ${`${jsonPath(field)} ? (${test})`}::jsonpath, ${JSON.stringify(vars)}::jsonb)`;
  };
  const operators = isOperatorObject(condition) ? condition : { $eq: condition };
  const parts: SQL[] = [];
  for (const [op, raw] of Object.entries(operators)) {
    const value = plain(raw);
    const at = `${where}.${op}`;
    const list = () => {
      if (!Array.isArray(raw)) throw invalidArgument(at, 'must be an array');
      return raw.map(plain);
    };
    switch (op) {
      case '$eq':
        parts.push(value === null ? isNull : matches('==', [value]));
        break;
      case '$ne':
        parts.push(value === null ? sql`not ${isNull}` : sql`not ${matches('==', [value])}`);
        break;
      case '$gt':
        parts.push(matches('>', [value]));
        break;
      case '$gte':
        parts.push(matches('>=', [value]));
        break;
      case '$lt':
        parts.push(matches('<', [value]));
        break;
      case '$lte':
        parts.push(matches('<=', [value]));
        break;
      case '$in':
        parts.push(matches('==', list()));
        break;
      case '$nin':
        parts.push(sql`not ${matches('==', list())}`);
        break;
      case '$hasSome': {
        const values = list();
        parts.push(
          values.length === 0
            ? sql`false`
            : sql`(${sql.join(
                values.map((v) => sql`coalesce(${json} @> jsonb_build_array(${JSON.stringify(v)}::jsonb), false)`),
                sql` or `,
              )})`,
        );
        break;
      }
      case '$hasAll':
        parts.push(sql`coalesce(${json} @> ${JSON.stringify(list())}::jsonb, false)`);
        break;
      case '$startsWith':
        parts.push(sql`${text} ilike ${`${like(value)}%`}`);
        break;
      case '$endsWith':
        parts.push(sql`${text} ilike ${`%${like(value)}`}`);
        break;
      case '$contains':
        parts.push(sql`${text} ilike ${`%${like(value)}%`}`);
        break;
      case '$exists':
        parts.push(
          value
            ? sql`(${json} is not null and ${json} <> 'null'::jsonb)`
            : sql`(${json} is null or ${json} = 'null'::jsonb)`,
        );
        break;
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

/** Compiles a Wix filter into a SQL condition over the JSON document column. */
export function compileFilter(data: AnyPgColumn, filter: unknown, where = 'query.filter'): SQL {
  if (filter === undefined || filter === null) return sql`true`;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw invalidArgument(where, 'must be an object');
  const parts: SQL[] = [];
  for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
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

function compileSort(table: EntityTable, sort: QueryInput['sort']): SQL[] {
  if (sort && sort.length > 5) throw invalidArgument('query.sort', 'at most 5 sort fields');
  const order = (sort ?? []).map((s, i) => {
    if (!s.fieldName) throw invalidArgument(`query.sort[${i}].fieldName`, 'is required');
    const path = fieldPath(s.fieldName, `query.sort[${i}].fieldName`);
    const direction = (s.order ?? 'ASC').toUpperCase();
    if (direction !== 'ASC' && direction !== 'DESC')
      throw invalidArgument(`query.sort[${i}].order`, 'must be ASC or DESC');
    return direction === 'ASC'
      ? sql`${table.data} #> ${path}::text[] asc nulls first`
      : sql`${table.data} #> ${path}::text[] desc nulls last`;
  });
  // Ties follow the direction of the last sort field, so "newest first" stays newest first within one instant.
  const last = (sort ?? []).at(-1);
  const descending = (last?.order ?? 'ASC').toUpperCase() === 'DESC';
  return descending
    ? [...order, desc(table.createdAt), desc(table.seq)]
    : [...order, asc(table.createdAt), asc(table.seq)];
}

function limitOf(limit: number | null | undefined, field: string): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) throw invalidArgument(field, 'must be a whole number of at least 0');
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
): Promise<QueryPage> {
  let filter = input.filter;
  let sort = input.sort;
  let offset = 0;
  let limit: number;
  const cursor = input.cursorPaging?.cursor;
  if (cursor) {
    const hasFilter = filter && typeof filter === 'object' && Object.keys(filter).length > 0;
    if (hasFilter || (sort && sort.length > 0)) {
      throw invalidArgument('query', 'a request with a cursor must not carry filter or sort: they are in the cursor');
    }
    const state = decodeCursor(cursor);
    filter = state.f;
    sort = state.s;
    offset = state.o;
    limit = limitOf(input.cursorPaging?.limit, 'query.cursorPaging.limit');
  } else if (input.paging) {
    limit = limitOf(input.paging.limit, 'query.paging.limit');
    offset = input.paging.offset ?? 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw invalidArgument('query.paging.offset', 'must be a whole number of at least 0');
  } else {
    limit = limitOf(input.cursorPaging?.limit, 'query.cursorPaging.limit');
  }
  const where = and(compileFilter(table.data, filter), scope ?? sql`true`);
  const rows = (await tx
    .select({ data: table.data })
    .from(table)
    .where(where)
    .orderBy(...compileSort(table, sort))
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
