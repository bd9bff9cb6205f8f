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

/** The app's Wix Data collection of visits: each visit once, and each day's visit slots of a member. */
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

/** A day's visit slot of a member, taken by one visit. */
interface SlotRecord {
  _id: string;
  kind: 'SLOT';
  visitId: string;
  memberId: string;
  day: string;
  slot: number;
}

/**
 * A gym visit (sample flow step 5): issues one token to the member's active pool. Each visit counts once, whatever day
 * it is retried on (a retry gets the first answer), and at most `visitsPerDay` visits count per calendar day (site
 * time zone). What the app must remember lives in its own Wix Data collection, not in fields Wix declares read-only:
 * - the first attempt claims the visit id: an item whose id is made from it, holding the member and the instant (Wix
 *   Data refuses a second item with that id, WDE0074); a retry finds it and goes the first attempt's way, from the
 *   same instant;
 * - a member's visits of a day take the slots 0, 1, … of that day: a slot is an item whose id is made from member, day
 *   and slot, so inserting it is atomic and two visits racing for a slot cannot both get it; a retry finds its own
 *   slot again, and a visit that found the day's slots taken finds them taken again;
 * - the claim and slot 0 go in one Wix Data call (`bulkInsert`: each item inserted or refused on its own), alongside
 *   reading the pool; a slot the visit turns out not to use (the program is not active, the visit is another day's
 *   retry) is given back, and so is the claim of a visit of no member in the program (it issued nothing: the door may
 *   send the visit id again for the member it meant);
 * - the token of slot n is the balance change keyed `visit:<poolId>:<day>:<n>`, so it is issued once even when the
 *   visit is retried after a crash (Wix answers the key `ALREADY_EXECUTED`): the change and the balance right after it
 *   are read back from the ledger (`changeWithKey`), the answer the first attempt gave or would have given.
 * So the first visit of a day is 3 calls in 2 rounds (pool ‖ claim and slot, token). A visit dated before the
 * member's program, more than a week back or in the future is refused (`at`); a retry of a visit made before the
 * member's program answers NOT_IN_PROGRAM, as it did.
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
  const [{ pool, timeZone }, claimed] = await Promise.all([
    currentPool(wix, visit.memberId, now),
    wix.siteTimeZone().then((zone) => claimVisit(wix, claim, dayOf(asked, zone))),
  ]);
  const { first, retried, firstSlot } = claimed;
  // Slot 0 taken by this attempt and not used after all: given back, so a later visit that day may take it.
  const giveBack = (...also: string[]) => {
    const ids = [...also, ...(firstSlot.taken ? [firstSlot.id] : [])];
    return ids.length > 0 ? wix.data.bulkRemove(VISITS, ids) : undefined;
  };
  // Visit ids are the door's: another member's visit under the same id is not this one, and its answer is not theirs.
  if (first.memberId !== visit.memberId) {
    await giveBack();
    throw new InvalidInput('visitId', "is another member's visit");
  }
  if (first.outcome) {
    await giveBack();
    return firstAnswer(first);
  }
  const at = new Date(first.at);
  const state = poolState(pool);
  if (state !== 'ACTIVE') {
    if (state === 'NONE' || state === 'ENDED') {
      // Nothing issued, and nothing kept: the door may send the visit id again for the member it meant (a mistyped
      // member id), and it counts then.
      await giveBack(...(retried ? [] : [claim._id]));
      return { status: 'NOT_IN_PROGRAM' };
    }
    await giveBack();
    return { status: `PROGRAM_${state}` };
  }
  if (at < new Date(pool!._createdDate ?? 0)) {
    if (retried) {
      await giveBack();
      return { status: 'NOT_IN_PROGRAM' };
    }
    // Refused input changes nothing: the claim goes, so the door may send the visit again with the right instant.
    await giveBack(claim._id);
    throw new InvalidInput('at', "is before the member's program started");
  }
  const poolId = pool!._id!;
  const day = dayOf(at, timeZone);
  let slot: number | undefined = 0;
  if (!firstSlot.taken || firstSlot.day !== day) {
    // A retry from another day took that day's slot 0 for nothing; a first attempt that found slot 0 taken knows it
    // is another visit's (it had none before), so it goes on from slot 1.
    if (firstSlot.day !== day) await giveBack();
    const from = !retried && firstSlot.day === day ? 1 : 0;
    slot = await takeSlot(
      wix,
      { visitId: visit.visitId, memberId: visit.memberId, day },
      from,
      rulesOf(pool!).visitsPerDay,
    );
  }
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

/**
 * Claims the visit's id and slot 0 of the day it was asked for, in one call: the claim when this is the first
 * attempt, else the first attempt's (one read more); whether the visit was claimed before (a retry), and whether this
 * attempt took the slot.
 */
async function claimVisit(
  wix: WixApis,
  claim: VisitRecord,
  day: string,
): Promise<{ first: VisitRecord; retried: boolean; firstSlot: { id: string; day: string; taken: boolean } }> {
  const slot: SlotRecord = {
    _id: visitSlotId(claim.memberId, day, 0),
    kind: 'SLOT',
    visitId: claim.visitId,
    memberId: claim.memberId,
    day,
    slot: 0,
  };
  // The SDK's bulkInsert skips an item whose id exists (WDE0074) and names the items it inserted.
  const { errors, insertedItemIds } = await wix.data.bulkInsert(VISITS, [claim, slot]);
  if (errors.length > 0) throw errors[0];
  const firstSlot = { id: slot._id, day, taken: insertedItemIds.includes(slot._id) };
  if (insertedItemIds.includes(claim._id)) return { first: claim, retried: false, firstSlot };
  const first = (await wix.data.get(VISITS, claim._id, { consistentRead: true })) as VisitRecord | null;
  // Claimed, then removed by someone cleaning the collection: this attempt goes on as a retry, from its own instant
  // (a slot an earlier attempt took is found again).
  return { first: first ?? claim, retried: true, firstSlot };
}

/** The answer a visit recorded before claims got the first time. */
function firstAnswer(recorded: VisitRecord): VisitResult {
  if (recorded.outcome === 'DAILY_LIMIT') return { status: 'ALREADY_COUNTED', reason: 'DAILY_LIMIT' };
  return { status: 'TOKEN_ISSUED', balance: recorded.balance ?? '', transactionId: recorded.transactionId ?? '' };
}

/**
 * Takes the first free slot of the member's day from `from` on for the visit (or finds the one it took before);
 * undefined when all are taken.
 */
async function takeSlot(
  wix: WixApis,
  visit: { visitId: string; memberId: string; day: string },
  from: number,
  visitsPerDay: number,
): Promise<number | undefined> {
  for (let slot = from; slot < visitsPerDay; slot++) {
    const record: SlotRecord = { _id: visitSlotId(visit.memberId, visit.day, slot), kind: 'SLOT', ...visit, slot };
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
