import { type EarnResult, earnOnPayment, setEarnOnPaymentRule } from './earn-on-payment.ts';
import { exportMemberLedger, exportMembers } from './export.ts';
import { restartMember } from './member-lifecycle.ts';
import { type Admission, enrollMembers, memberJoined } from './membership.ts';
import { activatePaymentLink, createPaymentLink, sendPaymentLink, takePayment } from './payment-links.ts';
import { placesTaken, placeTaker } from './places.ts';
import { currentPlan, gated, gatedByCount, planUnlocking } from './plans.ts';
import type { ProgramChoices } from './program.ts';
import { currentProgram, setUpProgram } from './setup.ts';
import { siteCached } from './site-cache.ts';
import { type Clock, NAMESPACE, type WixApis } from './wix.ts';

/**
 * The flows a plan gates, under the names of the flows they gate (the web methods keep their names): each refuses with
 * `PlanRequired` when the owner's plan lacks what the call starts. Only new use is gated: listing, reading, deleting
 * and deactivating links, reading the rule, and saving the program as it is stay allowed on any plan (a downgrade keeps
 * what was made readable).
 */
export function planGatedFlows(clock: Clock) {
  return {
    /** A new payment link: the Grow plan or more. */
    createPaymentLink: gated('payment-links', clock, createPaymentLink),
    sendPaymentLink: gated('payment-links', clock, sendPaymentLink),
    takePayment: gated('payment-links', clock, takePayment),
    activatePaymentLink: gated('payment-links', clock, activatePaymentLink),
    /** Turning earn on payment on needs the plan; turning it off never does. */
    setEarnOnPaymentRule: gated(
      'earn-on-payment',
      clock,
      setEarnOnPaymentRule,
      (input) => (input as { enabled?: unknown } | undefined)?.enabled === true,
    ),
    /** Members and balances, and a member's ledger, as CSV: the Grow plan or more (`csv-export` in the catalog). */
    exportMembers: gated('csv-export', clock, exportMembers),
    exportMemberLedger: gated('csv-export', clock, exportMemberLedger),
    /** More reward tiers than the plan allows are refused, unless the program has them already. */
    setUpProgram: gatedByCount(
      'reward-tiers',
      clock,
      (wix, choices: ProgramChoices) => setUpProgram(wix, choices),
      (choices) => (Array.isArray(choices?.tiers) ? choices.tiers.length : 0),
      async (wix) => (await currentProgram(wix))?.tiers.length ?? 0,
    ),
  };
}

/**
 * A payment link was paid: tokens are earned by the owner's rule while the plan has earn on payment; after a
 * downgrade the rule is kept but earns nothing (`NOT_IN_PLAN`).
 */
export async function earnOnPaymentInPlan(
  wix: WixApis,
  clock: Clock,
  input: { payment: unknown },
): Promise<EarnResult | { status: 'NOT_IN_PLAN' }> {
  const plan = await currentPlan(wix, clock);
  if (plan.allows['earn-on-payment'] !== true) return { status: 'NOT_IN_PLAN' };
  return earnOnPayment(wix, clock, input);
}

/** Wix's largest query page. */
const PAGE = 100;

/**
 * The members in the program (their programs not ended), read up to `atMost`: a page of at most 100 per call, so a plan
 * of 50 costs one call and one of 500 at most five. A plan with no limit counts nothing.
 */
async function membersInProgram(wix: WixApis, atMost: number): Promise<{ count: number; members: Set<string> }> {
  let page = await wix.programs
    .queryPrograms()
    .eq('namespace', NAMESPACE)
    .ne('status', 'ENDED')
    .limit(Math.max(1, Math.min(PAGE, atMost)))
    .find();
  const members = new Set<string>();
  let count = 0;
  for (;;) {
    for (const program of page.items) members.add(program.beneficiary?.memberId ?? `program:${program._id}`);
    count += page.items.length;
    if (count >= atMost || !page.hasNext()) return { count, members };
    page = await page.next();
  }
}

