import { Hono } from 'hono';
import type { BackendRuntime } from '../runtime/backend.ts';
import { limitBody } from './errors.ts';

/** The app's HTTP endpoints, `/api/<name>` (`src/backend/api/<name>/api.ts`), run with no Wix identity. */
export function endpoints(backend: BackendRuntime) {
  const app = new Hono();
  app.all('/api/:name{[a-z0-9-]+}', limitBody(), async (c) => {
    const answer = await backend.endpoint(c.req.param('name'), c.req.raw);
    return new Response(await answer.text(), {
      status: answer.status,
      headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json' },
    });
  });
  return app;
}
