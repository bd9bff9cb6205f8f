import { createHmac } from 'node:crypto';
import type { BackendRuntime } from '../runtime/backend.ts';
import type { Platform } from './platform.ts';

const DOOR_HEADERS = { timestamp: 'x-gym-rewards-timestamp', signature: 'x-gym-rewards-signature' };

interface SweepTotal {
  programs: number;
  renewed: number;
  ended: number;
}

/**
 * The gym's door system, as the devsite plays it: calls the app's door endpoints (`POST /api/visits`, `/api/renewals`)
 * over HTTP, signed with the door secret the owner sees, at the platform's time. The renewal sweep is one of them.
 */
export function doorSystem(deps: {
  platform: Platform;
  backend: BackendRuntime;
  /** The devsite's origin. */
  url: string;
  log: (line: string) => void;
}) {
  const { platform, backend, url, log } = deps;

  /** Calls a web method as `callerToken`, the way a page's stub does. */
  const callWebMethod = async (callerToken: string, file: string, method: string, args: unknown[] = []) => {
    const answer = await backend.webMethod(file, method, callerToken, JSON.stringify(args));
    const body = JSON.parse(answer.body) as { result: unknown; exception?: boolean };
    if (body.exception) throw new Error(`${method}: ${JSON.stringify(body.result)}`);
    return body.result;
  };

  /** Calls one of the app's door endpoints as a door system does: signed with the door secret the owner sees. */
  const request = async (name: string, payload: unknown) => {
    const { secret } = (await callWebMethod(platform.ownerToken, 'src/backend/dashboard.web.ts', 'doorAccess')) as {
      secret: string;
    };
    const body = JSON.stringify(payload);
    const timestamp = String(Date.parse(await platform.syncClock()));
    const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    const response = await fetch(`${url}/api/${name}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // The site's access token a door system outside Wix holds (the app's, for this site): names the site.
        Authorization: platform.appToken,
        [DOOR_HEADERS.timestamp]: timestamp,
        [DOOR_HEADERS.signature]: signature,
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  let sweeping: Promise<unknown> = Promise.resolve();
  /** The renewal sweep, page by page; one at a time, and a failed sweep does not stop the next. */
  const sweep = (): Promise<SweepTotal> => {
    sweeping = sweeping
      .catch(() => {})
      .then(async () => {
        let cursor: string | null = null;
        const total = { programs: 0, renewed: 0, ended: 0 };
        do {
          const { status, body } = await request('renewals', { cursor });
          if (status !== 200) throw new Error(`renewal sweep: HTTP ${status} ${JSON.stringify(body)}`);
          const done = Number(body.programs) + Number(body.renewed) + Number(body.ended);
          total.programs += Number(body.programs);
          total.renewed += Number(body.renewed);
          total.ended += Number(body.ended);
          const next = (body.next as string | null) ?? null;
          // Nothing done and the same place to go on from: the site's calls of the minute are left to live traffic.
          if (done === 0 && next !== null && next === cursor) {
            log('renewal sweep: yielded to live traffic, goes on at the next sweep');
            break;
          }
          cursor = next;
        } while (cursor);
        if (total.renewed || total.ended)
          log(`renewal sweep: ${total.renewed} renewals, ${total.ended} programs ended`);
        return total;
      });
    return sweeping as Promise<SweepTotal>;
  };

  return { request, sweep, settled: () => sweeping.catch(() => {}) };
}

export type DoorSystem = ReturnType<typeof doorSystem>;
