import { Hono } from 'hono';
import type { BackendRuntime } from '../runtime/backend.ts';
import { limitBody, refusal } from './errors.ts';

const WEB_METHOD = /^\/_webMethods\/(.+)\/([A-Za-z_$][\w$]*)\.ajax$/;

/**
 * Web methods, the Wix CLI's RPC: `POST /_webMethods/<file>/<method>.ajax` with the JSON array of arguments, run as
 * the caller of the `Authorization` token (`BackendRuntime.webMethod`).
 */
export function webMethods(backend: BackendRuntime) {
  const app = new Hono();
  app.all('/_webMethods/*', limitBody(), async (c) => {
    const match = WEB_METHOD.exec(c.req.path);
    if (!match) throw refusal(404, 'NOT_FOUND', 'path', `no web method at ${c.req.path}`);
    if (c.req.method !== 'POST') throw refusal(405, 'METHOD_NOT_ALLOWED', 'method', 'web methods are POST');
    const answer = await backend.webMethod(
      match[1]!,
      match[2]!,
      c.req.header('authorization') ?? null,
      await c.req.text(),
    );
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
  return app;
}
