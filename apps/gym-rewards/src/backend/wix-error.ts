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
