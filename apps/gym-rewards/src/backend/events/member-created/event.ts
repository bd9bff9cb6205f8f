import { memberJoined } from '@gym-rewards/flows';
import { members } from '@wix/members';
import { elevatedWix } from '../../wix-apis';

/** A new site member joins the gym's rewards program (sample flow step 4). Wix may deliver the event more than once. */
members.onMemberCreated(async (event) => {
  const memberId = event.entity?._id;
  if (!memberId) return;
  await memberJoined(elevatedWix(), { memberId });
});
