import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
import { wixErrorResponse } from '../../../gym-rewards/src/backend/wix-error.ts';

/** A refusal of the devsite's routes: answered (`onError`) in Wix's error envelope, as the app's endpoints answer. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }

  response(headers?: Record<string, string>): Response {
    return wixErrorResponse(this.status, this.code, this.field, this.reason, headers);
  }
}

export const refusal = (status: number, code: string, field: string, reason: string) =>
  new Refusal(status, code, field, reason);

export const invalidArgument = (field: string, reason: string) => refusal(400, 'INVALID_ARGUMENT', field, reason);

/** The largest body the devsite reads, but for the Wix API proxy's (pages may send more to Wix). */
const MAX_BODY = 1_000_000;
/** How much of a body too large the devsite still reads (and drops) so that its sender gets the 413. */
const MAX_DRAINED = 64 * 1024 * 1024;

/**
 * Bodies over `maxSize` are answered 413 naming `body`. Hono's `bodyLimit` answers as soon as it knows, while the
 * sender is still sending, and then Node resets about one such connection in three, so the sender never sees the 413
 * (the very bug this fixes). This reads the body as it comes (a `content-length` or none), keeps up to `maxSize`,
 * drops the rest up to 64 MB and answers once the request is complete; beyond that it answers and closes.
 */
export const limitBody =
  (maxSize = MAX_BODY): MiddlewareHandler =>
  async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const tooLarge = (close: boolean) =>
      refusal(413, 'PAYLOAD_TOO_LARGE', 'body', `is larger than ${maxSize} bytes`).response(
        close ? { connection: 'close' } : undefined,
      );
    if (Number(c.req.header('content-length') ?? 0) > MAX_DRAINED) return tooLarge(true);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_DRAINED) {
        await reader.cancel();
        return tooLarge(true);
      }
      if (size <= maxSize) chunks.push(value);
    }
    if (size > maxSize) return tooLarge(false);
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) });
    return next();
  };

/** A body that must be a JSON object (or empty: `{}`); anything else is a 400 naming `body`. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidArgument('body', 'is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidArgument('body', 'must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** Refusals go back as they are; anything else is the devsite's own failure: logged, and a 500 that says so. */
export const onError =
  (log: (line: string) => void): ErrorHandler =>
  (error, c) => {
    if (error instanceof Refusal) return error.response();
    log(`${c.req.method} ${c.req.path} failed: ${(error as Error)?.stack ?? error}`);
    return refusal(500, 'DEVSITE_FAILED', 'request', 'the devsite failed; see its log').response();
  };
