import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { limitBody, refusal } from './errors.ts';

const PREFIX = '/_wix/api';
/** A Wix API's first segment: a service (`benefit-programs`, `members`, `oauth2`), after an optional `_api`. */
const SERVICE = /^[a-z][a-z0-9-]*$/;

/**
 * The path of a Wix API as the page asked for it (`/_wix/api<path>`), decoded, checked and encoded again; or null when
 * it is not one of Wix's APIs. Each segment is decoded once: `.` and `..`, empty segments (but a last one), slashes or
 * backslashes hidden in a segment (`%2F`), and a first segment that is not a service (the emulator's `/_emulator/`
 * controls, `%5Femulator` included) are refused, so what reaches the platform is exactly the path checked here.
 */
function wixApiPath(rawPath: string): string | null {
  if (!rawPath.startsWith(`${PREFIX}/`)) return null;
  const segments: string[] = [];
  const raw = rawPath.slice(PREFIX.length + 1).split('/');
  for (const [index, part] of raw.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (segment === '' && index === raw.length - 1 && index > 0) {
      segments.push('');
      continue;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\]/.test(segment)) return null;
    segments.push(segment);
  }
  const service = segments[0] === '_api' ? segments[1] : segments[0];
  if (!service || !SERVICE.test(service)) return null;
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

/**
 * `/_wix/api/*`: the pages' Wix SDK traffic (`https://www.wixapis.com/...`, rewritten by the client module) goes to the
 * platform with its identity header, and only Wix's APIs: the platform's own controls are not for pages.
 */
export function wixApiProxy(emulatorUrl: string) {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.all(`${PREFIX}/*`, limitBody(10_000_000), async (c) => {
    // The path as sent (not as URL parsing normalised it), so that nothing is resolved before it is checked.
    const [rawPath = '', query] = (c.env.incoming.url ?? '').split(/\?(.*)/s, 2);
    const path = wixApiPath(rawPath);
    if (!path) throw refusal(404, 'NOT_FOUND', 'path', `no such Wix API: ${rawPath.slice(PREFIX.length)}`);
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
