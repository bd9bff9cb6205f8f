import { type EarnResult, earnOnPayment, setEarnOnPaymentRule } from './earn-on-payment.ts';
import { exportMemberLedger, exportMembers } from './export.ts';
import { type Admission, enrollMembers, memberJoined } from './membership.ts';
import { activatePaymentLink, createPaymentLink, sendPaymentLink, takePayment } from './payment-links.ts';
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
 * How many members are in the program (their programs not ended), counted up to `atMost`: a page of at most 100 per
 * call, so a plan of 50 costs one call and one of 500 at most five. A plan with no limit counts nothing.
 */
async function membersInProgram(wix: WixApis, atMost: number): Promise<number> {
  let page = await wix.programs
    .queryPrograms()
    .eq('namespace', NAMESPACE)
    .ne('status', 'ENDED')
    .limit(Math.max(1, Math.min(PAGE, atMost)))
    .find();
  let count = page.items.length;
  while (count < atMost && page.hasNext()) {
    page = await page.next();
    count += page.items.length;
  }
  return count;
}

/** How many places a kept count of the members must leave for a join to be let in without counting afresh. */
export const COUNT_MARGIN = 10;

/**
 * The members in the program as this backend counted them, with the ones it let in since: kept per site a short while
 * (`site-cache.ts`) while the plan has more than `COUNT_MARGIN` places left by it, counted afresh (one Wix call) nearer
 * the limit. Members let in meanwhile by another backend process go uncounted until it counts again: fewer than
 * `COUNT_MARGIN` such joins in a minute keep the limit exact; the count is read, not locked, in any case.
 */
async function membersTally(wix: WixApis, allowed: number): Promise<{ count: number }> {
  let counted = false;
  const count = async () => {
    counted = true;
    return { count: await membersInProgram(wix, allowed) };
  };
  const name = `members-in-program:${allowed}`;
  const tally = await siteCached(wix, name, count);
  if (counted || allowed - tally.count > COUNT_MARGIN) return tally;
  return siteCached(wix, name, count, { fresh: true });
}

/**
 * The room the owner's plan leaves for new members ("members beyond a number"): none counted on a plan with no
 * limit. Members already in are never counted out: a downgrade leaves them in, and only new joining stops. Two members
 * joining at the same moment on different backends may both take the last place (the count is read, not locked).
 */
async function memberAdmission(wix: WixApis, clock: Clock): Promise<Admission | undefined> {
  const plan = await currentPlan(wix, clock);
  const allowed = plan.allows.members;
  if (typeof allowed !== 'number') return undefined;
  const tally = await membersTally(wix, allowed);
  let left = allowed - tally.count;
  const upgrade = planUnlocking('members', allowed + 1);
  return {
    take: () => {
      if (left <= 0) return false;
      left--;
      tally.count++;
      return true;
    },
    giveBack: () => {
      left++;
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

/** The owner brings existing members in: as many as the plan has room for; the rest are counted as waiting. */
export function enrollMembersInPlan(
  wix: WixApis,
  clock: Clock,
  input: { cursor?: string | null; limit?: number } = {},
) {
  return enrollMembers(wix, input, () => memberAdmission(wix, clock));
}
