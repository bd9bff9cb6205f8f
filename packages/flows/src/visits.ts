import { z } from 'zod';
import { dayOf } from './calendar.ts';
import { COLLECTIONS } from './collections.ts';
import { InvalidInput, parseInput } from './errors.ts';
import { visitRecordId, visitSlotId } from './ids.ts';
import { memberId, requestId } from './inputs.ts';
import { changeWithKey } from './ledger.ts';
import { currentPool, poolState } from './member-pool.ts';
import { rulesOf } from './program.ts';
import { type Clock, isDuplicateItem, type WixApis, wixErrorCode } from './wix.ts';

/** The tokens a counted visit earns. */
export const TOKENS_PER_VISIT = 1;

/** The app's Wix Data collection of visits: each visit once, and each day's visit slots of a pool. */
const VISITS = COLLECTIONS.visits;

/** How far back a door may date a visit (a door system catching up after an outage), and how far ahead (clock skew). */
const LATE_VISIT_MS = 7 * 24 * 3_600_000;
const CLOCK_SKEW_MS = 5 * 60_000;

const visitInput = z.object({
  memberId,
  visitId: requestId,
  at: z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]).optional(),
});

type VisitResult =
  | { status: 'TOKEN_ISSUED'; balance: string; transactionId: string }
  | { status: 'ALREADY_COUNTED'; reason: 'DAILY_LIMIT' }
  | { status: 'NOT_IN_PROGRAM' }
  | { status: 'PROGRAM_PAUSED' }
  | { status: 'PROGRAM_UPDATING' };

/**
 * A visit as the app remembers it (the visits collection): its id claimed by the first attempt, alongside reading the
 * member's pool, with the member and the instant it happened, so a retry (on any day, with or without `at`) is the
 * same visit at the same instant. Records written before claims (until 2026-12) also hold the first answer.
 */
interface VisitRecord {
  _id: string;
  kind: 'VISIT';
  visitId: string;
  memberId: string;
  at: string;
  outcome?: 'TOKEN_ISSUED' | 'DAILY_LIMIT';
  transactionId?: string | null;
  balance?: string | null;
}

/** A day's visit slot of a pool, taken by one visit. */
interface SlotRecord {
  _id: string;
  kind: 'SLOT';
  visitId: string;
  poolId: string;
  day: string;
  slot: number;
}

/**
 * A gym visit (sample flow step 5): issues one token to the member's active pool. Each visit counts once, whatever day
 * it is retried on (a retry gets the first answer), and at most `visitsPerDay` visits count per calendar day (site
 * time zone). What the app must remember lives in its own Wix Data collection, not in fields Wix declares read-only:
 * - the first attempt claims the visit id, alongside reading the pool: an item whose id is made from it, holding the
 *   member and the instant (Wix Data refuses a second item with that id, WDE0074); a retry finds it and goes the first
 *   attempt's way, from the same instant;
 * - a day's visits take the slots 0, 1, … of that day: a slot is an item whose id is made from pool, day and slot, so
 *   inserting it is atomic and two visits racing for a slot cannot both get it; a retry finds its own slot again, and
 *   a visit that found the day's slots taken finds them taken again;
 * - the token of slot n is the balance change keyed `visit:<poolId>:<day>:<n>`, so it is issued once even when the
 *   visit is retried after a crash (Wix answers the key `ALREADY_EXECUTED`): the change and the balance right after it
 *   are read back from the ledger (`changeWithKey`), the answer the first attempt gave or would have given.
 * So a counted visit is 4 calls in 3 rounds (pool ‖ claim, slot, token), and nothing the app writes waits on an answer
 * it must remember. A visit dated before the member's program, more than a week back or in the future is refused
 * (`at`); a retry of a visit made before the member's program answers NOT_IN_PROGRAM, as it did.
 */