/**
 * How many of the plan's places are the last ones: while a kept count of the members leaves more than this, a new member
 * is let in on that count (no extra Wix call); within them, on a fresh count, and only by taking one of those places
 * (`places.ts`).
 */
export const COUNT_MARGIN = 10;

/**
 * The members in the program as this backend counted them, with the ones it let in since: kept per site a short while
 * (`site-cache.ts`) while the plan has more than `COUNT_MARGIN` places left by it, counted afresh (one Wix call) nearer
 * the limit (`fresh`).
 */
async function membersTally(wix: WixApis, allowed: number) {
  let counted = false;
  const count = async (): Promise<{ count: number; members: ReadonlySet<string> }> => {
    counted = true;
    return membersInProgram(wix, allowed);
  };
  const name = `members-in-program:${allowed}`;
  const tally = await siteCached(wix, name, count);
  if (counted || allowed - tally.count > COUNT_MARGIN) return { tally, fresh: counted };
  return { tally: await siteCached(wix, name, count, { fresh: true }), fresh: true };
}

/**
 * The room the owner's plan leaves for new members ("members beyond a number"): none counted on a plan with no limit.
 * Far from the limit a member is let in on the kept count. Within the last `COUNT_MARGIN` places by a count made afresh
 * (once per admission), a new member is let in only by taking a place first (`places.ts`), and their program is
 * provisioned after: members joining at the same moment on any backend meet on the same places, so no more than the
 * limit get in; a place taken by a member whose provisioning then failed is lost until their join is retried, never
 * the limit overrun. Members already in are never counted out: a downgrade leaves them in, and only new joining stops.
 */
async function memberAdmission(wix: WixApis, clock: Clock): Promise<Admission | undefined> {
  const plan = await currentPlan(wix, clock);
  const allowed = plan.allows.members;
  if (typeof allowed !== 'number') return undefined;
  const { tally, fresh } = await membersTally(wix, allowed);
  const placing = () => allowed - tally.count <= COUNT_MARGIN;
  // Near the limit: the members in (the fresh count's, or counted now), then the places taken, read once.
  let taker: Promise<(memberId: string) => Promise<boolean>> | undefined;
  const places = () => {
    taker ??= (async () => {
      const { members } = fresh ? tally : await membersInProgram(wix, allowed);
      return placeTaker(wix, allowed, members, await placesTaken(wix));
    })();
    return taker;
  };
  const upgrade = planUnlocking('members', allowed + 1);
  return {
    placing,
    take: async (memberId) => {
      if (!placing()) {
        tally.count++;
        return true;
      }
      // Beyond the limit by a fresh count: refused without reading the places.
      if (fresh && tally.count >= allowed) return false;
      if (!(await (await places())(memberId))) return false;
      tally.count++;
      return true;
    },
    giveBack: () => {
      tally.count--;
    },
    full: {
      allowed,
      message: `The ${plan.name} plan allows ${allowed} members in the program; new members wait outside.${
        upgrade ? ` Upgrade to ${upgrade.name} on the Plans page to let them in.` : ''
      }`,
      plan: upgrade?.key ?? null,
    },
  };
}

/** A member joined (the member-created event): beyond the plan's members they wait outside (`PLAN_FULL`), never 500. */
export function memberJoinedInPlan(wix: WixApis, clock: Clock, input: { memberId: string }) {
  return memberJoined(wix, input, () => memberAdmission(wix, clock));
}

/** An ended member restarted by the owner: through the plan's room for members, like a new member. */
export function restartMemberInPlan(wix: WixApis, clock: Clock, input: { memberId: string }) {
  return restartMember(wix, clock, input, () => memberAdmission(wix, clock));
}

/** The owner brings existing members in: as many as the plan has room for; the rest are counted as waiting. */
export function enrollMembersInPlan(
  wix: WixApis,
  clock: Clock,
  input: { cursor?: string | null; limit?: number } = {},
) {
  return enrollMembers(wix, input, () => memberAdmission(wix, clock));
}
