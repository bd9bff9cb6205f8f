import { z } from 'zod';
import { addMonths, monthBounds, monthEndsBetween, monthsBetween, recentMonths } from './calendar.ts';
import { enteredNumber, enteredText } from './entered.ts';
import { InvalidInput, parseInput } from './errors.ts';
import { memberId, requestId } from './inputs.ts';
import { changeMadeWithKey, type LedgerEntry, ledgerEntry } from './ledger.ts';
import { currentPool, poolState } from './member-pool.ts';
import { rulesOf } from './program.ts';
import { productsById } from './rewards.ts';
import { type Clock, NAMESPACE, type WixApis, wixErrorCode } from './wix.ts';

/** A ledger line as the owner reads it: a redemption (or its giving back) names the product, when the store has it. */
export type NamedLedgerEntry = LedgerEntry & { product: string | null };

/** Names the products the redemptions among `entries` were for: one Stores call when there are any, none otherwise. */
export async function withProducts(wix: WixApis, entries: LedgerEntry[]): Promise<NamedLedgerEntry[]> {
  const redeemed = (e: LedgerEntry) => (e.kind === 'REDEMPTION' || e.kind === 'REDEMPTION_CANCELED') && !!e.reference;
  const ids = entries.filter(redeemed).map((e) => e.reference!);
  const products = ids.length > 0 ? await productsById(wix, ids) : new Map<string, { name: string }>();
  return entries.map((e) => ({ ...e, product: (redeemed(e) && products.get(e.reference!)?.name) || null }));
}

/** A member's ledger, newest first, a page at a time (`cursor` from the previous page); redemptions name the product. */
export async function memberLedger(
  wix: WixApis,
  clock: Clock,
  input: { memberId: string; cursor?: string | null; limit?: number },
) {
  const request = parseInput(
    z.object({ memberId, cursor: z.string().nullish(), limit: z.number().int().min(1).max(100).default(25) }),
    input,
  );
  const { pool, timeZone } = await currentPool(wix, request.memberId, clock());
  if (!pool) return { status: 'NOT_IN_PROGRAM' as const };
  const started = new Date(pool._createdDate ?? 0);
  const [firstMonthEnd] = monthEndsBetween(started, addMonths(started, 1, timeZone), timeZone);
  const query = wix.transactions.queryTransactions().limit(request.limit);
  const page = await (request.cursor
    ? query.skipTo(request.cursor)
    : query.eq('pool.id', pool._id).descending('_createdDate')
  ).find();
  // A cursor carries its query: one of another member's ledger would read theirs.
  if (page.items.some((t) => t.pool?._id !== pool._id)) {
    throw new InvalidInput('cursor', "is not a page of this member's ledger");
  }
  return {
    status: 'FOUND' as const,
    entries: await withProducts(
      wix,
      page.items.map((t) => ledgerEntry(t, firstMonthEnd?.at)),
    ),
    cursor: page.hasNext() ? (page.cursors.next ?? null) : null,
  };
}

