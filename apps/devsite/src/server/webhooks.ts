import { Hono } from 'hono';
import type { BackendRuntime } from '../runtime/backend.ts';
import { limitBody } from './errors.ts';

/**
 * The platform's webhooks for the app (`POST /_wix/webhooks`, registered with the emulator): verified with the app's
 * public key and handed to the handlers the app registered (`BackendRuntime.event`).
 */
export function webhooks(backend: BackendRuntime, log: (line: string) => void) {
  const app = new Hono();
  app.post('/_wix/webhooks', limitBody(), async (c) => {
    const jwt = await c.req.text();
    const started = performance.now();
    const result = await backend.event(jwt);
    const ms = (performance.now() - started).toFixed(1);
    if (result.eventType && result.message !== 'no handler') log(`event ${result.eventType} handled in ${ms} ms`);
    return c.json(result, result.status as 200);
  });
  return app;
}
