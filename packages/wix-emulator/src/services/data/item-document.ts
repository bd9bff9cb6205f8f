import { invalidArgument } from '../../http/errors.ts';
import { DEFAULT_ADMIN_USER_ID, type Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';

/** Wix Data's documented limits: an item is at most 500 kB, an item id at most 128 characters. */
const MAX_ITEM_BYTES = 500 * 1024;
const MAX_ITEM_ID_LENGTH = 128;

/** The fields Wix Data writes itself; a client's values for the dates are ignored. */
const READ_ONLY_FIELDS = new Set(['_id', '_createdDate', '_updatedDate']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** `{ $date: '...' }`: how Wix Data's wire format carries a date. */
const isDateValue = (value: unknown): value is { $date: unknown } =>
  isPlainObject(value) && Object.keys(value).length === 1 && '$date' in value;

export const wireDate = (date: Date) => ({ $date: date.toISOString() });

/**
 * Checks an item's payload and normalizes its dates to `{ $date: <ISO string> }`. Field names may not start with `$`
 * (only `$date` wrappers do); an unreadable date or an item over 500 kB is refused. Errors name the field.
 */
function cleanPayload(data: Record<string, unknown>, where: string): Doc {
  if (Buffer.byteLength(JSON.stringify(data), 'utf8') > MAX_ITEM_BYTES) {
    throw invalidArgument(where, 'an item may be at most 500 kB', 'MAX_SIZE');
  }
  return cleanValue(data, where) as Doc;
}

function cleanValue(value: unknown, where: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => cleanValue(v, `${where}[${i}]`));
  if (!isPlainObject(value)) return value;
  if (isDateValue(value)) {
    const date = typeof value.$date === 'string' ? new Date(value.$date) : null;
    if (!date || Number.isNaN(date.getTime())) throw invalidArgument(`${where}.$date`, 'is not an ISO date');
    return wireDate(date);
  }
  const clean: Doc = {};
  for (const [key, field] of Object.entries(value)) {
    if (key.startsWith('$')) throw invalidArgument(`${where}.${key}`, 'field names must not start with "$"');
    clean[key] = cleanValue(field, `${where}.${key}`);
  }
  return clean;
}

/** The item as filters and sorts see it: every `{ $date }` becomes its ISO string (they sort in time order). */
export function queryableForm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(queryableForm);
  if (!isPlainObject(value)) return value;
  if (isDateValue(value)) return value.$date;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, queryableForm(v)]));
}

function checkItemId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalidArgument(field, 'must be a non-empty string');
  if (value.length > MAX_ITEM_ID_LENGTH) {
    throw invalidArgument(field, `must be at most ${MAX_ITEM_ID_LENGTH} characters`, 'MAX_LENGTH');
  }
  return value;
}

/** A data item as a request carries it (`{ id, data }`), checked: its id (when given) and its clean payload. */
export interface PreparedItem {
  id: string | undefined;
  payload: Doc;
  owner: string | undefined;
}

/**
 * Checks a request's `dataItem`: the id comes from `dataItem.id` or `data._id` (they must agree; null or empty is an
 * error, as Wix documents), `_owner` when given must be a string, the read-only system fields are dropped.
 */
export function prepareItem(
  dataItem: { id?: string | undefined; data?: Record<string, unknown> | null },
  where: string,
) {
  const data = dataItem.data ?? {};
  const id = dataItem.id === undefined ? undefined : checkItemId(dataItem.id, `${where}.id`);
  const fromData = data._id === undefined ? undefined : checkItemId(data._id, `${where}.data._id`);
  if (id !== undefined && fromData !== undefined && id !== fromData) {
    throw invalidArgument(`${where}.id`, `differs from ${where}.data._id`);
  }
  if (data._owner !== undefined && data._owner !== null && typeof data._owner !== 'string') {
    throw invalidArgument(`${where}.data._owner`, 'must be a string');
  }
  const payload = cleanPayload(
    Object.fromEntries(Object.entries(data).filter(([key]) => !READ_ONLY_FIELDS.has(key) && key !== '_owner')),
    `${where}.data`,
  );
  const owner = typeof data._owner === 'string' && data._owner.length > 0 ? data._owner : undefined;
  return { id: id ?? fromData, payload, owner } satisfies PreparedItem;
}

/**
 * `_owner` of an item a caller creates. Reading: a Wix user owns what they create; an app's write is owned by the app
 * (its id, when the token names one), else by the site owner (the emulator's default Wix user).
 */
export function ownerOf(identity: Identity): string {
  switch (identity.type) {
    case 'ADMIN':
      return identity.userId ?? DEFAULT_ADMIN_USER_ID;
    case 'APP':
      return identity.appId ?? DEFAULT_ADMIN_USER_ID;
    case 'MEMBER':
      return identity.memberId;
    case 'VISITOR':
      return identity.visitorId ?? DEFAULT_ADMIN_USER_ID;
  }
}

/** The stored item: system fields around the payload, in the order Wix shows them. */
export function composeItem(
  id: string,
  payload: Doc,
  owner: string,
  created: { $date: string },
  updated: { $date: string },
): Doc {
  return { _id: id, ...payload, _owner: owner, _createdDate: created, _updatedDate: updated };
}

/** Keeps only the requested fields (dotted paths allowed) of an item; `_id` is always kept. */
export function project(item: Doc, fields: string[] | null | undefined): Doc {
  if (!fields || fields.length === 0) return item;
  const out: Doc = { _id: item._id };
  for (const field of fields) {
    const path = field.split('.');
    let source: unknown = item;
    for (const key of path) source = isPlainObject(source) ? source[key] : undefined;
    if (source === undefined) continue;
    let target = out;
    for (const key of path.slice(0, -1)) {
      if (!isPlainObject(target[key])) target[key] = {};
      target = target[key] as Doc;
    }
    target[path.at(-1) as string] = source;
  }
  return out;
}
