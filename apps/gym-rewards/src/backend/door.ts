import {
  COLLECTIONS,
  forgetSiteCaches,
  InvalidInput,
  isDuplicateItem,
  siteCached,
  WixUnavailable,
} from '@gym-rewards/flows';
import { clock } from './clock';
import { elevatedWix } from './wix-apis';
import { wixErrorResponse as refused, tryAgainResponse } from './wix-error';

/**
 * Door and kiosk systems call the app's HTTP endpoints with no Wix identity of a member or owner. They prove themselves
 * with the site's door secret: `x-gym-rewards-timestamp` (milliseconds since 1970) and `x-gym-rewards-signature`, the
 * hex HMAC-SHA256 of `<timestamp>.<body>` under the secret. A request more than five minutes off the clock or with a
 * bad signature is refused. A request sent again within the five minutes (a replay) is answered again, and that is
 * harmless: a visit's `visitId` answers its first answer and issues nothing more, and the renewal sweep applies what is
 * due once (each renewal's idempotency key). No record of signatures is kept, so the check costs no Wix call when the
 * secret is kept (below).
 */
const SETTINGS = COLLECTIONS.settings;
const SECRET_ID = 'door-secret';
/** The door secret as kept per site (`siteCached`, a minute): dropped when rotated; a bad signature reads it afresh. */
const KEPT_SECRET = 'door-secret';
export const TIMESTAMP_HEADER = 'x-gym-rewards-timestamp';
export const SIGNATURE_HEADER = 'x-gym-rewards-signature';
const WINDOW_MS = 5 * 60_000;

/** Wix Data as the app itself, with the app's collections made when missing (`withRetries`). */
const data = () => elevatedWix().data;

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The site's door secret as stored: null until the owner opens door access (a door's request never makes one). */
async function storedDoorSecret(): Promise<string | null> {
  const existing = (await data().get(SETTINGS, SECRET_ID, { consistentRead: true })) as { secret?: string } | null;
  return existing?.secret ?? null;
}

/** The site's door secret, made on first use: by the owner's dashboard (door access), never by a door's request. */
export async function doorSecret(): Promise<string> {
  const existing = await storedDoorSecret();
  if (existing) return existing;
  const secret = randomSecret();
  try {
    await data().insert(SETTINGS, { _id: SECRET_ID, secret });
    // This backend kept "no secret yet" (a door's request before the owner opened door access): no longer.
    forgetSiteCaches(KEPT_SECRET);
    return secret;
  } catch (error) {
    if (!isDuplicateItem(error)) throw error;
    // Another call made it first: theirs is the secret.
    const made = (await data().get(SETTINGS, SECRET_ID, { consistentRead: true })) as { secret?: string } | null;
    if (!made?.secret) throw new Error('the door secret could not be stored');
    return made.secret;
  }
}

/**
 * A new door secret: requests signed with the old one are refused from now on by this backend; another backend process
 * that kept the old one refuses it within a minute (`siteCached`'s life), and takes the new one at its first request
 * signed with it (a signature that does not match reads the secret afresh, at most every ten seconds).
 */
export async function rotateDoorSecret(): Promise<string> {
  const secret = randomSecret();
  try {
    await data().save(SETTINGS, { _id: SECRET_ID, secret });
  } finally {
    forgetSiteCaches(KEPT_SECRET);
  }
  return secret;
}

/** The door secret as stored (null before door access was opened), kept per site a minute (`fresh`: read now). */
const keptSecret = (fresh = false) => siteCached(elevatedWix(), KEPT_SECRET, storedDoorSecret, { fresh });

/**
 * How often a signature the kept secret does not match reads the secret afresh, at most: requests signed with anything
 * but the secret cost a Wix call each at most this often, not one each (they would spend the site's budget).
 */
const FRESH_READ_EVERY_MS = 10_000;
let lastFreshRead = Number.NEGATIVE_INFINITY;

/** The secret read afresh, unless it was a moment ago: then as kept. */
function freshSecret(): Promise<string | null> {
  const now = Date.now();
  if (now - lastFreshRead < FRESH_READ_EVERY_MS) return keptSecret();
  lastFreshRead = now;
  return keptSecret(true);
}

export async function sign(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${body}`));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}

function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type SignedRequest = { ok: true; body: string } | { ok: false; response: Response };

/** Checks a door system's request; answers its body, or the response refusing it. */
export async function verifySignedRequest(request: Request): Promise<SignedRequest> {
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  const signature = request.headers.get(SIGNATURE_HEADER)?.toLowerCase();
  if (!timestamp || !/^\d{1,15}$/.test(timestamp)) {
    return { ok: false, response: refused(401, 'UNSIGNED', TIMESTAMP_HEADER, 'is required: milliseconds since 1970') };
  }
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, response: refused(401, 'UNSIGNED', SIGNATURE_HEADER, 'is required: hex HMAC-SHA256') };
  }
  if (Math.abs(clock().getTime() - Number(timestamp)) > WINDOW_MS) {
    return { ok: false, response: refused(401, 'STALE_REQUEST', TIMESTAMP_HEADER, 'is more than 5 minutes off') };
  }
  const body = await request.text();
  const matches = async (secret: string | null) =>
    secret !== null && equalInConstantTime(await sign(secret, timestamp, body), signature);
  // The kept secret first; a signature it does not match may be made with a secret rotated since (or made since the
  // site had none): read it afresh.
  if (await matches(await keptSecret())) return { ok: true, body };
  const secret = await freshSecret();
  if (secret === null) {
    const reason = 'cannot match: door access is not set up yet (the owner opens it in the dashboard)';
    return { ok: false, response: refused(401, 'NO_DOOR_SECRET', SIGNATURE_HEADER, reason) };
  }
  if (!(await matches(secret))) {
    return { ok: false, response: refused(401, 'BAD_SIGNATURE', SIGNATURE_HEADER, 'does not match the door secret') };
  }
  return { ok: true, body };
}

/** A JSON body, or the response refusing it. */
export function parseJson(body: string): { ok: true; value: unknown } | { ok: false; response: Response } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false, response: refused(400, 'INVALID_JSON', 'body', 'is not JSON') };
  }
}

export function invalidInput(field: string, reason: string): Response {
  return refused(400, 'INVALID_ARGUMENT', field, reason);
}

/** What a door system reads when Wix failed for a moment: it signs the request anew and sends it again. */
export const DOOR_TRY_AGAIN_REASON =
  'Wix is not answering for the moment: sign the request anew and send it again in a few seconds (a visit counts once by its visitId)';

/**
 * Runs a door endpoint's work: the flows' refusal of the input is a 400 naming the field, and Wix failing for a moment
 * (`WixUnavailable`, in the signature check too) a 503 `UNAVAILABLE` saying to try again, never a 500.
 */
export async function doorAnswer(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidInput) return invalidInput(error.field, error.reason);
    if (error instanceof WixUnavailable) return tryAgainResponse(DOOR_TRY_AGAIN_REASON);
    throw error;
  }
}
