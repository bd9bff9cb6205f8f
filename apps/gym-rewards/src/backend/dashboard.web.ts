import type { ProgramChoices } from '@gym-rewards/flows';
import * as flows from '@gym-rewards/flows';
import { Permissions, webMethod } from '@wix/web-methods';
import { answer } from './answers';
import { clock } from './clock';
import { doorSecret, rotateDoorSecret } from './door';
import { clockedMethodsOver, methodsOver } from './flow-methods';

/** The flows a plan gates (more reward tiers), under their own names. */
const gated = flows.planGatedFlows(clock);

/**
 * The dashboard pages' calls, each named as the flow it calls. Wix lets only the site's owners and collaborators in
 * (Permissions.Admin); the app then works as itself (elevated), as the flows expect. A new one is a line in its table
 * and its name in the table's export (the Wix CLI makes an RPC stub of each export it finds by name).
 */
const admin = methodsOver(Permissions.Admin, {
  /** The program as set up, in the setup page's terms, or null before the first setup. */
  currentProgram: flows.currentProgram,
  /** Creates or changes the program, its pool definition and benefit items from the owner's choices. */
  setUpProgram: (wix, choices: ProgramChoices) => gated.setUpProgram(wix, choices),
  /**
   * Brings the site's existing members into the program, a page at a time (call again with `next` until null), as many
   * as the plan has room for (the rest are counted as waiting, with the plan to upgrade to).
   */
  enrollMembers: (wix, input: { cursor?: string | null } = {}) =>
    flows.enrollMembersInPlan(wix, clock, { cursor: input?.cursor ?? null }),
  /** How many site members have no program yet (what `enrollMembers` would take in), for the owner's banner. */
  membersNotInProgram: flows.membersNotInProgram,
  /** The store's products for the product picker, searched by name, a page at a time. */
  storeProducts: (wix, input: { search?: string; cursor?: string | null }) => flows.storeProducts(wix, input),
  /** Pickups waiting at the front desk, oldest first. */
  pickupsToHandOver: (wix) => flows.pickupsToHandOver(wix, { limit: 100 }),
});

const adminWithClock = clockedMethodsOver(Permissions.Admin, {
  /** The members in the program with balance, status and months left. */
  listMembers: (wix, clock, input: { search?: string; cursor?: string | null }) => flows.listMembers(wix, clock, input),
  /** A member's ledger, newest first. */
  memberLedger: (wix, clock, input: { memberId: string; cursor?: string | null }) =>
    flows.memberLedger(wix, clock, input),
  /** Adds or takes tokens with a reason; `requestId` makes a retry change nothing more. */
  adjustTokens: flows.adjustTokens,
  /** Front-desk check-in: a visit, counted once per `visitId`. */
  recordVisit: (wix, clock, input: { memberId: string; visitId: string }) => flows.recordVisit(wix, clock, input),
  /** Pauses a member: no token for a visit and no redemption until resumed; `requestId` makes a retry change nothing. */
  pauseMember: flows.pauseMember,
  /** Resumes a paused member. */
  resumeMember: flows.resumeMember,
  /** Hands a pickup over to its member. */
  handOver: flows.handOver,
  /** Gives a redemption's tokens back and voids its pickup (before it is handed over). */
  revertRedemption: flows.revertRedemption,
  /** Members and their balances as CSV, a page at a time (call again with `cursor` until null): a paid feature. */
  exportMembers: gated.exportMembers,
  /** A member's ledger as CSV, a page at a time: a paid feature. */
  exportMemberLedger: gated.exportMemberLedger,
  /** Tokens issued and redeemed per month and active members, for the last `months` months (this one included). */
  monthlyOverview: flows.monthlyOverview,
});

export const { currentProgram, setUpProgram, enrollMembers, membersNotInProgram, storeProducts, pickupsToHandOver } =
  admin;
export const {
  listMembers,
  memberLedger,
  adjustTokens,
  recordVisit,
  pauseMember,
  resumeMember,
  handOver,
  revertRedemption,
  monthlyOverview,
  exportMembers,
  exportMemberLedger,
} = adminWithClock;

/**
 * Not flows: the door secret door and kiosk systems sign their requests with, and a new one (the old one stops working);
 * with the platform's time now, which the page's example request is dated with.
 */
export const doorAccess = webMethod(Permissions.Admin, async () =>
  answer(async () => ({ secret: await doorSecret(), now: clock().toISOString() })),
);
export const rotateDoorAccess = webMethod(Permissions.Admin, async () =>
  answer(async () => ({ secret: await rotateDoorSecret(), now: clock().toISOString() })),
);
