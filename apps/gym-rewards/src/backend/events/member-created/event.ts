import { memberJoinedInPlan } from '@gym-rewards/flows';
import { members } from '@wix/members';
import { clock } from '../../clock';
import { elevatedWixForSite } from '../../wix-apis';

/**
 * A new site member joins the gym's rewards program (sample flow step 4), while the owner's plan has room for them (beyond
 * it they wait outside: the owner brings them in after upgrading). Wix may deliver the event more than once.
 */
members.onMemberCreated(async (event) => {
  const memberId = event.entity?._id;
  if (!memberId) return;
  await memberJoinedInPlan(elevatedWixForSite(event.metadata?.instanceId), clock, { memberId });
});
