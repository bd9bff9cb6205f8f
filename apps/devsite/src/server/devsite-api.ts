import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { DateTime } from 'luxon';
import type { DoorSystem } from './door.ts';
import { invalidArgument, jsonBody, limitBody, refusal } from './errors.ts';
import type { Platform } from './platform.ts';
import { SITE_COOKIE } from './session.ts';

/**
 * Only the devsite's own pages may change things: a POST must be `application/json` (which a cross-site form cannot
 * send, and a cross-site script cannot without a preflight the devsite never answers), and its `Origin` and
 * `Sec-Fetch-Site`, when the browser sends them, must say the devsite itself.
 */
const sameSiteOnly: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    throw refusal(403, 'CROSS_SITE_REFUSED', 'sec-fetch-site', `is ${site}: only the devsite's pages may call this`);
  }
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(c.req.url).origin) {
    throw refusal(403, 'CROSS_SITE_REFUSED', 'origin', `is ${origin}: only the devsite's pages may call this`);
  }
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type', 'must be application/json');
  }
  return next();
};

/** A non-empty string field of the body, trimmed. */
function text(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || !value.trim()) throw invalidArgument(field, 'is required');
  return value.trim();
}

/** `/_devsite/api/*`: the devsite bar's controls and the site's log in, log out and sign up. Not part of Wix. */
export function devsiteApi(deps: { platform: Platform; door: DoorSystem; log: (line: string) => void }) {
  const { platform, door, log } = deps;
  const api = new Hono().basePath('/_devsite/api');
  api.use(sameSiteOnly, limitBody());
  const signIn = async (c: Parameters<MiddlewareHandler>[0], memberId: string | null) => {
    const token = await platform.token(memberId ? { type: 'MEMBER', memberId } : { type: 'VISITOR' });
    setCookie(c, SITE_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax' });
  };

  api.get('/clock', async (c) => c.json({ now: await platform.syncClock() }));

  api.post('/clock', async (c) => {
    const { advance } = await jsonBody(c);
    if (advance !== 'day' && advance !== 'month') throw invalidArgument('advance', 'must be "day" or "month"');
    // A calendar day or month in the gym's time zone: 31 January + 1 month is 28 (or 29) February, not 3 March.
    const [{ now }, { timeZone }] = await Promise.all([
      platform.admin<{ now: string }>('/_emulator/v1/clock'),
      platform.admin<{ timeZone: string }>('/_emulator/v1/site'),
    ]);
    const target = DateTime.fromISO(now, { zone: timeZone }).plus({ [`${advance}s`]: 1 });
    await platform.admin('/_emulator/v1/clock', { set: target.toUTC().toISO() });
    const moved = await platform.syncClock();
    const sweep = await door.sweep();
    log(`clock moved a ${advance} to ${moved}`);
    return c.json({ now: moved, sweep });
  });

  api.post('/check-in', async (c) => {
    const memberId = text(await jsonBody(c), 'memberId');
    const answer = await door.request('visits', { memberId, visitId: randomUUID() });
    return c.json(answer.body, answer.status as 200);
  });

  api.get('/members', async (c) => c.json({ members: await platform.people() }));

  api.post('/login', async (c) => {
    const memberId = text(await jsonBody(c), 'memberId');
    if (!(await platform.people()).some((p) => p.id === memberId)) {
      throw refusal(404, 'MEMBER_NOT_FOUND', 'memberId', `no site member ${memberId}`);
    }
    await signIn(c, memberId);
    return c.json({ memberId });
  });

  api.post('/logout', async (c) => {
    await signIn(c, null);
    return c.json({});
  });

  api.post('/signup', async (c) => {
    const body = await jsonBody(c);
    const name = text(body, 'name');
    const email = text(body, 'email').toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalidArgument('email', 'is not an email address');
    const [first, ...rest] = name.split(/\s+/);
    const member = await platform.owner.members
      .createMember({
        member: {
          loginEmail: email,
          contact: { firstName: first, lastName: rest.join(' ') },
          profile: { nickname: name },
        },
      })
      .catch((error: { details?: { applicationError?: { description?: string } }; message?: string }) => {
        const reason = error.details?.applicationError?.description ?? error.message ?? 'was refused';
        throw refusal(409, 'SIGNUP_REFUSED', 'email', reason);
      });
    await signIn(c, member._id!);
    return c.json({ memberId: member._id });
  });

  api.all('*', (c) => {
    throw refusal(404, 'NOT_FOUND', 'path', `no devsite API ${c.req.method} ${c.req.path}`);
  });
  return api;
}
