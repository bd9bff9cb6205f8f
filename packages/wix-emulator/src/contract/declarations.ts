import { readFileSync } from 'node:fs';
import type { MethodDeclaration, SdkDeclarations } from '../../scripts/sdk-declarations.ts';
import { REFUSAL } from '../http/bulk.ts';
import { WixError } from '../http/errors.ts';

export type { MethodDeclaration };

/**
 * What the Wix SDK declares for each method the app calls (`sdk-declarations.json`, generated from the installed
 * packages), and the one rule the emulator answers errors by: a method answers only the application error codes its
 * SDK declares, the codes Wix documents for it, and Wix's standard codes.
 */
const table = JSON.parse(readFileSync(new URL('./sdk-declarations.json', import.meta.url), 'utf8')) as SdkDeclarations;

/** Every method the app calls, as the installed SDK declares it. */
export const DECLARED_METHODS: readonly MethodDeclaration[] = table.methods;

/** The declaration of the method served at a route, if the app calls it. */
export function declarationOf(httpMethod: string, path: string): MethodDeclaration | undefined {
  return DECLARED_METHODS.find((m) => m.httpMethod === httpMethod && m.path === path);
}

/**
 * Wix's standard codes, by the HTTP status they travel with: any method may answer them ("About Errors",
 * dev.wix.com/docs/sdk/articles/work-with-the-sdk/about-errors: UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND,
 * ALREADY_EXISTS, ABORTED, RESOURCE_EXHAUSTED; validation: INVALID_ARGUMENT, OUT_OF_RANGE; FAILED_PRECONDITION).
 */
const STANDARD_BY_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
};
export const STANDARD_CODES = new Set([
  ...Object.values(STANDARD_BY_STATUS),
  'ABORTED',
  'OUT_OF_RANGE',
  'FAILED_PRECONDITION',
]);

/**
 * Codes Wix documents for a method where its SDK declares none. Wix Data's `WDE` codes are documented on "Wix Data
 * Error Codes" (dev.wix.com/docs/sdk/backend-modules/data/error-codes); `@wix/data` is hand-written and declares none.
 */
const DOCUMENTED: Array<{ sdk: string; codes: string[] }> = [
  { sdk: '@wix/data', codes: ['WDE0025', 'WDE0027', 'WDE0073', 'WDE0074'] },
];

/** Whether `method` may answer `code`. */
export function mayAnswer(method: MethodDeclaration, code: string): boolean {
  return (
    STANDARD_CODES.has(code) ||
    method.applicationErrors.includes(code) ||
    DOCUMENTED.some((d) => d.sdk === method.sdk && d.codes.includes(code))
  );
}

/**
 * A refusal as `method` may answer it: unchanged when its code is declared, documented or standard; otherwise the
 * standard code of its HTTP status (a service's own name for a refusal, such as a missing entity, is Wix's
 * `NOT_FOUND` unless the method declares its own).
 */
export function asDeclared(method: MethodDeclaration, error: WixError): WixError {
  if (mayAnswer(method, error.code)) return error;
  return new WixError(
    error.status,
    STANDARD_BY_STATUS[error.status] ?? 'FAILED_PRECONDITION',
    error.message,
    error.data,
    error.fieldViolations,
  );
}

/** Per-item errors of a bulk answer (`results[].itemMetadata.error`), as `method` may answer them. */
export function bulkErrorsAsDeclared(method: MethodDeclaration, body: unknown): void {
  type ItemError = { code?: string; [REFUSAL]?: WixError };
  const results = (body as { results?: Array<{ itemMetadata?: { error?: ItemError } }> } | null)?.results;
  if (!Array.isArray(results)) return;
  for (const result of results) {
    const error = result.itemMetadata?.error;
    const refusal = error?.[REFUSAL];
    if (error && refusal) error.code = asDeclared(method, refusal).code;
  }
}
