import { z } from 'zod';
import { dayOf } from './calendar.ts';
import { parseInput } from './errors.ts';
import { visitDayId, visitExternalId } from './ids.ts';
import { memberId, requestId } from './inputs.ts';
import { currentPool } from './member-pool.ts';
import { rulesOf } from './program.ts';
import { type Clock, type WixApis, wixErrorCode } from './wix.ts';

const visitInput = z.object({
  memberId,
  visitId: requestId,
  at: z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]).optional(),
});

export type VisitResult =
  | { status: 'TOKEN_ISSUED'; balance: string; transactionId: string }
  | { status: 'ALREADY_COUNTED'; reason: 'DAILY_LIMIT' }
  | { status: 'NOT_IN_PROGRAM' }
  | { status: 'PROGRAM_PAUSED' };

/**
 * A gym visit (sample flow step 5): issues one token to the member's active pool. Each visit counts once (a retry
 * answers the first answer: the same transaction), and at most
 * `visitsPerDay` visits count per calendar day (site time zone); the ledger is the source of truth for both: a visit's
 * transaction names the day in `details.item.id` (a GUID made from pool and day) and the visit in `details.item.externalId` (a GUID made from the visit id). A day's visits take the
 * slots `visit:<poolId>:<day>:0`, `:1`, ... as idempotency keys, so retries, duplicate check-ins and races can never
 * issue more than the day's limit, nor a visit twice.
 */
export async function recordVisit(wix: WixApis, clock: Clock, input: unknown): Promise<VisitResult> {
  const visit = parseInput(visitInput, input);
  const now = clock();
  const at = visit.at ?? now;
  const { pool, timeZone } = await currentPool(wix, visit.memberId, now);
  if (!pool || pool.status === 'ENDED') return { status: 'NOT_IN_PROGRAM' };
  if (pool.status !== 'ACTIVE') return { status: 'PROGRAM_PAUSED' };
  const { day } = dayOf(at, timeZone);
  // The day's visits are found by `details.item.id` (a field Wix lets transactions be filtered on, a GUID); the visit
  // is `details.item.externalId`, a GUID made from its id (src/ids.ts).
  const dayId = visitDayId(pool._id!, day);
  const visitGuid = visitExternalId(visit.visitId);
  const prefix = `visit:${pool._id}:${day}:`;
  const { visitsPerDay } = rulesOf(pool);
  for (let attempt = 0; attempt <= visitsPerDay; attempt++) {
    const { items: today } = await wix.transactions
      .queryTransactions()
      .eq('pool.id', pool._id)
      .eq('details.item.id', dayId)
      .limit(100)
      .find();
    const counted = today.find((t) => t.details?.item?.externalId === visitGuid);
    if (counted) {
      // A retry of a visit that was counted: the first answer again.
      const balance = await wix.balances.getBalance(pool._id!);
      return { status: 'TOKEN_ISSUED', balance: balance.amount!.available!, transactionId: counted._id! };
    }
    if (today.length >= visitsPerDay) return { status: 'ALREADY_COUNTED', reason: 'DAILY_LIMIT' };
    try {
      const answer = await wix.balances.changeBalance(pool._id!, `${prefix}${today.length}`, {
        type: 'ADJUST',
        adjustOptions: { value: '1' },
        transactionDetails: {
          item: { _id: dayId, externalId: visitGuid, category: 'gym-visit', displayName: 'Gym visit' },
          reason: `Visit ${visit.visitId}`,
          effectiveDate: at,
        },
      });
      return {
        status: 'TOKEN_ISSUED',
        balance: answer.balance!.amount!.available!,
        transactionId: answer.transactionId!,
      };
    } catch (error) {
      // Another visit took this slot a moment ago (its key answers ALREADY_EXECUTED): look at the ledger again.
      if (wixErrorCode(error) !== 'ALREADY_EXECUTED') throw error;
    }
  }
  return { status: 'ALREADY_COUNTED', reason: 'DAILY_LIMIT' };
}
