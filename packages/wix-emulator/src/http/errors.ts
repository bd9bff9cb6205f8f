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

export const invalidArgument = (field: string, reason: string, rule = 'INVALID') =>
  new WixError(400, 'INVALID_ARGUMENT', `${field}: ${reason}`, { field, reason }, [
    { field, description: reason, violatedRule: rule },
  ]);

export const notFound = (code: string, what: string, data: Record<string, unknown> = {}) =>
  new WixError(404, code, `${what} not found`, data);

export const conflict = (code: string, message: string, data: Record<string, unknown> = {}) =>
  new WixError(409, code, message, data);

export const failedPrecondition = (code: string, message: string, data: Record<string, unknown> = {}) =>
  new WixError(428, code, message, data);

export const unauthenticated = () =>
  new WixError(
    401,
    'UNAUTHENTICATED',
    'Missing or unknown Authorization token: create one with POST /_emulator/v1/tokens',
  );

export const permissionDenied = (message: string) => new WixError(403, 'PERMISSION_DENIED', message);

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
