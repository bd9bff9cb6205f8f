import { LIVE_RETRY_WITHIN_MS, recordVisit, withinDeadline } from '@gym-rewards/flows';
import { clock } from '../../clock';
import { doorAnswer, parseJson, verifySignedRequest } from '../../door';
import { elevatedWix } from '../../wix-apis';

/**
 * `POST /visits` from a door or kiosk system, signed with the site's door secret:
 * `{ memberId, visitId, at? }` → `{ status: 'TOKEN_ISSUED', balance, transactionId } | { status: 'ALREADY_COUNTED' | ... }`.
 * `visitId` names the visit: sending it again answers the first answer and issues nothing. Wix failing for a moment
 * is a 503 `UNAVAILABLE`: sign anew and send again. So is a site over its call budget past the check-in's two seconds
 * (`withinDeadline`): the member at the door gets an answer, never a wait.
 */
export function POST(request: Request): Promise<Response> {
  return doorAnswer(async () => {
    const signed = await verifySignedRequest(request);
    if (!signed.ok) return signed.response;
    const json = parseJson(signed.body);
    if (!json.ok) return json.response;
    const answer = await withinDeadline(Date.now() + LIVE_RETRY_WITHIN_MS, () =>
      recordVisit(elevatedWix(), clock, json.value),
    );
    return Response.json(answer);
  });
}
