/**
 * The dashboard's calls to the backend, typed as they arrive in the browser. The Wix CLI turns these imports into RPC
 * stubs: each method is an async function whose answer crossed the wire as JSON, so a `Date` the backend returned is an
 * ISO string here. A refusal is thrown as a plain `Refusal` object (see `src/shared/refusal.ts`).
 */
import {
  adjustTokens,
  currentProgram,
  doorAccess,
  enrollMembers,
  exportMemberLedger,
  exportMembers,
  handOver,
  listMembers,
  memberLedger,
  membersNotInProgram,
  monthlyOverview,
  pauseMember,
  pickupsToHandOver,
  recordVisit,
  resumeMember,
  revertRedemption,
  rotateDoorAccess,
  setUpProgram,
  storeProducts,
} from '../../backend/dashboard.web';

/** What a value looks like after `JSON.stringify` and `JSON.parse`: dates become ISO strings. */
type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type Method = (...args: any[]) => Promise<unknown>;

/** The answer of a web method as the page receives it. */
export type Answer<M extends Method> = Wire<Awaited<ReturnType<M>>>;

const wired =
  <M extends Method>(method: M) =>
  (...args: Parameters<M>): Promise<Answer<M>> =>
    method(...args) as Promise<Answer<M>>;

export const api = {
  currentProgram: wired(currentProgram),
  setUpProgram: wired(setUpProgram),
  enrollMembers: wired(enrollMembers),
  membersNotInProgram: wired(membersNotInProgram),
  storeProducts: wired(storeProducts),
  listMembers: wired(listMembers),
  memberLedger: wired(memberLedger),
  adjustTokens: wired(adjustTokens),
  recordVisit: wired(recordVisit),
  pauseMember: wired(pauseMember),
  resumeMember: wired(resumeMember),
  pickupsToHandOver: wired(pickupsToHandOver),
  handOver: wired(handOver),
  revertRedemption: wired(revertRedemption),
  monthlyOverview: wired(monthlyOverview),
  exportMembers: wired(exportMembers),
  exportMemberLedger: wired(exportMemberLedger),
  doorAccess: wired(doorAccess),
  rotateDoorAccess: wired(rotateDoorAccess),
};

export type ProgramAnswer = Answer<typeof currentProgram>;
export type SaveAnswer = Answer<typeof setUpProgram>;
type ProductsPage = Answer<typeof storeProducts>;
export type StoreProduct = ProductsPage['products'][number];
export type MembersPage = Answer<typeof listMembers>;
export type MemberRow = MembersPage['members'][number];
type LedgerAnswer = Answer<typeof memberLedger>;
export type LedgerEntry = Extract<LedgerAnswer, { status: 'FOUND' }>['entries'][number];
export type AdjustAnswer = Answer<typeof adjustTokens>;
export type LifecycleAnswer = Answer<typeof pauseMember>;
export type CheckInAnswer = Answer<typeof recordVisit>;
export type Pickup = Answer<typeof pickupsToHandOver>['pickups'][number];
export type MonthFigures = Answer<typeof monthlyOverview>[number];
