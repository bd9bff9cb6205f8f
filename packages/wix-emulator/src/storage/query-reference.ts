import type { Doc } from './columns.ts';

/**
 * A reference evaluator of Wix filters and sorts, written the plain way: query.test.ts compares `queryEntities`
 * with it on generated documents, filters and sorts.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Filter = Record<string, any>;

const isObject = (v: unknown): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

/** The values at a dotted path: arrays met on the way are looked into; an array at the end is one value. */
function valuesAt(doc: Json, path: string[]): Json[] {
  let values: Json[] = [doc];
  for (const key of path) {
    values = values
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .flatMap((v) => (isObject(v) && key in v ? [v[key] as Json] : []));
  }
  return values;
}

/** The value at exactly that path, through objects only. */
function valueAt(doc: Json, path: string[]): Json | undefined {
  let v: Json | undefined = doc;
  for (const key of path) v = isObject(v) ? v[key] : undefined;
  return v;
}

/** What a comparison sees: the values, with an array at the end looked into. */
const scalarsAt = (doc: Json, path: string[]) => valuesAt(doc, path).flatMap((v) => (Array.isArray(v) ? v : [v]));

const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const canonical = (v: string) => (dateTime.test(v) ? new Date(v).toISOString() : undefined);

/** A filter value as JSON: `{ $date }` is the instant, in the canonical form documents store. */
const unwrap = (v: any): Json => (isObject(v) && '$date' in v ? new Date(v.$date as string).toISOString() : v);

const deepEqual = (a: Json | undefined, b: Json): boolean =>
  JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
const sortKeys = (v: Json | undefined): unknown =>
  isObject(v)
    ? Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sortKeys(v[k] as Json)]),
      )
    : Array.isArray(v)
      ? v.map(sortKeys)
      : v;

function hasValue(doc: Json, path: string[]) {
  return valuesAt(doc, path).some((v) => v !== null);
}

function equalsOne(doc: Json, path: string[], raw: any): boolean {
  const v = unwrap(raw);
  if (v === null) return !hasValue(doc, path);
  if (typeof v === 'object') return deepEqual(valueAt(doc, path), v);
  return scalarsAt(doc, path).some((x) => x === v || (typeof v === 'string' && x === canonical(v)));
}

function compares(doc: Json, path: string[], op: string, raw: any): boolean {
  const unwrapped = unwrap(raw);
  const v = typeof unwrapped === 'string' ? (canonical(unwrapped) ?? unwrapped) : unwrapped;
  return scalarsAt(doc, path).some((x) => {
    if (!isScalar(x) || typeof x !== typeof v) return false;
    const [a, b] = [x as any, v as any];
    return op === '$gt' ? a > b : op === '$gte' ? a >= b : op === '$lt' ? a < b : a <= b;
  });
}

function likes(doc: Json, path: string[], op: string, text: string): boolean {
  const t = text.toLowerCase();
  return scalarsAt(doc, path).some((x) => {
    if (typeof x !== 'string') return false;
    const s = x.toLowerCase();
    return op === '$startsWith' ? s.startsWith(t) : op === '$endsWith' ? s.endsWith(t) : s.includes(t);
  });
}

const isOperators = (c: unknown): c is Filter =>
  isObject(c) && !('$date' in c) && Object.keys(c).length > 0 && Object.keys(c).every((k) => k.startsWith('$'));

function matches(doc: Json, filter: Filter): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as Filter[]).every((f) => matches(doc, f));
    if (key === '$or') return (condition as Filter[]).some((f) => matches(doc, f));
    if (key === '$not') return !matches(doc, condition);
    const path = key.split('.');
    const ops: Filter = isOperators(condition) ? condition : { $eq: condition };
    return Object.entries(ops).every(([op, v]) => {
      switch (op) {
        case '$eq':
          return equalsOne(doc, path, v);
        case '$ne':
          return !equalsOne(doc, path, v);
        case '$in':
        case '$hasSome':
          return (v as any[]).some((x) => equalsOne(doc, path, x));
        case '$nin':
          return !(v as any[]).some((x) => equalsOne(doc, path, x));
        case '$hasAll':
          return v.length > 0 && (v as any[]).every((x) => equalsOne(doc, path, x));
        case '$gt':
        case '$gte':
        case '$lt':
        case '$lte':
          return compares(doc, path, op, v);
        case '$startsWith':
        case '$endsWith':
        case '$contains':
          return likes(doc, path, op, v);
        case '$exists':
          return v ? hasValue(doc, path) : !hasValue(doc, path);
        case '$isEmpty': {
          const filled = valuesAt(doc, path).some(
            (x) => x !== null && x !== '' && !(Array.isArray(x) && x.length === 0),
          );
          return v ? !filled : filled;
        }
        default:
          throw new Error(`the reference does not know ${op}`);
      }
    });
  });
}

/** No value < numbers < strings (by code point) < booleans; DESC is the exact reverse. */
const rank = (v: Json | undefined) =>
  v === undefined || v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3;
function compareValues(a: Json | undefined, b: Json | undefined): number {
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) === 0) return 0;
  return (a as any) < (b as any) ? -1 : (a as any) > (b as any) ? 1 : 0;
}

/** Every `$` key in a filter, at any depth. */
export const operatorsOf = (value: unknown): string[] =>
  isObject(value) || Array.isArray(value)
    ? Object.entries(value).flatMap(([k, v]) => [...(k.startsWith('$') && k !== '$date' ? [k] : []), ...operatorsOf(v)])
    : [];

export type Sort = Array<{ fieldName: string; order: 'ASC' | 'DESC' }>;

/** The matching documents in the order the query answers them: its sort, then insertion order in the last direction. */
export function expected(docs: Doc[], filter: Filter | undefined, sort: Sort = []): string[] {
  const descending = sort.at(-1)?.order === 'DESC';
  return docs
    .map((doc, index) => ({ doc, index }))
    .filter(({ doc }) => !filter || matches(doc as Json, filter))
    .sort((x, y) => {
      for (const { fieldName, order } of sort) {
        const path = fieldName.split('.');
        const c = compareValues(valueAt(x.doc as Json, path), valueAt(y.doc as Json, path));
        if (c !== 0) return order === 'DESC' ? -c : c;
      }
      return descending ? y.index - x.index : x.index - y.index;
    })
    .map(({ doc }) => String(doc.id));
}
