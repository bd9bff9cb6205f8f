import { type EarnResult, earnOnPayment, setEarnOnPaymentRule } from './earn-on-payment.ts';
import { activatePaymentLink, createPaymentLink, sendPaymentLink, takePayment } from './payment-links.ts';
import { currentPlan, gated, gatedByCount } from './plans.ts';
import type { ProgramChoices } from './program.ts';
import { currentProgram, setUpProgram } from './setup.ts';
import type { Clock, WixApis } from './wix.ts';

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