export async function recordVisit(wix: WixApis, clock: Clock, input: unknown): Promise<VisitResult> {
  const visit = parseInput(visitInput, input);
  const now = clock();
  const asked = visit.at ?? now;
  if (asked.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new InvalidInput('at', 'is in the future');
  if (asked.getTime() < now.getTime() - LATE_VISIT_MS) throw new InvalidInput('at', 'is more than a week ago');
  const claim: VisitRecord = {
    _id: visitRecordId(visit.visitId),
    kind: 'VISIT',
    visitId: visit.visitId,
    memberId: visit.memberId,
    at: asked.toISOString(),
  };
  const [{ pool, timeZone }, first] = await Promise.all([
    currentPool(wix, visit.memberId, now),
    claimVisit(wix, claim),
  ]);
  // Visit ids are the door's: another member's visit under the same id is not this one, and its answer is not theirs.
  if (first.memberId !== visit.memberId) throw new InvalidInput('visitId', "is another member's visit");
  if (first.outcome) return firstAnswer(first);
  const retried = first !== claim;
  const at = new Date(first.at);
  const state = poolState(pool);
  if (state === 'NONE' || state === 'ENDED') return { status: 'NOT_IN_PROGRAM' };
  if (state !== 'ACTIVE') return { status: `PROGRAM_${state}` };
  if (at < new Date(pool!._createdDate ?? 0)) {
    if (retried) return { status: 'NOT_IN_PROGRAM' };
    // Refused input changes nothing: the claim goes, so the door may send the visit again with the right instant.
    await wix.data.bulkRemove(VISITS, [claim._id]);
    throw new InvalidInput('at', "is before the member's program started");
  }
  const poolId = pool!._id!;
  const { day } = dayOf(at, timeZone);
  const slot = await takeSlot(wix, { visitId: visit.visitId, poolId, day }, rulesOf(pool!).visitsPerDay);
  if (slot === undefined) return { status: 'ALREADY_COUNTED', reason: 'DAILY_LIMIT' };
  const key = `visit:${poolId}:${day}:${slot}`;
  try {
    const answer = await wix.balances.changeBalance(poolId, key, {
      type: 'ADJUST',
      adjustOptions: { value: String(TOKENS_PER_VISIT) },
    });
    return {
      status: 'TOKEN_ISSUED',
      balance: answer.balance!.amount!.available!,
      transactionId: answer.transactionId!,
    };
  } catch (error) {
    // The slot is this visit's: the token was issued by an earlier attempt (or a copy running now): read it back.
    if (wixErrorCode(error) !== 'ALREADY_EXECUTED') throw error;
    const made = await changeWithKey(wix, poolId, key);
    return { status: 'TOKEN_ISSUED', balance: made.balance, transactionId: made.transactionId ?? '' };
  }
}

/** Claims the visit's id: the claim when this is the first attempt, else the first attempt's (one read more). */
async function claimVisit(wix: WixApis, claim: VisitRecord): Promise<VisitRecord> {
  try {
    await wix.data.insert(VISITS, claim);
    return claim;
  } catch (error) {
    if (!isDuplicateItem(error)) throw error;
    const first = (await wix.data.get(VISITS, claim._id, { consistentRead: true })) as VisitRecord | null;
    // Claimed, then removed by someone cleaning the collection: this attempt is the first now.
    return first ?? claim;
  }
}

/** The answer a visit recorded before claims got the first time. */
function firstAnswer(recorded: VisitRecord): VisitResult {
  if (recorded.outcome === 'DAILY_LIMIT') return { status: 'ALREADY_COUNTED', reason: 'DAILY_LIMIT' };
  return { status: 'TOKEN_ISSUED', balance: recorded.balance ?? '', transactionId: recorded.transactionId ?? '' };
}

/** Takes the first free slot of the day for the visit (or finds the one it took before); undefined when all are taken. */
async function takeSlot(
  wix: WixApis,
  visit: { visitId: string; poolId: string; day: string },
  visitsPerDay: number,
): Promise<number | undefined> {
  for (let slot = 0; slot < visitsPerDay; slot++) {
    const record: SlotRecord = { _id: visitSlotId(visit.poolId, visit.day, slot), kind: 'SLOT', ...visit, slot };
    try {
      await wix.data.insert(VISITS, record);
      return slot;
    } catch (error) {
      if (!isDuplicateItem(error)) throw error;
      const taken = (await wix.data.get(VISITS, record._id, { consistentRead: true })) as SlotRecord | null;
      if (taken?.visitId === visit.visitId) return slot;
    }
  }
  return undefined;
}
