import type { transactions } from '@wix/benefit-programs';
import type { WixApis } from './wix.ts';
import type { LedgerKind } from './words.ts';

export interface LedgerEntry {
  transactionId: string;
  at: Date;
  /** Signed: tokens in are positive, tokens out negative. */
  amount: number;
  kind: LedgerKind;
  /** The reason Wix kept with the change, if it kept one (Wix declares it read-only: it may not). */
  reason: string | null;
  /** For visits the day counted (`YYYY-MM-DD`); for redemptions the product id. */
  reference: string | null;
}

/**
 * What a ledger transaction was, told apart by what the app itself sends as Wix stores it: the idempotency keys of the
 * changes it makes (`visit:<poolId>:<day>:<slot>`, `adjust:<requestId>`), the benefit of a redemption and the
 * transaction a cancellation or revert refers to. Nothing rests on request fields Wix declares read-only
 * (`transactionDetails.item`, `reason`). Anything else is Wix's own work on the program: credits added before the pool's
 * first month end (`firstRenewalAt`) are the welcome tokens, later ones monthly renewals, and tokens taken are what a
 * renewal took over the rollover cap.
 */
export function ledgerEntry(t: transactions.Transaction, firstRenewalAt?: Date): LedgerEntry {
  const amount = Number(t.amount ?? 0) * (t.target === 'AVAILABLE' ? 1 : -1);
  const details = t.details ?? {};
  const key = t.idempotencyKey ?? '';
  const at = new Date(t._createdDate ?? 0);
  let kind: LedgerKind;
  let reference: string | null = null;
  if (key.startsWith('visit:')) {
    kind = 'VISIT';
    reference = key.split(':')[2] ?? null;
  } else if (details.benefitKey) {
    kind = t.relatedTransactionId ? 'REDEMPTION_CANCELED' : 'REDEMPTION';
    reference = details.item?.externalId ?? null;
  } else if (t.relatedTransactionId) kind = 'REVERSAL';
  else if (key.startsWith('adjust:')) kind = 'ADJUSTMENT';
  else if (amount < 0) kind = 'ROLLOVER_CAP';
  else kind = firstRenewalAt && at < firstRenewalAt ? 'INITIAL' : 'RENEWAL';
  return { transactionId: t._id!, at, amount, kind, reason: details.reason ?? null, reference };
}

/**
 * The first of a pool's transactions, newest first (up to a thousand), that `wanted` picks out; `wanted` sees every
 * transaction before it, so it may remember what it passed.
 */
async function newestWhere(
  wix: WixApis,
  poolId: string,
  wanted: (t: transactions.Transaction) => boolean,
): Promise<transactions.Transaction | null> {
  let page = await wix.transactions
    .queryTransactions()
    .eq('pool.id', poolId)
    .descending('_createdDate')
    .limit(100)
    .find();
  for (let pages = 0; pages < 10; pages++) {
    const found = page.items.find(wanted);
    if (found) return found;
    if (!page.hasNext()) break;
    page = await page.next();
  }
  return null;
}

/**
 * The id of a pool's transaction made with an idempotency key the app sent, from the pool's newest transactions: how a
 * change that Wix answered `ALREADY_EXECUTED` (made by an earlier attempt) is read back.
 */
export async function transactionWithKey(wix: WixApis, poolId: string, key: string): Promise<string | null> {
  return (await newestWhere(wix, poolId, (t) => t.idempotencyKey === key))?._id ?? null;
}

/**
 * A redemption made with an idempotency key, read back, and whether it was canceled since (a cancellation is a later
 * transaction referring to it, so it comes first newest first).
 */
export async function redemptionWithKey(
  wix: WixApis,
  poolId: string,
  key: string,
): Promise<{ transactionId: string; canceled: boolean } | null> {
  const canceled = new Set<string>();
  const found = await newestWhere(wix, poolId, (t) => {
    if (t.relatedTransactionId) canceled.add(t.relatedTransactionId);
    return t.idempotencyKey === key;
  });
  return found?._id ? { transactionId: found._id, canceled: canceled.has(found._id) } : null;
}
