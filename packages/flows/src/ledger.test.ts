import { describe, expect, it } from 'vitest';
import { ledgerEntry } from './ledger.ts';

describe('ledgerEntry', () => {
  const at = new Date('2026-05-03T09:00:00.000Z');
  it("tells a canceled redemption by the app's cancel key, whatever Wix writes into its details", () => {
    const canceled = ledgerEntry({
      _id: 't-2',
      _createdDate: at,
      amount: '3',
      source: 'EXTERNAL',
      target: 'AVAILABLE',
      idempotencyKey: 'cancel:t-1',
      relatedTransactionId: 't-1',
      details: {},
    });
    expect(canceled).toMatchObject({ kind: 'REDEMPTION_CANCELED', amount: 3, reference: null });
    const withItem = ledgerEntry({
      _id: 't-3',
      _createdDate: at,
      amount: '3',
      target: 'AVAILABLE',
      idempotencyKey: 'cancel:t-1',
      relatedTransactionId: 't-1',
      details: { benefitKey: 'tier-1', item: { externalId: 'p-1' } },
    });
    expect(withItem).toMatchObject({ kind: 'REDEMPTION_CANCELED', reference: 'p-1' });
  });

  it('tells a redemption by its benefit, and a revert of another change by the transaction it refers to', () => {
    expect(
      ledgerEntry({
        _id: 't-1',
        _createdDate: at,
        amount: '3',
        source: 'AVAILABLE',
        target: 'EXTERNAL',
        idempotencyKey: 'redeem:p',
        details: { benefitKey: 'tier-1', item: { externalId: 'p-1' } },
      }),
    ).toMatchObject({ kind: 'REDEMPTION', amount: -3, reference: 'p-1' });
    expect(
      ledgerEntry({ _id: 't-4', _createdDate: at, amount: '2', target: 'AVAILABLE', relatedTransactionId: 't-9' }),
    ).toMatchObject({ kind: 'REVERSAL' });
  });
});
