import { sweep } from '@gym-rewards/flows';
import { clock } from '../../clock';
import { doorAnswer, forgetOldSignatures, invalidInput, parseJson, verifySignedRequest } from '../../door';
import { elevatedWix } from '../../wix-apis';

/**
 * `POST /renewals`, the renewal sweep, called by a scheduler signed like the door endpoints:
 * `{ cursor?: string | null }` → `{ next, programs, renewed, ended, calls }`. Call again with `next` until it is null.
 * The first call of a round also forgets door signatures too old to be replayed. Wix failing for a moment is a 503
 * `UNAVAILABLE`: sign anew and call again with the same cursor (a renewal already made reads as done).
 */
export function POST(request: Request): Promise<Response> {
  return doorAnswer(async () => {
    const signed = await verifySignedRequest(request);
    if (!signed.ok) return signed.response;
    const json = parseJson(signed.body || '{}');
    if (!json.ok) return json.response;
    const cursor = (json.value as { cursor?: unknown } | null)?.cursor ?? null;
    if (cursor !== null && typeof cursor !== 'string') return invalidInput('cursor', 'must be a string or null');
    const result = await sweep(elevatedWix(), clock, cursor);
    // The scheduler calls often: a good moment to forget door signatures too old to replay.
    if (!cursor) await forgetOldSignatures();
    return Response.json(result);
  });
}
