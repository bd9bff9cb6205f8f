import { z } from 'zod';
import { reminderCost, remindMember } from './automations.ts';
import { addMonths, monthEndsBetween } from './calendar.ts';
import { parseInput } from './errors.ts';
import type { Pool } from './member-pool.ts';
import { catchUpPool, WAIT_COST } from './membership.ts';
import { FREE_PLACES_COST } from './places.ts';
import { poolState } from './pool-state.ts';
import { rulesOf } from './program.ts';
import { backgroundShouldYield, type Clock, NAMESPACE, type WixApis } from './wix.ts';

interface SweepResult {
  /** Pass it to the next sweep call; null when every active program has been looked at. */
  next: string | null;
  programs: number;
  renewed: number;
  ended: number;
  /** Moments told to Wix Automations ("tokens expire soon", "program ending": `automations.ts`). */
  reported: number;
  calls: number;
}

/**
 * The most Wix calls catching up a pool may take: each job, and a wait before every job but the first (or all when
 * busy); an end also frees the member's place.
 */
function worstCost(pool: Pool, now: Date, zone: string): number {
  const started = new Date(pool._createdDate!);
  const months = Math.max(0, monthEndsBetween(started, now, zone).length - (pool.renewalCount ?? 0));
  const ending = now >= addMonths(started, rulesOf(pool).membershipMonths, zone);
  const jobs = months + (ending ? 1 : 0);
  if (jobs === 0) return 0;
  return (
    jobs + (ending ? FREE_PLACES_COST : 0) + (jobs - 1) * WAIT_COST + (poolState(pool) === 'UPDATING' ? WAIT_COST : 0)
  );
}

/**
 * Catches up every active program, a chunk at a time: a call stops before it would make more than `budget` Wix calls
 * (a Wix backend invocation should stay near 20) and answers the cursor to resume from: the id of the first pool it did
 * not finish (a program with many renewals due may take several calls), so programs that end along the way do not shift
 * the rest. Each renewal or end is a job Wix runs after answering; one program's jobs run one after another, the
 * programs of a chunk at the same time (each within its share of the budget: what its due jobs may cost at most).
 * A program with nothing due is told to Wix Automations when its tokens expire soon or it ends soon (`remindMember`).
 */
export async function sweep(
  wix: WixApis,
  clock: Clock,
  cursor: string | null = null,
  budget = 20,
): Promise<SweepResult> {
  parseInput(z.object({ cursor: z.string().max(100, 'is not a cursor from this flow').nullable() }), { cursor });
  const now = clock();
  const zone = await wix.siteTimeZone();
  const result: SweepResult = { next: null, programs: 0, renewed: 0, ended: 0, reported: 0, calls: 1 };
  const pageSize = Math.max(1, Math.min(50, budget - 1));
  // Active and paused pools (paused, the months go on: renewals arrive and the membership ends on its date), and pools
  // whose job is running (a renewal the last sweep left part done, a pause or resume); one more than a page, to know
  // where the next call starts.
  let query = wix.pools
    .queryPools()
    .eq('namespace', NAMESPACE)
    .in('status', ['ACTIVE', 'PAUSED', 'RENEWING', 'PROVISIONING', 'PENDING'])
    .ascending('_id')
    .limit(pageSize + 1);
  if (cursor) query = query.ge('_id', cursor);
  const { items } = await query.find();
  // The pools this call catches up, in order, each with its share of the budget; `next` is the first one left over.
  const chunk: Array<{ pool: Pool; share: number }> = [];
  let reserved = result.calls;
  let next: string | null = null;
  for (const [i, pool] of items.entries()) {
    // A pool with nothing due is told what is coming (its balance and a report); one being caught up is told next run.
    const catching = worstCost(pool, now, zone);
    const share = catching > 0 ? catching : reminderCost(pool, now, zone);
    if (i === pageSize || backgroundShouldYield(wix) || (share > 0 && reserved + Math.min(share, 1) > budget)) {
      next = pool._id!;
      break;
    }
    // A program due more than the rest of the budget takes what is left and finishes on a later call.
    chunk.push({ pool, share: Math.min(share, budget - reserved) });
    reserved += Math.min(share, budget - reserved);
  }
  const outcomes = await Promise.all(
    chunk.map(({ pool, share }) => {
      if (share === 0) return undefined;
      if (worstCost(pool, now, zone) === 0) return remindMember(wix, pool, now, zone);
      return catchUpPool(wix, pool, now, zone, share).then((one) => ({ pool, one }));
    }),
  );
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome && 'reported' in outcome) {
      result.calls += outcome.calls;
      result.reported += outcome.reported.length;
    } else if (outcome) {
      result.calls += outcome.one.calls;
      result.renewed += outcome.one.renewed.length;
      result.ended += outcome.one.ended ? 1 : 0;
    }
    // The next call starts at the first pool this one did not finish (those after it are caught up already, and
    // catching them up again applies nothing twice: every renewal has its key).
    if (outcome && 'one' in outcome && !outcome.one.complete) {
      result.next = chunk[i]!.pool._id!;
      return result;
    }
    result.programs++;
  }
  result.next = next;
  return result;
}
