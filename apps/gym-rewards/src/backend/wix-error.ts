/**
 * Wix's error envelope, `{ message, details: { applicationError: { code, description, data } } }` (as Wix's REST APIs
 * answer a refusal; /work/shared/wix-platform-notes.md): what the app's HTTP endpoints answer a caller they refuse,
 * naming the field at fault and the reason, and what the devsite answers its own refusals with. An invalid argument
 * also carries Wix's `validationError.fieldViolations`. It imports nothing, so the devsite may import it.
 */
export function wixErrorBody(code: string, field: string, reason: string) {
  const message = `${field}: ${reason}`;
  return {
    message,
    details: {
      applicationError: { code, description: message, data: { field, reason } },
      ...(code === 'INVALID_ARGUMENT'
        ? { validationError: { fieldViolations: [{ field, description: reason, violatedRule: 'INVALID' }] } }
        : {}),
    },
  };
}

/** A refusal as an HTTP answer: Wix's error envelope with `status`. */
export function wixErrorResponse(
  status: number,
  code: string,
  field: string,
  reason: string,
  headers?: Record<string, string>,
): Response {
  return Response.json(wixErrorBody(code, field, reason), { status, ...(headers ? { headers } : {}) });
}

/**
 * Wix failing for a moment (the flows' `WixUnavailable`): not the caller's fault and not a refusal, but "try again".
 * Wix's code of a 503 ("About Errors") with the 503 status, naming the request; `Retry-After` in seconds for HTTP callers.
 */
export const TRY_AGAIN = { status: 503, code: 'UNAVAILABLE', field: 'request', retryAfterSeconds: 5 } as const;

/** The "try again" answer as an HTTP answer: Wix's error envelope, 503 `UNAVAILABLE`, with `Retry-After`. */
export function tryAgainResponse(reason: string): Response {
  return wixErrorResponse(TRY_AGAIN.status, TRY_AGAIN.code, TRY_AGAIN.field, reason, {
    'retry-after': String(TRY_AGAIN.retryAfterSeconds),
  });
}

/** The "try again" answer a web method throws: Wix's error envelope with the 503 status and the code at its top. */
export function tryAgainThrown(reason: string) {
  const body = wixErrorBody(TRY_AGAIN.code, TRY_AGAIN.field, reason);
  return { ...body, message: reason, code: TRY_AGAIN.code, status: TRY_AGAIN.status };
}
