export { addMonths, dayOf, monthEndsBetween } from './calendar.ts';
export { type StoreProduct, storeProducts } from './catalog.ts';
export { COLLECTIONS, ensureCollection } from './collections.ts';
export { InvalidInput } from './errors.ts';
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
export {
  handOver,
  type MemberPickup,
  myPickups,
  PICKUP_HISTORY,
  PICKUPS,
  type Pickup,
  type PickupStatus,
  pickupsToHandOver,
  type RedeemResult,
  redeem,
  revertRedemption,
} from './pickups.ts';
export { type ProgramChoices, programChoices, rulesOf, tierKey } from './program.ts';
export type { LastRenewal, NextRenewal, RenewalOutlook } from './renewal-outlook.ts';
export { isRateLimited, withRetries } from './retries.ts';
export {
  allItems,
  type CatalogueTier,
  type RedeemableBenefits,
  type RedeemableProduct,
  redeemableBenefits,
} from './rewards.ts';
export { currentProgram, SetupPrecondition, type SetupProgress, type SetupResult, setUpProgram } from './setup.ts';
export { recordVisit, TOKENS_PER_VISIT, VISITS, type VisitResult } from './visits.ts';
export { type Clock, isDuplicateItem, NAMESPACE, STORES_APP_ID, type WixApis, wixErrorCode } from './wix.ts';
