import { createHmac } from 'node:crypto';
import type { Identity } from '@gym-rewards/wix-emulator';
import { createToken } from '@gym-rewards/wix-emulator/client';
import { startDevsite } from '../devsite.ts';
import { STRICT_PLATFORM } from './platform.ts';

export const DASHBOARD = 'src/backend/dashboard.web.ts';
export const REWARDS = 'src/backend/rewards.web.ts';
/** The devsite API takes JSON only (a cross-site form cannot send it). */
export const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * A devsite for tests without a browser, on the strict platform, with its clock frozen at a fixed instant (moved only by
 * the devsite's controls): the site owner's, a member's and a visitor's tokens, web methods called as RPC with a
 * caller's token (`call`), and door requests signed at the platform's time (`signedPost`). `database`: a PostgreSQL URL
 * for the platform instead of a throwaway server of its own (a test that watches the rows).
 */
export async function startTestDevsite(options: { database?: string } = {}) {
  const devsite = await startDevsite({
    port: 0,
    database: options.database ?? 'memory',
    sweepEveryMs: 0,
    strict: STRICT_PLATFORM,
    clock: { set: '2026-06-15T09:00:00.000Z', freeze: true },
    log: () => {},
  });
  const token = (identity: Identity) => createToken(devsite.emulatorUrl, identity);
  const owner = await token({ type: 'ADMIN' });
  const { members } = (await (await fetch(`${devsite.url}/_devsite/api/members`)).json()) as {
    members: Array<{ id: string }>;
  };
  const memberId = members[0]!.id;
  const member = await token({ type: 'MEMBER', memberId });
  const visitorToken = await token({ type: 'VISITOR' });
  const call = async (file: string, method: string, token: string | null, body: string) => {
    const response = await fetch(`${devsite.url}/_webMethods/${file}/${method}.ajax`, {
      method: 'POST',
      headers: token ? { Authorization: token } : {},
      body,
    });
    return { status: response.status, body: (await response.json()) as { result: any; exception?: boolean } };
  };
  /** A door request signed at the platform's time, or `skewMs` off it. */
  const signedPost = async (path: string, body: string, options: { secret?: string; skewMs?: number } = {}) => {
    const secret = options.secret ?? (await call(DASHBOARD, 'doorAccess', owner, '[]')).body.result.secret;
    const { now } = (await (await fetch(`${devsite.url}/_devsite/api/clock`)).json()) as { now: string };
    const timestamp = String(Date.parse(now) + (options.skewMs ?? 0));
    const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    const send = async () => {
      const response = await fetch(`${devsite.url}${path}`, {
        method: 'POST',
        headers: { 'x-gym-rewards-timestamp': timestamp, 'x-gym-rewards-signature': signature },
        body,
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    return { send };
  };
  return { devsite, owner, member, memberId, visitorToken, call, signedPost };
}

export type TestDevsite = Awaited<ReturnType<typeof startTestDevsite>>;
