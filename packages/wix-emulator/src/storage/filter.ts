import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { invalidArgument } from '../http/errors.ts';

/**
 * Wix's filters (`{field: value}`, `$and $or $not`, and per field `$eq $ne $gt $gte $lt $lte $in $nin $hasSome $hasAll
 * $startsWith $endsWith $contains $exists $isEmpty`) compiled into SQL over an entity's JSON document (query.ts runs them).
 */

const FIELD = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z0-9_$]+)*$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A field name as an SQL/JSON path (`$."a"."b"`); names are checked against FIELD, so quoting them is enough. */
function jsonPath(field: string): string {
  return `$${field
    .split('.')
    .map((k) => `."${k}"`)
    .join('')}`;
}

/** A field name as a PostgreSQL text[] literal for `#>` (names are checked against FIELD, so they need no quoting). */
export function fieldPath(field: string, where: string): string {
  if (!FIELD.test(field)) throw invalidArgument(where, `"${field}" is not a field name`);
  return `{${field.split('.').join(',')}}`;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
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
 * Fields of a table's documents that a column holds exactly: the field is a string equal to the column's value, or
 * missing where the column is null (e.g. `beneficiary.memberId` of pools, a generated column). Filters on them also
 * get a plain condition on the column, so PostgreSQL finds the rows through the column's index instead of evaluating
 * the JSON path on every row; the JSON condition still decides, so what a query answers does not change.
 */
export type FieldColumns = Record<string, AnyPgColumn>;

/**
 * The conditions on `columns` that a (compiled, so valid) filter implies: equality and `$in` with string values, and
 * string comparisons (code point order, as SQL/JSON path compares strings), for the fields `columns` names, at the top
 * level of the filter or under `$and`. Anything else (`$or`, `$not`, other values) adds nothing.
 */
export function columnConditions(columns: FieldColumns, filter: unknown): SQL[] {
  if (!isPlainObject(filter)) return [];
  const found: SQL[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) found.push(...value.flatMap((f) => columnConditions(columns, f)));
    const column = columns[key];
    if (!column) continue;
    const operators =
      isPlainObject(value) && !isDateWrapper(value) && Object.keys(value).every((k) => k.startsWith('$'))
        ? value
        : { $eq: value };
    for (const [op, raw] of Object.entries(operators)) {
      const values = op === '$eq' ? [raw] : op === '$in' && Array.isArray(raw) ? raw : undefined;
      if (values && values.length > 0 && values.every((v) => typeof v === 'string')) {
        const forms = (values as string[]).flatMap(equalForms);
        found.push(
          sql`${column} in (${sql.join(
            forms.map((v) => sql`${v}`),
            sql`, `,
          )})`,
        );
      }
      const symbol = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
      if (symbol && typeof raw === 'string') {
        found.push(sql`(${column} collate "C") ${sql.raw(symbol)} ${orderedForm(raw)}`);
      }
    }
  }
  return found;
}
