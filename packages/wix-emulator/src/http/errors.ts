import type { ZodError } from 'zod';

/** A field that failed validation, in Wix's `fieldViolations` shape. */
export interface FieldViolation {
  field: string;
  description: string;
  violatedRule?: string;
}

/**
 * An error answered the way Wix answers errors: an HTTP status and a body
 * `{ message, details: { applicationError: { code, description, data } } }`.
 * Validation errors also carry `details.validationError.fieldViolations`.
 */
export class WixError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly data: Record<string, unknown> = {},
    readonly fieldViolations: FieldViolation[] = [],
  ) {
    super(message);
  }

  toBody() {
    const details: Record<string, unknown> = {
      applicationError: { code: this.code, description: this.message, data: this.data },
    };
    if (this.fieldViolations.length > 0) details.validationError = { fieldViolations: this.fieldViolations };
    return { message: this.message, details };
  }
}

type Data = Record<string, unknown>;

/** 400 INVALID_ARGUMENT naming the field and why, with Wix's `validationError.fieldViolations`. */
export const invalidArgument = (field: string, reason: string, rule = 'INVALID') =>
  new WixError(400, 'INVALID_ARGUMENT', `${field}: ${reason}`, { field, reason }, [
    { field, description: reason, violatedRule: rule },
  ]);

/** 400 with the method's own code for a broken rule (e.g. `DUPLICATE_PRODUCT_OPTIONS`), naming the field in `data`. */
export const badRequest = (code: string, description: string, data: Data = {}) =>
  new WixError(400, code, description, data);

export const unauthenticated = () =>
  new WixError(
    401,
    'UNAUTHENTICATED',
    'Missing or unknown Authorization token: create one with POST /_emulator/v1/tokens',
  );

/** 403: the caller may not do this (`PERMISSION_DENIED` unless the method declares its own code). */
export const permissionDenied = (description: string, code = 'PERMISSION_DENIED', data: Data = {}) =>
  new WixError(403, code, description, data);

/** 404: what is missing, by its code (`NOT_FOUND`, `POOL_NOT_FOUND`, `WDE0073`, ...). */
export const notFound = (code: string, description: string, data: Data = {}) =>
  new WixError(404, code, description, data);

/** 404 for a stored entity named by its id: `${what} ${id} not found`. */
export const entityNotFound = (code: string, what: string, id: string) =>
  notFound(code, `${what} ${id} not found`, { id });

/** 409: the request clashes with what exists (already exists, already done, a stale revision). */
export const conflict = (code: string, description: string, data: Data = {}) =>
  new WixError(409, code, description, data);

/** 428: the entity is not in a state that allows the request. */
export const failedPrecondition = (code: string, description: string, data: Data = {}) =>
  new WixError(428, code, description, data);

/** 429 RESOURCE_EXHAUSTED: the site's rate limit. */
export const resourceExhausted = (description: string, data: Data = {}) =>
  new WixError(429, 'RESOURCE_EXHAUSTED', description, data);

/** 503 UNAVAILABLE: the platform failed for a moment; the caller may try again. */
export const unavailable = () => new WixError(503, 'UNAVAILABLE', 'service unavailable, try again');

/** 500 INTERNAL: what the caller sees of an unexpected error (its message goes to the console only). */
export const internalError = () => new WixError(500, 'INTERNAL', 'internal error in the emulator');

/** Turns a zod error into a 400 naming the first offending field and listing every violation. */
export function fromZodError(error: ZodError): WixError {
  const violations = error.issues.map((issue) => {
    // An unknown field is named by itself, not by the object holding it.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    return {
      field: path.map(String).join('.') || '(body)',
      description: issue.message,
      violatedRule: issue.code.toUpperCase(),
    };
  });
  const first = violations[0] ?? { field: '(body)', description: 'invalid request' };
  return new WixError(
    400,
    'INVALID_ARGUMENT',
    `${first.field}: ${first.description}`,
    {
      field: first.field,
      reason: first.description,
    },
    violations,
  );
}
