import { redeem, redeemableBenefits } from '@gym-rewards/flows';
import { Permissions, webMethod } from '@wix/web-methods';
import { answer } from './answers';
import { clock } from './clock';
import { callingMember } from './members';
import { elevatedWix } from './wix-apis';

/**
 * The site widget's calls: a logged-in member's own rewards. Wix refuses visitors (Permissions.SiteMember); the member
 * comes from the session, and only then does the app elevate to read and write Benefit Programs.
 */

/** The member's balance, what they can redeem now and the next tier. */
export const myRewards = webMethod(Permissions.SiteMember, async () =>
  answer(async () => {
    const memberId = await callingMember();
    return redeemableBenefits(elevatedWix(), clock, { memberId });
  }),
);

/** Redeems a product for the member; `requestId` makes a retry answer the same pickup. */
export const redeemReward = webMethod(Permissions.SiteMember, async (input: { productId: string; requestId: string }) =>
  answer(async () => {
    const memberId = await callingMember();
    return redeem(elevatedWix(), clock, { ...input, memberId });
  }),
);
