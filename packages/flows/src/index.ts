export { addMonths, dayOf, monthEndsBetween } from './calendar.ts';
export { type StoreProduct, storeProducts } from './catalog.ts';
export { type CatalogSetupResult, type SetupChange, setUpPlanCatalog } from './catalog-setup.ts';
export { COLLECTIONS, ensureCollection } from './collections.ts';
export {
  type EarnOnPaymentRule,
  type EarnResult,
  earnOnPayment,
  earnOnPaymentRule,
  setEarnOnPaymentRule,
} from './earn-on-payment.ts';
export { InvalidInput, Refused } from './errors.ts';
export { type PaymentLinkPayment, ROUTES as GET_PAID_ROUTES, WixRestError } from './get-paid.ts';
export {
  externalProgramId,
  GYM_REWARDS_NAMESPACE_UUID,
  PROGRAM_EXTERNAL_ID,
  pickupId,
  stableId,
  visitRecordId,
  visitSlotId,
} from './ids.ts';
export type { LedgerEntry, LedgerKind } from './ledger.ts';
export {
  catchUp,
  catchUpPool,
  type EnrollmentResult,
  enrollMembers,
  memberJoined,
  NOT_SET_UP,
  sweep,
} from './membership.ts';
export {
  type AdjustmentResult,
  adjustTokens,
  listMembers,
  type MemberRow,
  type MonthlyFigures,
  memberLedger,
  monthlyFigures,
  monthlyOverview,
} from './operations.ts';
export { type PaymentLinkRow, STATUSES as PAYMENT_LINK_STATUSES } from './payment-link-inputs.ts';
export {
  type ContactRow,
  listPaymentLinks,
  type OrderRow,
  type PaymentRow,
  paymentLinkChoices,
  paymentLinkPayments,
  paymentLinkRecipients,
  productVariants,
  unpaidOrders,
} from './payment-link-list.ts';
export {
  activatePaymentLink,
  type CreatePaymentLinkInput,
  createPaymentLink,
  deactivatePaymentLink,
  deletePaymentLink,
  PAYMENT_LINKS,
  paymentLink,
  sendPaymentLink,
  takePayment,
} from './payment-links.ts';
export {
  handOver,
  PICKUPS,
  type Pickup,
  type PickupStatus,
  pickupsToHandOver,
  type RedeemResult,
  redeem,
  revertRedemption,
} from './pickups.ts';
export {
  type CatalogProduct,
  PLAN_FEATURES,
  type PlanCatalog,
  type PlanFeature,
  planCatalogSchema,
} from './plan-catalog.ts';
export { earnOnPaymentInPlan, planGatedFlows } from './plan-gates.ts';
export {
  choosePlan,
  ownActiveProducts,
  type PlanCard,
  type PlanPrice,
  type PlansView,
  plansView,
  planUnlocked,
  planWithLocks,
  unlockedBy,
} from './plan-offering.ts';
export {
  type Allowance,
  type CurrentPlan,
  currentPlan,
  forgetPlan,
  gated,
  gatedByCount,
  PLAN_CATALOG,
  PlanRequired,
  planOf,
  planUnlocking,
  requireFeature,
  requireRoom,
} from './plans.ts';
export { PREMIUM_ROUTES } from './premium.ts';
export { type ProgramChoices, programChoices, rulesOf, tierKey } from './program.ts';
export { isRateLimited, withRetries } from './retries.ts';
export { allItems, type RedeemableBenefits, type RedeemableProduct, redeemableBenefits } from './rewards.ts';
export { currentProgram, SetupPrecondition, type SetupProgress, type SetupResult, setUpProgram } from './setup.ts';
export { isUnavailable, safeToRetry, TRANSIENT_WAITS_MS, WixUnavailable } from './transient.ts';
export { recordVisit, VISITS, type VisitResult } from './visits.ts';
export { type Clock, isDuplicateItem, NAMESPACE, STORES_APP_ID, type WixApis, wixErrorCode } from './wix.ts';
