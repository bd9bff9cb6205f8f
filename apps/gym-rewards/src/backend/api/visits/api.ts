import { InvalidInput, recordVisit } from '@gym-rewards/flows';
import { clock } from '../../clock';
import { invalidInput, parseJson, verifySignedRequest } from '../../door';
import { elevatedWix } from '../../wix-apis';

/**
 * `POST /visits` from a door or kiosk system, signed with the site's door secret:
 * `{ memberId, visitId, at? }` → `{ status: 'TOKEN_ISSUED', balance, transactionId } | { status: 'ALREADY_COUNTED' | ... }`.
 * `visitId` names the visit: sending it again answers the first answer and issues nothing.
 */
export async function POST(request: Request): Promise<Response> {
  const signed = await verifySignedRequest(request);
  if (!signed.ok) return signed.response;
  const json = parseJson(signed.body);
  if (!json.ok) return json.response;
  try {
    return Response.json(await recordVisit(elevatedWix(), clock, json.value));
  } catch (error) {
    if (error instanceof InvalidInput) return invalidInput(error.field, error.reason);
    throw error;
  }
}
