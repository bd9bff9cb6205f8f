export { addMonths, dayOf, monthEndsBetween } from './calendar.ts';
export { InvalidInput } from './errors.ts';
export { catchUp, catchUpPool, externalProgramId, memberJoined, NOT_SET_UP, sweep } from './membership.ts';
export { type ProgramChoices, programChoices, rulesOf, tierKey } from './program.ts';
export { allItems, type RedeemableBenefits, redeemableBenefits } from './rewards.ts';
export { SetupPrecondition, type SetupProgress, setUpProgram } from './setup.ts';
export { recordVisit, type VisitResult } from './visits.ts';
export { type Clock, NAMESPACE, PROGRAM_EXTERNAL_ID, STORES_APP_ID, type WixApis } from './wix.ts';
