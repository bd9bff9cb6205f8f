import type { FieldDeclaration, MethodDeclaration } from '../../scripts/sdk-declarations.ts';
import { invalidArgument, type WixError } from '../http/errors.ts';

/**
 * Request validation from what the SDK declares (`sdk-declarations.json`): every route in the table has its wire
 * request checked before the service sees it. See the README, "Requests are checked against the table".
 */

/** 8-4-4-4-12 hexadecimal digits, any version or variant: what `@format GUID` accepts. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const present = (value: unknown) => value !== undefined && value !== null;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One value of a declared field in a request: its dotted name there (`items.0.externalId`) and the value. */
interface Found {
  field: string;
  value: unknown;
}

/**
 * The values a declared path (`items[].externalId`) names in `input`, one per element of every array on the way. A
 * path whose parent object is absent names nothing (its `required` means "required when the parent is there").
 */
function valuesAt(input: Record<string, unknown>, segments: string[], prefix = ''): Found[] {
  const [head, ...rest] = segments;
  if (head === undefined) return [];
  const name = head.endsWith('[]') ? head.slice(0, -2) : head;
  const field = prefix ? `${prefix}.${name}` : name;
  const value = input[name];
  if (rest.length === 0) return [{ field, value }];
  if (!present(value)) return [];
  if (head.endsWith('[]')) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((element, i) => (isObject(element) ? valuesAt(element, rest, `${field}.${i}`) : []));
  }
  return isObject(value) ? valuesAt(value, rest, field) : [];
}

function checkString(field: string, value: unknown, rules: FieldDeclaration): WixError | undefined {
  if (rules.format === 'GUID' && (typeof value !== 'string' || !GUID.test(value))) {
    return invalidArgument(field, 'must be a GUID', 'FORMAT');
  }
  if (typeof value !== 'string') return undefined;
  if (rules.minLength !== undefined && value.length < rules.minLength) {
    return invalidArgument(field, `must be at least ${rules.minLength} characters`, 'MIN_LENGTH');
  }
  if (rules.maxLength !== undefined && value.length > rules.maxLength) {
    return invalidArgument(field, `must be at most ${rules.maxLength} characters`, 'MAX_LENGTH');
  }
  return undefined;
}

/** The first violation of one declared field, or undefined. */
function checkField(found: Found, rules: FieldDeclaration, isArray: boolean): WixError | undefined {
  const { field, value } = found;
  if (!present(value) || value === '') {
    return rules.required ? invalidArgument(field, 'is required', 'REQUIRED') : undefined;
  }
  if (!isArray) return checkString(field, value, rules);
  // Query parameters of GET requests carry a one-element array as a plain string.
  const elements = Array.isArray(value) ? value : [value];
  if (rules.minSize !== undefined && elements.length < rules.minSize) {
    return invalidArgument(field, `must have at least ${rules.minSize} elements`, 'MIN_SIZE');
  }
  if (rules.maxSize !== undefined && elements.length > rules.maxSize) {
    return invalidArgument(field, `must have at most ${rules.maxSize} elements`, 'MAX_SIZE');
  }
  for (const [i, element] of elements.entries()) {
    if (!present(element) || isObject(element) || Array.isArray(element)) continue;
    const error = checkString(`${field}.${i}`, element, rules);
    if (error) return error;
  }
  return undefined;
}

/**
 * Checks a wire request (the JSON body, or a GET's decoded input, with the path parameters) against a method's
 * declaration: required fields, `GUID` formats, string lengths, array sizes, required one-of groups. Read-only fields
 * the request need not carry (and what lies under them) are not looked at. Throws the first violation as
 * `400 INVALID_ARGUMENT`.
 */
export function validateRequest(declaration: MethodDeclaration, input: Record<string, unknown>): void {
  // Read-only fields the request must still carry (a create's `externalId`: `@readonly` and `@requiredField`) are
  // checked like the rest, as `dropReadonly` keeps them.
  const readonly = Object.keys(declaration.request).filter(
    (path) => declaration.request[path]?.readonly && !declaration.request[path]?.required,
  );
  const underReadonly = (path: string) => readonly.some((r) => path === r || path.startsWith(`${r}.`));
  for (const [path, rules] of Object.entries(declaration.request)) {
    if (underReadonly(path)) continue;
    const segments = path.split('.');
    const isArray = path.endsWith('[]');
    for (const found of valuesAt(input, segments)) {
      const error = checkField(found, rules, isArray);
      if (error) throw error;
    }
  }
  // A one-of group (`operation`, or `parent.operation`) names its members relative to the object that holds it.
  for (const [group, members] of Object.entries(declaration.requiredOneOf ?? {})) {
    const cut = group.lastIndexOf('.');
    const name = group.slice(cut + 1);
    const holders: Found[] = cut < 0 ? [{ field: '', value: input }] : valuesAt(input, group.slice(0, cut).split('.'));
    for (const holder of holders) {
      if (!isObject(holder.value)) continue;
      const value = holder.value;
      if (members.some((member) => present(value[member]))) continue;
      const field = holder.field ? `${holder.field}.${name}` : name;
      throw invalidArgument(field, `one of ${members.join(', ')} is required`, 'REQUIRED_ONE_OF');
    }
  }
}

/** Removes the value a declared path (`items[].id`) names in `input`, in every element of the arrays on the way. */
function removeAt(input: Record<string, unknown>, segments: string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  const name = head.endsWith('[]') ? head.slice(0, -2) : head;
  if (rest.length === 0) {
    delete input[name];
    return;
  }
  const value = input[name];
  if (head.endsWith('[]')) {
    if (Array.isArray(value)) for (const element of value) if (isObject(element)) removeAt(element, rest);
    return;
  }
  if (isObject(value)) removeAt(value, rest);
}

/**
 * Strict mode: drops from a wire request every field its declaration marks `readonly`, except those also marked
 * `required` (there readonly means "not updatable", as for a program definition's `externalId` on create). Wix ignores
 * what a caller sends in read-only fields, so the service never sees it. Changes `input` in place.
 */
export function dropReadonly(declaration: MethodDeclaration, input: unknown): void {
  if (!isObject(input)) return;
  for (const [path, rules] of Object.entries(declaration.request)) {
    if (rules.readonly && !rules.required) removeAt(input, path.split('.'));
  }
}
