import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { limitBody, refusal } from './errors.ts';

const PREFIX = '/_wix/api';

/**
 * `/_wix/api/*`: the pages' Wix SDK traffic (`https://www.wixapis.com/...`, rewritten by the client module) goes to the
 * platform with its identity header, and only Wix's APIs: the platform's own controls are not for pages.
 */
export function wixApiProxy(emulatorUrl: string) {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.all(`${PREFIX}/*`, limitBody(10_000_000), async (c) => {
    const [rawPath = '', query] = (c.env.incoming.url ?? '').split(/\?(.*)/s, 2);
    const path = rawPath.slice(PREFIX.length);
    if (path.startsWith('/_emulator/')) throw refusal(404, 'NOT_FOUND', 'path', `no such Wix API: ${path}`);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) {
      const value = c.req.header(name);
      if (value) headers[name] = value;
    }
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const answer = await fetch(`${emulatorUrl}${path}${query ? `?${query}` : ''}`, {
      method: c.req.method,
      headers,
      ...(hasBody ? { body: await c.req.arrayBuffer() } : {}),
    });
    const back = new Headers({ 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    const requestId = answer.headers.get('x-wix-request-id');
    if (requestId) back.set('x-wix-request-id', requestId);
    return new Response(answer.body, { status: answer.status, headers: back });
  });
  return app;
}
