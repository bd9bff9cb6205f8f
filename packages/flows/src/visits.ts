import { z } from 'zod';
import { dayOf } from './calendar.ts';
import { COLLECTIONS } from './collections.ts';
import { InvalidInput, parseInput } from './errors.ts';
import { visitRecordId, visitSlotId } from './ids.ts';
import { memberId, requestId } from './inputs.ts';
import { transactionWithKey } from './ledger.ts';
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

/** A visit as the app remembers it (the visits collection), once its outcome is known. */
interface VisitRecord {
  _id: string;
  kind: 'VISIT';
  visitId: string;
  memberId: string;
  poolId: string;
  day: string;
  at: string;
  outcome: 'TOKEN_ISSUED' | 'DAILY_LIMIT';
  transactionId: string | null;
  /** The balance the visit answered with. */
  balance: string | null;
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
 * it is retried on (a retry answers the first answer), and at most `visitsPerDay` visits count per calendar day (site
 * time zone). What the app must remember lives in its own Wix Data collection, not in fields Wix declares read-only:
 * - a day's visits take the slots 0, 1, … of that day: a slot is an item whose id is made from pool, day and slot, so
 *   inserting it is atomic (Wix Data refuses a second item with that id, WDE0074) and two visits racing for a slot
 *   cannot both get it;
 * - the token of slot n is the balance change keyed `visit:<poolId>:<day>:<n>`, so it is issued once even when the visit
 *   is retried after a crash (Wix answers the key `ALREADY_EXECUTED`: the change was made, and is read back);
 * - the visit's outcome is an item whose id is made from the visit id.
 * A visit dated before the member's program, more than a week back or in the future is refused (`at`).
 */
export async function recordVisit(wix: WixApis, clock: Clock, input: unknown): Promise<VisitResult> {
  const visit = parseInput(visitInput, input);
  const now = clock();
  const at = visit.at ?? now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new InvalidInput('at', 'is in the future');
  if (at.getTime() < now.getTime() - LATE_VISIT_MS) throw new InvalidInput('at', 'is more than a week ago');
  const recordId = visitRecordId(visit.visitId);
  const [{ pool, timeZone }, recorded] = await Promise.all([
    currentPool(wix, visit.memberId, now),
    wix.data.get(VISITS, recordId, { consistentRead: true }) as Promise<VisitRecord | null>,
  ]);
  if (recorded) {
    // Visit ids are the door's: another member's visit under the same id is not this one, and its answer is not theirs.
    if (recorded.memberId !== visit.memberId) throw new InvalidInput('visitId', "is another member's visit");
    return firstAnswer(recorded);
  }
  const state = poolState(pool);
  if (state === 'NONE' || state === 'ENDED') return { status: 'NOT_IN_PROGRAM' };
  if (state !== 'ACTIVE') return { status: `PROGRAM_${state}` };
  if (at < new Date(pool!._createdDate ?? 0)) throw new InvalidInput('at', "is before the member's program started");
  const poolId = pool!._id!;
  const { day } = dayOf(at, timeZone);
  const remember = async (outcome: VisitRecord['outcome'], transactionId: string | null, balance: string | null) => {
    const record: VisitRecord = {
      _id: recordId,
      kind: 'VISIT',
      visitId: visit.visitId,
      memberId: visit.memberId,
      poolId,
      day,
      at: at.toISOString(),
      outcome,
      transactionId,
      balance,
    };
    // A duplicate of this visit running at the same time recorded the same outcome first.
    await wix.data.insert(VISITS, record).catch((error) => {
      if (!isDuplicateItem(error)) throw error;
    });
  };

  const slot = await takeSlot(wix, { visitId: visit.visitId, poolId, day }, rulesOf(pool!).visitsPerDay);
  if (slot === undefined) {
    await remember('DAILY_LIMIT', null, null);
    return { status: 'ALREADY_COUNTED', reason: 'DAILY_LIMIT' };
  }
  const key = `visit:${poolId}:${day}:${slot}`;
  try {
    const answer = await wix.balances.changeBalance(poolId, key, {
      type: 'ADJUST',
      adjustOptions: { value: String(TOKENS_PER_VISIT) },
    });
    const balance = answer.balance!.amount!.available!;
    await remember('TOKEN_ISSUED', answer.transactionId!, balance);
    return { status: 'TOKEN_ISSUED', balance, transactionId: answer.transactionId! };
  } catch (error) {
    // The slot is this visit's: the token was issued by an earlier attempt that did not get to record it.
    if (wixErrorCode(error) !== 'ALREADY_EXECUTED') throw error;
    const [transactionId, current] = await Promise.all([
      transactionWithKey(wix, poolId, key),
      wix.balances.getBalance(poolId),
    ]);
    const balance = current.amount!.available!;
    await remember('TOKEN_ISSUED', transactionId, balance);
    return { status: 'TOKEN_ISSUED', balance, transactionId: transactionId ?? '' };
  }
}

/** The answer a visit got the first time. */
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
