import {
  adjustTokens,
  currentProgram,
  enrollMembers,
  handOver,
  listMembers,
  memberLedger,
  monthlyOverview,
  type ProgramChoices,
  pickupsToHandOver,
  recordVisit,
  revertRedemption,
  setUpProgram,
  storeProducts,
} from '@gym-rewards/flows';
import { Permissions, webMethod } from '@wix/web-methods';
import { answer } from './answers';
import { clock } from './clock';
import { doorSecret, rotateDoorSecret } from './door';
import { elevatedWix } from './wix-apis';

/**
 * The dashboard pages' calls. Wix lets only the site's owners and collaborators in (Permissions.Admin); the app then
 * works as itself (elevated), as the flows expect.
 */
const admin = <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
  webMethod(Permissions.Admin, (...args: A) => answer(() => work(...args)));

/** The program as set up, in the setup page's terms, or null before the first setup. */
export const loadProgram = admin(async () => currentProgram(elevatedWix()));

/** Creates or changes the program, its pool definition and benefit items from the owner's choices. */
export const saveProgram = admin(async (choices: ProgramChoices) => setUpProgram(elevatedWix(), choices));

/** Brings the site's existing members into the program, a page at a time (call again with `next` until null). */
export const enrollExistingMembers = admin(async (input: { cursor?: string | null } = {}) =>
  enrollMembers(elevatedWix(), { cursor: input?.cursor ?? null }),
);

/** The store's products for the product picker, searched by name, a page at a time. */
export const findProducts = admin(async (input: { search?: string; cursor?: string | null }) =>
  storeProducts(elevatedWix(), input),
);

/** The members in the program with balance, status and months left. */
export const findMembers = admin(async (input: { search?: string; cursor?: string | null }) =>
  listMembers(elevatedWix(), clock, input),
);

/** A member's ledger, newest first. */
export const ledger = admin(async (input: { memberId: string; cursor?: string | null }) =>
  memberLedger(elevatedWix(), clock, input),
);

/** Adds or takes tokens with a reason; `requestId` makes a retry change nothing more. */
export const adjust = admin(async (input: { memberId: string; amount: number; reason: string; requestId: string }) =>
  adjustTokens(elevatedWix(), clock, input),
);

/** Front-desk check-in: a visit, counted once per `visitId`. */
export const checkIn = admin(async (input: { memberId: string; visitId: string }) =>
  recordVisit(elevatedWix(), clock, input),
);

/** Pickups waiting at the front desk, oldest first. */
export const waitingPickups = admin(async () => pickupsToHandOver(elevatedWix(), { limit: 100 }));

/** Hands a pickup over to its member. */
export const handPickupOver = admin(async (input: { pickupId: string }) => handOver(elevatedWix(), clock, input));

/** Gives a redemption's tokens back and voids its pickup (before it is handed over). */
export const voidPickup = admin(async (input: { pickupId: string }) => revertRedemption(elevatedWix(), clock, input));

/** Tokens issued and redeemed per month and active members, for the last `months` months (this one included). */
export const overview = admin(async (input: { months?: number } = {}) => monthlyOverview(elevatedWix(), clock, input));

/** The door secret door and kiosk systems sign their requests with. */
export const doorAccess = admin(async () => ({ secret: await doorSecret() }));

/** A new door secret; the old one stops working. */
export const rotateDoorAccess = admin(async () => ({ secret: await rotateDoorSecret() }));
