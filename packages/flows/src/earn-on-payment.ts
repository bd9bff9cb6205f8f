import { z } from 'zod';
import { COLLECTIONS } from './collections.ts';
import { parseInput } from './errors.ts';
import { callWix, type Order } from './get-paid.ts';
import { type AdjustmentResult, adjustTokens } from './operations.ts';
import { type Clock, type WixApis, wixErrorCode } from './wix.ts';

/**
 * Earn on payment: a member of the rewards program who pays a payment link earns tokens by the owner's rule, one token
 * per `amountPerToken` of the payment's currency (rounded down), once per payment. Off until the owner turns it on. The
 * rule is one item of the app's settings collection.
 */
const SETTINGS = COLLECTIONS.settings;
const RULE_ID = 'earn-on-payment';

export interface EarnOnPaymentRule {
  enabled: boolean;
  /** How much of the currency earns one token (e.g. 10: one token per 10 paid). */
  amountPerToken: number;
}

const DEFAULT_RULE: EarnOnPaymentRule = { enabled: false, amountPerToken: 10 };

const ruleInput = z.object({
  enabled: z.boolean(),
  amountPerToken: z
    .number()
    .positive('must be more than 0')
    .max(1_000_000, 'must be at most 1000000')
    .refine((n) => Number.isInteger(n * 100), 'must have at most 2 decimals'),
});

/** The owner's rule, or the default (off, one token per 10) before it is set. */
export async function earnOnPaymentRule(wix: WixApis): Promise<EarnOnPaymentRule> {
  const item = (await wix.data.get(SETTINGS, RULE_ID, { consistentRead: true })) as Partial<EarnOnPaymentRule> | null;
  if (!item) return DEFAULT_RULE;
  return { enabled: item.enabled === true, amountPerToken: Number(item.amountPerToken) || DEFAULT_RULE.amountPerToken };
}

/** Sets the owner's rule (the rewards setup page). */
export async function setEarnOnPaymentRule(wix: WixApis, input: EarnOnPaymentRule): Promise<EarnOnPaymentRule> {
  const rule = parseInput(ruleInput, input);
  await wix.data.save(SETTINGS, { _id: RULE_ID, ...rule });
  return rule;
}

export type EarnResult =
  | { status: 'OFF' }
  | { status: 'NO_MEMBER' }
  | { status: 'TOO_SMALL' }
  | ({ tokens: number } & Exclude<AdjustmentResult, { status: 'PROGRAM_UPDATING' }>);

/**
 * A payment that cannot earn yet: its member's program is being updated (Wix's renewal job outlasted the wait). Thrown,
 * so that the event's handler fails and Wix delivers the event again; the payment earns then, once (its key).
 */
export class EarnLater extends Error {
  constructor(readonly paymentId: string) {
    super(`payment ${paymentId}: the member's program is being updated; it earns when the event comes again`);
    this.name = 'EarnLater';
  }
}

const paymentInput = z.object({
  id: z.string().trim().min(1, 'is required').max(100),
  amount: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a decimal amount')
    .optional(),
  regularPaymentLinkPayment: z
    .object({
      contactDetails: z.object({ contactId: z.string().optional() }).passthrough().optional(),
      order: z.object({ ecomOrder: z.object({ ecomOrderId: z.string().optional() }).optional() }).optional(),
    })
    .passthrough()
    .optional(),
});

/** The contact who paid: the payment's contact details, else the buyer of the order it made. */
async function payerContact(wix: WixApis, payment: z.output<typeof paymentInput>): Promise<string | null> {
  const regular = payment.regularPaymentLinkPayment;
  if (regular?.contactDetails?.contactId) return regular.contactDetails.contactId;
  const orderId = regular?.order?.ecomOrder?.ecomOrderId;
  if (!orderId) return null;
  try {
    const { order } = await callWix<{ order: Order }>(wix, 'getOrder', { params: { orderId } });
    return order.buyerInfo?.contactId ?? null;
  } catch (error) {
    if (wixErrorCode(error) === 'ORDER_NOT_FOUND' || wixErrorCode(error) === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * A payment link was paid (Wix's `payment_link_payment_created` event, which Wix may deliver more than once): the
 * paying member earns tokens by the rule, once per payment (the balance change's idempotency key is made from the
 * payment id). A payer who is no member, or no member of the program, earns nothing. While the member's program is
 * being updated it throws `EarnLater`: the event is to come again.
 */
export async function earnOnPayment(wix: WixApis, clock: Clock, input: { payment: unknown }): Promise<EarnResult> {
  const payment = parseInput(paymentInput, (input as { payment?: unknown })?.payment);
  const rule = await earnOnPaymentRule(wix);
  if (!rule.enabled) return { status: 'OFF' };
  const tokens = Math.min(10_000, Math.floor(Number(payment.amount ?? 0) / rule.amountPerToken + 1e-9));
  if (tokens < 1) return { status: 'TOO_SMALL' };
  const contactId = await payerContact(wix, payment);
  if (!contactId) return { status: 'NO_MEMBER' };
  const { items } = await wix.members.queryMembers().eq('contactId', contactId).limit(1).find();
  const memberId = items[0]?._id;
  if (!memberId) return { status: 'NO_MEMBER' };
  const result = await adjustTokens(wix, clock, {
    memberId,
    amount: tokens,
    reason: `Paid ${payment.amount} with a payment link`,
    requestId: `payment:${payment.id}`,
  });
  if (result.status === 'PROGRAM_UPDATING') throw new EarnLater(payment.id);
  return { ...result, tokens };
}
