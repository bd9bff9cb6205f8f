import { sweep } from '@gym-rewards/flows';
import { clock } from '../../clock';
import { doorAnswer, invalidInput, parseJson, verifySignedRequest } from '../../door';
import { inBackground } from '../../wix-apis';

/**
 * `POST /renewals`, the renewal sweep, called by a scheduler signed like the door endpoints:
 * `{ cursor?: string | null }` → `{ next, programs, renewed, ended, calls }`. Call again with `next` until it is null.
 * Sent again (a replay), it applies nothing twice: each renewal has its idempotency key. Wix failing for a moment is a 503
 * `UNAVAILABLE`: sign anew and call again with the same cursor (a renewal already made reads as done). Background work:
 * its calls are paced within background work's share of the site's budget and pause on 429s (`inBackground`).
 */
export function POST(request: Request): Promise<Response> {
  return doorAnswer(async () => {
    const signed = await verifySignedRequest(request);
    if (!signed.ok) return signed.response;
    const json = parseJson(signed.body || '{}');
    if (!json.ok) return json.response;
    if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
      return invalidInput('body', 'must be a JSON object: { "cursor": string | null }');
    }
    const cursor = (json.value as { cursor?: unknown }).cursor ?? null;
    if (cursor !== null && (typeof cursor !== 'string' || cursor === '')) {
      return invalidInput('cursor', "must be null (from the start) or the sweep's last `next`");
    }
    return Response.json(await inBackground((wix) => sweep(wix, clock, cursor)));
  });
}
