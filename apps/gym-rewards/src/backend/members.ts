import { siteCached } from '@gym-rewards/flows';
import { members } from '@wix/members';
import type { Refusal } from '../shared/refusal';
import { elevatedWix } from './wix-apis';

const NO_MEMBER = { code: 'NOT_ALLOWED', message: 'Log in as a site member first' } satisfies Refusal;

/**
 * The site member calling, from their session: `getCurrentMember` runs as the caller (not elevated), so the member
 * is whoever Wix says is logged in, never an id taken from the input. A session without a member (a visitor, or none)
 * is refused; any other failure is not hidden behind "log in". With the member comes their contact (`contactId`, in
 * every fieldset), which the app's Automations moments carry so the owner's automation can email the member.
 * What a session was found to be is kept for a short while (`siteCached`, keyed by the session: a digest of its
 * token), so a member's next call in the session (the widget, then a redemption) needs no lookup; a refusal is not
 * kept.
 */
export async function callingMember(): Promise<{ memberId: string; contactId?: string }> {
  const session = await elevatedWix().sessionKey?.();
  if (!session) return lookUpCaller();
  return siteCached(elevatedWix(), 'caller', lookUpCaller, { site: session });
}

/** `getCurrentMember` as the caller: the session's member, or the refusal of a session without one. */
async function lookUpCaller(): Promise<{ memberId: string; contactId?: string }> {
  let member: { _id?: string | null; contactId?: string | null } | undefined;
  try {
    ({ member } = await members.getCurrentMember());
  } catch (error) {
    const status = (error as { status?: number } | null)?.status;
    if (status === 401 || status === 403 || status === 404) throw NO_MEMBER;
    throw error;
  }
  if (!member?._id) throw NO_MEMBER;
  return { memberId: member._id, ...(member.contactId ? { contactId: member.contactId } : {}) };
}
