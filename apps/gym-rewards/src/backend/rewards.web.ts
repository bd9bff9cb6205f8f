import * as flows from '@gym-rewards/flows';
import { Permissions } from '@wix/web-methods';
import { memberMethodsOver } from './flow-methods';

/**
 * The site widget's calls: a logged-in member's own rewards, each named as the flow it calls. Wix refuses visitors
 * (Permissions.SiteMember); the member comes from the session, and only then does the app write for them (it may start
 * reading for the member the widget names while it looks the session up: `memberMethodsOver`). A new one is a line in
 * the table and its name in the table's export.
 */
const member = memberMethodsOver(Permissions.SiteMember, {
  /** The member's balance, what they can redeem now, the whole catalogue by tier and the renewal outlook. */
  redeemableBenefits: flows.redeemableBenefits,
  /** Redeems a product for the member; `requestId` makes a retry answer the same pickup. */
  redeem: flows.redeem,
  /** The member's own pickups: the ones waiting at the front desk and a short history. */
  myPickups: flows.myPickups,
});

export const { redeemableBenefits, redeem, myPickups } = member;
