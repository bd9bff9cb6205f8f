export { AUTOMATION_TRIGGERS, type AutomationTrigger, payloadSchema } from './automation-triggers.ts';
export {
  BACKGROUND_CALLS_PER_MINUTE,
  BackgroundBudget,
  backgroundRun,
  liveCallsLastMinute,
  SITE_CALLS_PER_MINUTE,
} from './call-budget.ts';
export { storeProducts } from './catalog.ts';
export { setUpPlanCatalog } from './catalog-setup.ts';
export { COLLECTIONS } from './collections.ts';
export { earnOnPaymentRule } from './earn-on-payment.ts';
export { InvalidInput, Refused } from './errors.ts';
export { csvField, exportMemberLedger, exportMembers } from './export.ts';
export type { PaymentLinkPayment } from './get-paid.ts';
export { type LifecycleResult, pauseMember, type RestartResult, resumeMember } from './member-lifecycle.ts';
export { membersNotInProgram } from './members-outside.ts';
export { enrollMembers, memberJoined, sweep } from './membership.ts';
export { adjustTokens, listMembers, memberLedger, monthlyOverview } from './operations.ts';
export {
  listPaymentLinks,
  paymentLinkChoices,
  paymentLinkPayments,
  paymentLinkRecipients,
  productVariants,
  unpaidOrders,
} from './payment-link-list.ts';
export { deactivatePaymentLink, deletePaymentLink, paymentLink } from './payment-links.ts';
export {
  handOver,
  type MemberPickup,
  myPickups,
  pickupsToHandOver,
  type RedeemResult,
  redeem,
  revertRedemption,
} from './pickups.ts';
export {
  earnOnPaymentInPlan,
  enrollMembersInPlan,
  memberJoinedInPlan,
  planGatedFlows,
  restartMemberInPlan,
} from './plan-gates.ts';
export { choosePlan, plansView, planUnlocked, planWithLocks } from './plan-offering.ts';
export { forgetPlan, PLAN_CATALOG, PlanRequired } from './plans.ts';
export type { ProgramChoices } from './program.ts';
export type { RenewalOutlook } from './renewal-outlook.ts';
export { LIVE_RETRY_WITHIN_MS, withinDeadline, withRetries } from './retries.ts';
export { type CatalogueTier, type RedeemableBenefits, type RedeemableProduct, redeemableBenefits } from './rewards.ts';
export { currentProgram, SetupPrecondition, setUpProgram } from './setup.ts';
export { forgetSiteCaches, siteCached } from './site-cache.ts';
export { WixUnavailable } from './transient.ts';
export { recordVisit } from './visits.ts';
export { type Clock, isDuplicateItem, type WixApis, wixErrorCode } from './wix.ts';
export { writesAfter } from './writes-after.ts';