export type AdjustmentResult =
  | { status: 'ADJUSTED'; balance: number; transactionId: string }
  | { status: 'NOT_ENOUGH_TOKENS'; balance: number }
  | { status: 'NOT_IN_PROGRAM' }
  | { status: 'PROGRAM_UPDATING' };

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
      amount: enteredNumber()
        .int('must be a whole number of tokens')
        .min(-10_000, 'must be at least -10000')
        .max(10_000, 'must be at most 10000')
        .refine((n) => n !== 0, 'must not be 0'),
      reason: enteredText()
        .trim()
        .min(3, 'must say why (3 characters or more)')
        .max(200, 'must be at most 200 characters'),
      requestId,
    }),
    input,
  );
  const { pool } = await currentPool(wix, request.memberId, clock());
  const state = poolState(pool);
  if (state === 'UPDATING') return { status: 'PROGRAM_UPDATING' };
  if (state !== 'ACTIVE' || !pool) return { status: 'NOT_IN_PROGRAM' };
  const key = `adjust:${request.requestId}`;
  try {
    const answer = await wix.balances.changeBalance(pool._id!, key, {
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
    const code = wixErrorCode(error);
    // Made before under this request id: its transaction, read back.
    const made = code === 'ALREADY_EXECUTED' ? await changeMadeWithKey(wix, pool._id!, key) : null;
    // Change Balance refuses to go below zero with BALANCE_EXCEEDED_LIMITS.
    if (!made && code !== 'BALANCE_EXCEEDED_LIMITS') throw error;
    // The request id of another adjustment: not this one's answer.
    if (made && made.amount !== request.amount) {
      throw new InvalidInput('requestId', 'was used for another adjustment');
    }
    const balance = Number((await wix.balances.getBalance(pool._id!)).amount?.available);
    return made
      ? { status: 'ADJUSTED', balance, transactionId: made.transactionId }
      : { status: 'NOT_ENOUGH_TOKENS', balance };
  }
}

interface MonthlyFigures {
  month: string;
  /** Tokens members earned: visits, manual additions and the credits granted at renewals. */
  tokensIssued: number;
  /** Tokens spent on redemptions, less the redemptions canceled. */
  tokensRedeemed: number;
  /** Tokens that expired at the month's renewals, over the rollover cap. */
  tokensForfeited: number;
  /** Rewards redeemed in the month by product (less those given back), most first. */
  redemptions: Array<{ productId: string; product: string; count: number }>;
  /** Members whose program is active now. */
  activeMembers: number;
  /** Tokens those members hold now, unspent: what the gym still owes in rewards. A figure of now, as `activeMembers`. */
  tokensOutstanding: number;
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

/** The owner's figures for a calendar month (`YYYY-MM`) in the site's time zone, from the ledger. */
export async function monthlyFigures(wix: WixApis, input: { month: string }): Promise<MonthlyFigures> {
  const request = parseInput(z.object({ month }), input);
  const zone = await wix.siteTimeZone();
  const [tokens, active] = await Promise.all([tokensOfMonth(wix, request.month, zone), activeMembersNow(wix)]);
  const [named] = await namedRedemptions(wix, [tokens]);
  return { month: request.month, ...named!, ...active };
}

/**
 * The overview: the figures of the last `months` calendar months in the site's time zone, this one included, oldest
 * first. Active members are counted once: they are a figure of now, the same for every month.
 */
export async function monthlyOverview(
  wix: WixApis,
  clock: Clock,
  input: { months?: number } = {},
): Promise<MonthlyFigures[]> {
  const request = parseInput(z.object({ months: z.number().int().min(1).max(24).default(6) }), input);
  const zone = await wix.siteTimeZone();
  const months = recentMonths(clock(), request.months, zone);
  const [active, ...tokens] = await Promise.all([
    activeMembersNow(wix),
    ...months.map((m) => tokensOfMonth(wix, m, zone)),
  ]);
  const named = await namedRedemptions(wix, tokens);
  return months.map((m, i) => ({ month: m, ...named[i]!, ...active! }));
}

type MonthTokens = Awaited<ReturnType<typeof tokensOfMonth>>;

/** The months' redemptions by product, named (one Stores call for all the months, none when nothing was redeemed). */
async function namedRedemptions(wix: WixApis, months: MonthTokens[]) {
  const ids = months.flatMap((m) => [...m.redeemed.keys()]);
  const products = ids.length > 0 ? await productsById(wix, ids) : new Map<string, { name: string }>();
  return months.map(({ redeemed, ...figures }) => ({
    ...figures,
    redemptions: [...redeemed]
      .filter(([, count]) => count > 0)
      .map(([productId, count]) => ({ productId, product: products.get(productId)?.name || productId, count }))
      .sort((a, b) => b.count - a.count || a.product.localeCompare(b.product)),
  }));
}

async function tokensOfMonth(wix: WixApis, month: string, zone: string) {
  const { start, end } = monthBounds(month, zone);
  const entries: LedgerEntry[] = [];
  let page = await wix.transactions
    .queryTransactions()
    .ge('_createdDate', start)
    .lt('_createdDate', end)
    .limit(100)
    .find();
  for (;;) {
    entries.push(
      ...page.items.filter((t) => t.pool?.namespace === NAMESPACE || !t.pool?.namespace).map((t) => ledgerEntry(t)),
    );
    if (!page.hasNext()) break;
    page = await page.next();
  }
  const sum = (kinds: string[], sign: 1 | -1) =>
    entries
      .filter((e) => kinds.includes(e.kind) && Math.sign(e.amount) === sign)
      .reduce((n, e) => n + Math.abs(e.amount), 0);
  return {
    tokensIssued: sum(['VISIT', 'ADJUSTMENT', 'INITIAL', 'RENEWAL'], 1),
    tokensRedeemed: sum(['REDEMPTION'], -1) - sum(['REDEMPTION_CANCELED'], 1),
    tokensForfeited: sum(['ROLLOVER_CAP'], -1),
    redeemed: redeemedByProduct(entries),
  };
}

/** Redemptions by product id: each counts one, each given back takes one away. */
function redeemedByProduct(entries: LedgerEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (!e.reference || (e.kind !== 'REDEMPTION' && e.kind !== 'REDEMPTION_CANCELED')) continue;
    counts.set(e.reference, (counts.get(e.reference) ?? 0) + (e.kind === 'REDEMPTION' ? 1 : -1));
  }
  return counts;
}

/** The members whose program is active now and the tokens they hold: two Wix calls a hundred members. */
async function activeMembersNow(wix: WixApis): Promise<{ activeMembers: number; tokensOutstanding: number }> {
  let page = await wix.pools.queryPools().eq('namespace', NAMESPACE).eq('status', 'ACTIVE').limit(100).find();
  const figures = { activeMembers: 0, tokensOutstanding: 0 };
  for (;;) {
    figures.activeMembers += page.items.length;
    if (page.items.length > 0) {
      const ids = page.items.map((p) => p._id!);
      const { items } = await wix.balances.queryBalances().in('_id', ids).limit(100).find();
      figures.tokensOutstanding += items.reduce((n, b) => n + Number(b.amount?.available ?? 0), 0);
    }
    if (!page.hasNext()) return figures;
    page = await page.next();
  }
}

export interface MemberRow {
  memberId: string;
  name: string;
  email: string | null;
  balance: number;
  status: string;
  /** Whole months left of the membership (0 in its last month or once it ended). */
  monthsLeft: number;
  /** When the membership ends (or ended): its length after joining, in the site's time zone. */
  endsAt: Date;
  joined: Date;
}

/**
 * The members in the program for the owner's list, newest first, `limit` a page (`cursor` from the previous page):
 * with balance, status and months left. `search` narrows it to members whose name or login email starts with it.
 * Two sequential rounds a page (pools; then balances and members together); a search first finds the members.
 */
export async function listMembers(
  wix: WixApis,
  clock: Clock,
  input: { search?: string; limit?: number; cursor?: string | null } = {},
): Promise<{ members: MemberRow[]; cursor: string | null }> {
  const request = parseInput(
    z.object({
      search: z.string().trim().max(100, 'must be at most 100 characters').optional(),
      limit: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').default(20),
      cursor: z.string().max(16_000, 'is not a cursor').nullish(),
    }),
    input,
  );
  let only: string[] | undefined;
  if (request.search) {
    const [byName, byEmail] = await Promise.all([
      wix.members.queryMembers().startsWith('profile.nickname', request.search).limit(100).find(),
      wix.members.queryMembers().startsWith('loginEmail', request.search).limit(100).find(),
    ]);
    only = [...new Set([...byName.items, ...byEmail.items].map((m) => m._id!))];
    if (only.length === 0) return { members: [], cursor: null };
  }
  let query = wix.pools.queryPools().limit(request.limit);
  if (request.cursor) query = query.skipTo(request.cursor);
  else {
    query = query.eq('namespace', NAMESPACE).descending('_createdDate');
    if (only) query = query.in('beneficiary.memberId', only);
  }
  const page = await query.find();
  // A member restarted after their membership ended has two programs: the list shows the newer (it comes first).
  const pools = page.items.filter(
    (pool, i) =>
      pool.status !== 'ENDED' ||
      !page.items.slice(0, i).some((newer) => newer.beneficiary?.memberId === pool.beneficiary?.memberId),
  );
  if (pools.length === 0) return { members: [], cursor: null };
  const ids = pools.map((p) => p.beneficiary?.memberId ?? '');
  const [balances, people] = await Promise.all([
    wix.balances
      .queryBalances()
      .in(
        '_id',
        pools.map((p) => p._id!),
      )
      .limit(100)
      .find(),
    wix.members
      .queryMembers({ fieldsets: ['FULL'] })
      .in('_id', ids)
      .limit(100)
      .find(),
  ]);
  const now = clock();
  const zone = await wix.siteTimeZone();
  return {
    members: pools.map((pool) => {
      const person = people.items.find((m) => m._id === pool.beneficiary?.memberId);
      const balance = balances.items.find((b) => b._id === pool._id);
      const joined = new Date(pool._createdDate!);
      const end = addMonths(joined, rulesOf(pool).membershipMonths, zone);
      return {
        memberId: pool.beneficiary?.memberId ?? '',
        name: person?.profile?.nickname ?? person?.loginEmail ?? pool.beneficiary?.memberId ?? '',
        email: person?.loginEmail ?? null,
        balance: Number(balance?.amount?.available ?? 0),
        status: pool.status ?? 'UNKNOWN',
        monthsLeft: pool.status === 'ENDED' ? 0 : monthsBetween(now, end, zone),
        endsAt: end,
        joined,
      };
    }),
    cursor: page.hasNext() ? (page.cursors.next ?? null) : null,
  };
}
