import * as flows from '@gym-rewards/flows';
import { Permissions } from '@wix/web-methods';
import { clockedMethodsOver } from './flow-methods';

/**
 * The Plans page's calls, each named as the flow it calls (Permissions.Admin: the site's owners). The offering and the
 * order page are the owner's own (the caller's session); the app instance and product infos the app's.
 */
const admin = clockedMethodsOver(Permissions.Admin, {
  /** The plans this owner can buy, in the site's language (or `locale`) and currency, the current one marked. */
  plansView: flows.plansView,
  /** The checkout for a plan and cycle: the order page to show. */
  choosePlan: flows.choosePlan,
  /** After paying: the plan now and what it unlocked, in the page's language (`locale`) or the site's. */
  planUnlocked: (wix, clock, input: { locale?: string } = {}) => flows.planUnlocked(wix, clock, input),
  /**
   * The owner's plan and the features it lacks, each with the plan that unlocks it: what the pages lock, in the page's
   * language (`locale`) or the site's.
   */
  planWithLocks: (wix, clock, input: { locale?: string } = {}) => flows.planWithLocks(wix, clock, input),
});

export const plansView = admin.plansView;
export const choosePlan = admin.choosePlan;
export const planUnlocked = admin.planUnlocked;
export const planWithLocks = admin.planWithLocks;
