import type { transactions } from '@wix/benefit-programs';

export type LedgerKind =
  | 'VISIT'
  | 'REDEMPTION'
  | 'REDEMPTION_CANCELED'
  | 'RENEWAL'
  | 'ADJUSTMENT'
  | 'REVERSAL'
  | 'INITIAL';

export interface LedgerEntry {
  transactionId: string;
  at: Date;
  /** Signed: tokens in are positive, tokens out negative. */
  amount: number;
  kind: LedgerKind;
  reason: string | null;
  /** For visits the visit's GUID (`visitExternalId(visitId)`, src/ids.ts); for redemptions the product id. */
  reference: string | null;
}

/** What a ledger transaction was, told apart by how the flows and Wix write them. */
export function ledgerEntry(t: transactions.Transaction): LedgerEntry {
  const amount = Number(t.amount ?? 0) * (t.target === 'AVAILABLE' ? 1 : -1);
  const details = t.details ?? {};
  const reason = details.reason ?? null;
  let kind: LedgerKind = 'ADJUSTMENT';
  if (details.item?.category === 'gym-visit') kind = 'VISIT';
  else if (details.benefitKey && t.relatedTransactionId) kind = 'REDEMPTION_CANCELED';
  else if (details.benefitKey) kind = 'REDEMPTION';
  else if (t.relatedTransactionId) kind = 'REVERSAL';
  else if (reason?.startsWith('Renewal')) kind = 'RENEWAL';
  else if (t.idempotencyKey?.startsWith('provision:')) kind = 'INITIAL';
  return {
    transactionId: t._id!,
    at: new Date(t._createdDate ?? 0),
    amount,
    kind,
    reason,
    reference: details.item?.externalId ?? null,
  };
}
