import { members } from '@wix/members';
import type { Refusal } from '../shared/refusal';

/**
 * The site member calling, from their session: `getCurrentMember` runs as the caller (not elevated), so the member
 * is whoever Wix says is logged in, never an id taken from the input.
 */
export async function callingMember(): Promise<string> {
  const { member } = await members.getCurrentMember().catch(() => ({ member: undefined }));
  if (!member?._id) throw { code: 'NOT_ALLOWED', message: 'Log in as a site member first' } satisfies Refusal;
  return member._id;
}
