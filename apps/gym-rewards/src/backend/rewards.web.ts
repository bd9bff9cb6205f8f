import * as flows from '@gym-rewards/flows';
import { Permissions } from '@wix/web-methods';
import { memberMethodsOver, memberReadsOver } from './flow-methods';

/**
 * The site widget's calls: a logged-in member's own rewards, each named as the flow it calls. Wix refuses visitors
 * (Permissions.SiteMember); the member comes from the session, and only then does the app elevate to write Benefit
 * Programs; a read may start for the member the widget names while the session is looked up, and answers only if
 * that is the session's member (`memberReadsOver`). A new one is a line in a table and its name in the table's export.
 */
const reads = memberReadsOver(Permissions.SiteMember, {
  /** The member's balance, what they can redeem now, the whole catalogue by tier and the renewal outlook. */
  redeemableBenefits: flows.redeemableBenefits,
  /** The member's own pickups: the ones waiting at the front desk and a short history. */
  myPickups: flows.myPickups,
});

const member = memberMethodsOver(Permissions.SiteMember, {
  /** Redeems a product for the member; `requestId` makes a retry answer the same pickup. */
  redeem: flows.redeem,
});

export const { redeemableBenefits, myPickups } = reads;
export const { redeem } = member;
