import { InvalidInput, sweep } from '@gym-rewards/flows';
import { clock } from '../../clock';
import { forgetOldSignatures, invalidInput, parseJson, verifySignedRequest } from '../../door';
import { elevatedWix } from '../../wix-apis';

/**
 * `POST /renewals`, the renewal sweep, called by a scheduler signed like the door endpoints:
 * `{ cursor?: string | null }` → `{ next, programs, renewed, ended, calls }`. Call again with `next` until it is null.
 * The first call of a round also forgets door signatures too old to be replayed.
 */
export async function POST(request: Request): Promise<Response> {
  const signed = await verifySignedRequest(request);
  if (!signed.ok) return signed.response;
  const json = parseJson(signed.body || '{}');
  if (!json.ok) return json.response;
  const cursor = (json.value as { cursor?: unknown } | null)?.cursor ?? null;
  if (cursor !== null && typeof cursor !== 'string') return invalidInput('cursor', 'must be a string or null');
  let result: Awaited<ReturnType<typeof sweep>>;
  try {
    result = await sweep(elevatedWix(), clock, cursor);
  } catch (error) {
    if (error instanceof InvalidInput) return invalidInput(error.field, error.reason);
    throw error;
  }
  // The scheduler calls often: a good moment to forget door signatures too old to replay.
  if (!cursor) await forgetOldSignatures();
  return Response.json(result);
}
