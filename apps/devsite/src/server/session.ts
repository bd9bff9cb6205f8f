import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { BackendRuntime, Caller } from '../runtime/backend.ts';
import type { Platform } from './platform.ts';

/** The live site's session: the token of who is on the site (a member, or a visitor), kept in this cookie. */
export const SITE_COOKIE = 'devsite_site';

/** The site's session of this browser: its cookie's token while the platform knows it, else a fresh visitor's. */
export async function siteSession(
  c: Context,
  deps: { platform: Platform; backend: BackendRuntime },
): Promise<{ token: string; caller: Caller | null; fresh: boolean }> {
  const existing = getCookie(c, SITE_COOKIE);
  const caller = await deps.backend.caller(existing ?? null);
  if (existing && caller) return { token: existing, caller, fresh: false };
  const visitor = await deps.platform.token({ type: 'VISITOR' });
  return { token: visitor, caller: await deps.backend.caller(visitor), fresh: true };
}
