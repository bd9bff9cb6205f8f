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
 * changes it makes (`visit:<poolId>:<day>:<slot>`, `adjust:<requestId>`, `cancel:<transactionId>`), the benefit of a
 * redemption and the transaction a cancellation or revert refers to. Nothing rests on request fields Wix declares read-only
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
  } else if (key.startsWith('cancel:') || (details.benefitKey && t.relatedTransactionId)) {
    // The app's Cancel Redemption key (`cancel:…`) tells it: what Wix writes into a cancellation's details is not
    // declared (the local platform copies the redemption's benefit and item; Wix may not).
    kind = 'REDEMPTION_CANCELED';
    reference = details.item?.externalId ?? null;
  } else if (details.benefitKey) {
    kind = 'REDEMPTION';
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
  return (await changeMadeWithKey(wix, poolId, key))?.transactionId ?? null;
}

/** The change made with an idempotency key the app sent: its transaction and signed amount, or null. */
export async function changeMadeWithKey(
  wix: WixApis,
  poolId: string,
  key: string,
): Promise<{ transactionId: string; amount: number } | null> {
  const found = await newestWhere(wix, poolId, (t) => t.idempotencyKey === key);
  return found?._id ? { transactionId: found._id, amount: ledgerEntry(found).amount } : null;
}

/**
 * A change made with an idempotency key the app sent, read back with the pool's available balance right after it, as
 * Change Balance answered it then: the balance now less every change made since. No balance is kept with a
 * transaction, and nothing that lands between the two reads may go unseen: the balance is read between the walk of
 * the transactions and a look at the newest one, and the answer stands only when no transaction came meanwhile
 * (else read again, three times at most; then the balance as it is now). `transactionId` is null when no change was
 * made with the key. Reads only: 3 calls, on the path of a retried visit.
 */
export async function changeWithKey(
  wix: WixApis,
  poolId: string,
  key: string,
): Promise<{ transactionId: string | null; balance: string }> {
  let balance = '0';
  for (let attempt = 0; attempt < 3; attempt++) {
    const since: transactions.Transaction[] = [];
    const found = await newestWhere(wix, poolId, (t) => {
      if (t.idempotencyKey === key) return true;
      since.push(t);
      return false;
    });
    balance = (await wix.balances.getBalance(poolId)).amount?.available ?? '0';
    const { items } = await wix.transactions
      .queryTransactions()
      .eq('pool.id', poolId)
      .descending('_createdDate')
      .limit(1)
      .find();
    const newestSeen = since[0]?._id ?? found?._id ?? null;
    if ((items[0]?._id ?? null) !== newestSeen) continue;
    const after = Number(balance) - since.reduce((sum, t) => sum + ledgerEntry(t).amount, 0);
    // Written as Wix writes the balance (its decimals), so the answer reads the same as the first time.
    const decimals = balance.split('.')[1]?.length ?? 0;
    return { transactionId: found?._id ?? null, balance: after.toFixed(decimals) };
  }
  return { transactionId: await transactionWithKey(wix, poolId, key), balance };
}

/**
 * A redemption made with an idempotency key, read back, and whether it was canceled since (a cancellation is a later
 * transaction referring to it, so it comes first newest first).
 */
export async function redemptionWithKey(
  wix: WixApis,
  poolId: string,
  key: string,
): Promise<{ transactionId: string; canceled: boolean; itemExternalId: string | null } | null> {
  const canceled = new Set<string>();
  const found = await newestWhere(wix, poolId, (t) => {
    if (t.relatedTransactionId) canceled.add(t.relatedTransactionId);
    return t.idempotencyKey === key;
  });
  if (!found?._id) return null;
  return {
    transactionId: found._id,
    canceled: canceled.has(found._id),
    itemExternalId: found.details?.item?.externalId ?? null,
  };
}
