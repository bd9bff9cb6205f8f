/**
 * The dashboard's calls to the backend, typed as they arrive in the browser. The Wix CLI turns these imports into RPC
 * stubs: each method is an async function whose answer crossed the wire as JSON, so a `Date` the backend returned is an
 * ISO string here. A refusal is thrown as a plain `Refusal` object (see `src/shared/refusal.ts`).
 */
import {
  adjust,
  checkIn,
  doorAccess,
  enrollExistingMembers,
  findMembers,
  findProducts,
  handPickupOver,
  ledger,
  loadProgram,
  overview,
  rotateDoorAccess,
  saveProgram,
  voidPickup,
  waitingPickups,
} from '../../backend/dashboard.web';

/** What a value looks like after `JSON.stringify` and `JSON.parse`: dates become ISO strings. */
export type Wire<T> = T extends Date
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
  loadProgram: wired(loadProgram),
  saveProgram: wired(saveProgram),
  enrollExistingMembers: wired(enrollExistingMembers),
  findProducts: wired(findProducts),
  findMembers: wired(findMembers),
  ledger: wired(ledger),
  adjust: wired(adjust),
  checkIn: wired(checkIn),
  waitingPickups: wired(waitingPickups),
  handPickupOver: wired(handPickupOver),
  voidPickup: wired(voidPickup),
  overview: wired(overview),
  doorAccess: wired(doorAccess),
  rotateDoorAccess: wired(rotateDoorAccess),
};

export type ProgramAnswer = Answer<typeof loadProgram>;
export type SaveAnswer = Answer<typeof saveProgram>;
export type ProductsPage = Answer<typeof findProducts>;
export type StoreProduct = ProductsPage['products'][number];
export type MembersPage = Answer<typeof findMembers>;
export type MemberRow = MembersPage['members'][number];
export type LedgerAnswer = Answer<typeof ledger>;
export type LedgerEntry = Extract<LedgerAnswer, { status: 'FOUND' }>['entries'][number];
export type AdjustAnswer = Answer<typeof adjust>;
export type CheckInAnswer = Answer<typeof checkIn>;
export type Pickup = Answer<typeof waitingPickups>['pickups'][number];
export type MonthFigures = Answer<typeof overview>[number];
