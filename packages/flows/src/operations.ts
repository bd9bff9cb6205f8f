import { z } from 'zod';
import { parseInput } from './errors.ts';
import { memberId, requestId } from './inputs.ts';
import { type LedgerEntry, ledgerEntry } from './ledger.ts';
import { currentPool } from './member-pool.ts';
import { type Clock, NAMESPACE, type WixApis, wixErrorCode } from './wix.ts';

/** A member's ledger, newest first, a page at a time (`cursor` from the previous page). */
export async function memberLedger(
  wix: WixApis,
  clock: Clock,
  input: { memberId: string; cursor?: string | null; limit?: number },
) {
  const request = parseInput(
    z.object({ memberId, cursor: z.string().nullish(), limit: z.number().int().min(1).max(100).default(25) }),
    input,
  );
  const { pool } = await currentPool(wix, request.memberId, clock());
  if (!pool) return { status: 'NOT_IN_PROGRAM' as const };
  const query = wix.transactions.queryTransactions().limit(request.limit);
  const page = await (request.cursor
    ? query.skipTo(request.cursor)
    : query.eq('pool.id', pool._id).descending('_createdDate')
  ).find();
  return {
    status: 'FOUND' as const,
    entries: page.items.map(ledgerEntry),
    cursor: page.hasNext() ? (page.cursors.next ?? null) : null,
  };
}

export type AdjustmentResult =
  | { status: 'ADJUSTED'; balance: number; transactionId: string }
  | { status: 'NOT_ENOUGH_TOKENS'; balance: number }
  | { status: 'NOT_IN_PROGRAM' };

/**
 * The owner's manual adjustment: adds (or, negative, takes away) tokens with a reason, once per `requestId`.
 * A balance never goes below zero.
 */
export async function adjustTokens(
  wix: WixApis,
  clock: Clock,
  input: { memberId: string; amount: number; reason: string; requestId: string },
): Promise<AdjustmentResult> {
  const request = parseInput(
    z.object({
      memberId,
      amount: z
        .number()
        .int('must be a whole number of tokens')
        .min(-10_000, 'must be at least -10000')
        .max(10_000, 'must be at most 10000')
        .refine((n) => n !== 0, 'must not be 0'),
      reason: z
        .string()
        .trim()
        .min(3, 'must say why (3 characters or more)')
        .max(200, 'must be at most 200 characters'),
      requestId,
    }),
    input,
  );
  const { pool } = await currentPool(wix, request.memberId, clock());
  if (pool?.status !== 'ACTIVE') return { status: 'NOT_IN_PROGRAM' };
  try {
    const answer = await wix.balances.changeBalance(pool._id!, `adjust:${request.requestId}`, {
      type: 'ADJUST',
      adjustOptions: { value: String(request.amount) },
      transactionDetails: { reason: request.reason },
    });
    return {
      status: 'ADJUSTED',
      balance: Number(answer.balance?.amount?.available),
      transactionId: answer.transactionId!,
    };
  } catch (error) {
    if (wixErrorCode(error) !== 'NOT_ENOUGH_BALANCE') throw error;
    const balance = await wix.balances.getBalance(pool._id!);
    return { status: 'NOT_ENOUGH_TOKENS', balance: Number(balance.amount?.available) };
  }
}

export interface MonthlyFigures {
  month: string;
  /** Tokens members earned: visits, manual additions and the credits granted at renewals. */
  tokensIssued: number;
  /** Tokens spent on redemptions, less the redemptions canceled. */
  tokensRedeemed: number;
  /** Members whose program is active now. */
  activeMembers: number;
}

/** The owner's monthly figures, from the ledger (`month` is `YYYY-MM`, in UTC). */
export async function monthlyFigures(wix: WixApis, input: { month: string }): Promise<MonthlyFigures> {
  const { month } = parseInput(
    z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM') }),
    input,
  );
  const [year, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(year, m - 1, 1));
  const to = new Date(Date.UTC(year, m, 1));
  const entries: LedgerEntry[] = [];
  let page = await wix.transactions
    .queryTransactions()
    .ge('_createdDate', from)
    .lt('_createdDate', to)
    .limit(100)
    .find();
  for (;;) {
    entries.push(...page.items.filter((t) => t.pool?.namespace === NAMESPACE || !t.pool?.namespace).map(ledgerEntry));
    if (!page.hasNext()) break;
    page = await page.next();
  }
  const sum = (kinds: string[], sign: 1 | -1) =>
    entries
      .filter((e) => kinds.includes(e.kind) && Math.sign(e.amount) === sign)
      .reduce((n, e) => n + Math.abs(e.amount), 0);
  const active = await wix.pools.queryPools().eq('namespace', NAMESPACE).eq('status', 'ACTIVE').limit(100).find();
  let activeMembers = active.items.length;
  let next = active;
  while (next.hasNext()) {
    next = await next.next();
    activeMembers += next.items.length;
  }
  return {
    month,
    tokensIssued: sum(['VISIT', 'ADJUSTMENT', 'INITIAL', 'RENEWAL'], 1),
    tokensRedeemed: sum(['REDEMPTION'], -1) - sum(['REDEMPTION_CANCELED'], 1),
    activeMembers,
  };
}
