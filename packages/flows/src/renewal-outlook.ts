import { addMonths, monthEndsBetween } from './calendar.ts';
import { ledgerEntry } from './ledger.ts';
import type { Pool } from './member-pool.ts';
import { rulesOf } from './program.ts';
import type { WixApis } from './wix.ts';

/**
 * What the next renewal will do to a member's tokens, told beforehand: at the end of the calendar month in the site's
 * time zone, what stays is `min(balance, cap)` when rollover is on (all of it without a cap) and nothing when it is off;
 * the rest expires; then the monthly tokens arrive (Benefit Programs' renewal, see the emulator's README, "Renew").
 */
export interface NextRenewal {
  /** The instant of the renewal: the first instant of the next month in the site's time zone. */
  at: string;
  carryOver: number;
  expire: number;
  /** The monthly tokens the renewal brings. */
  newTokens: number;
  /** The rollover cap; null when all tokens carry over (no cap) or none do (rollover off: see `rollover`). */
  cap: number | null;
  rollover: boolean;
}

/** What the last renewal did, read from the ledger (the tokens it took over the cap and the ones it brought). */
export interface LastRenewal {
  /** The month end it applied (site time zone); the transactions themselves may be later (renewals are applied lazily). */
  at: string;
  expired: number;
  newTokens: number;
  /** The tokens that carried over when the ledger tells (over the cap: the cap; rollover off: 0), else null (all). */
  carriedOver: number | null;
}

export interface RenewalOutlook {
  timeZone: string;
  /** Null when the membership ends before the next month's turn. */
  next: NextRenewal | null;
  last: LastRenewal | null;
}

function rolloverOf(pool: Pool) {
  const credit = pool.details?.creditConfiguration;
  const cap = credit?.rolloverConfiguration?.balanceCap;
  return {
    rollover: !!credit?.rolloverConfiguration?.enabled,
    cap: cap === null || cap === undefined ? null : Number(cap),
    amount: Number(credit?.amount ?? 0),
  };
}

/** The next renewal of a pool for a balance, or null when the membership ends first. No Wix call. */
export function nextRenewal(pool: Pool, balance: number, now: Date, timeZone: string): NextRenewal | null {
  const started = new Date(pool._createdDate ?? 0);
  const ends = addMonths(started, rulesOf(pool).membershipMonths, timeZone);
  const [next] = monthEndsBetween(now, addMonths(now, 1, timeZone), timeZone);
  if (!next || next.at.getTime() >= ends.getTime()) return null;
  const { rollover, cap, amount } = rolloverOf(pool);
  const carryOver = !rollover ? 0 : cap === null ? balance : Math.min(balance, cap);
  return {
    at: next.at.toISOString(),
    carryOver,
    expire: balance - carryOver,
    newTokens: amount,
    cap: rollover ? cap : null,
    rollover,
  };
}

/** How many pages of the ledger (100 transactions each) are read back to the last renewal at most. */
const LEDGER_PAGES = 3;

/**
 * The last renewal of a pool, from its ledger: the transactions Wix made on its own after the last month end (tokens
 * taken are what went over the cap, tokens given the monthly ones). Null before the first renewal. One Wix call in
 * the usual month (up to `LEDGER_PAGES`).
 */
export async function lastRenewal(wix: WixApis, pool: Pool, now: Date, timeZone: string): Promise<LastRenewal | null> {
  if (!pool.renewalCount) return null;
  const started = new Date(pool._createdDate ?? 0);
  const monthEnds = monthEndsBetween(started, now, timeZone).slice(0, pool.renewalCount);
  const last = monthEnds.at(-1);
  if (!last) return null;
  let page = await wix.transactions
    .queryTransactions()
    .eq('pool.id', pool._id)
    .descending('_createdDate')
    .limit(100)
    .find();
  let expired = 0;
  let newTokens = 0;
  for (let pages = 1; ; pages++) {
    const entries = page.items.map((t) => ledgerEntry(t, monthEnds[0]?.at));
    for (const entry of entries.filter((e) => e.at >= last.at)) {
      if (entry.kind === 'ROLLOVER_CAP') expired -= entry.amount;
      if (entry.kind === 'RENEWAL') newTokens += entry.amount;
    }
    const older = entries.some((e) => e.at < last.at);
    if (older || !page.hasNext() || pages >= LEDGER_PAGES) break;
    page = await page.next();
  }
  const { rollover, cap } = rolloverOf(pool);
  const carriedOver = !rollover ? 0 : expired > 0 && cap !== null ? cap : null;
  return { at: last.at.toISOString(), expired, newTokens, carriedOver };
}
