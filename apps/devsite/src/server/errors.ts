import { invalidArgument, WixError } from '@gym-rewards/wix-emulator';
import type { Context, ErrorHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The devsite's refusals are Wix's error envelope, made by the emulator's own `WixError`, naming the field. */
export const refusal = (status: number, code: string, field: string, reason: string) =>
  new WixError(status, code, `${field}: ${reason}`, { field, reason });

export { invalidArgument, WixError };

/** Answers a refusal (or any `WixError`) as Wix does. */
export const answer = (c: Context, error: WixError) => c.json(error.toBody(), error.status as ContentfulStatusCode);

/** The largest body the devsite reads, but for the Wix API proxy's (pages may send more to Wix). */
export const MAX_BODY = 1_000_000;
/** Bodies over `maxSize` are answered 413 naming `body` (Hono's `bodyLimit`). */
export const limitBody = (maxSize = MAX_BODY) =>
  bodyLimit({
    maxSize,
    onError: (c) => answer(c, refusal(413, 'PAYLOAD_TOO_LARGE', 'body', `is larger than ${maxSize} bytes`)),
  });

/** A body that must be JSON (or empty: `{}`); anything else is a 400 naming `body`. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw invalidArgument('body', 'is not JSON');
  }
}

/** Refusals go back as they are; anything else is the devsite's own failure: logged, and a 500 that says so. */
export const onError =
  (log: (line: string) => void): ErrorHandler =>
  (error, c) => {
    if (error instanceof WixError) return answer(c, error);
    log(`${c.req.method} ${c.req.path} failed: ${(error as Error)?.stack ?? error}`);
    return answer(c, refusal(500, 'DEVSITE_FAILED', 'request', 'the devsite failed; see its log'));
  };
