/**
 * The owner's words for what the program does, in the gym's terms (never Benefit Programs' "pool", "credits" or
 * "benefit items"): the dashboard's ledger and the CSV exports say the same. Imports nothing, so the dashboard takes it
 * as `@gym-rewards/flows/words` without the flows' SDK modules.
 */
export const LEDGER_WORDS = {
  VISIT: 'Visit',
  REDEMPTION: 'Redeemed',
  REDEMPTION_CANCELED: 'Redemption given back',
  RENEWAL: 'Monthly tokens',
  ROLLOVER_CAP: 'Expired over the rollover cap',
  ADJUSTMENT: 'Adjustment',
  REVERSAL: 'Reversal',
  INITIAL: 'Welcome tokens',
} as const;

export type LedgerKind = keyof typeof LEDGER_WORDS;

/** A ledger line's words: a redemption names its product ("Redeemed: Sweat Towel"). */
export function ledgerLine(entry: { kind: LedgerKind; product?: string | null }): string {
  const words = LEDGER_WORDS[entry.kind] ?? entry.kind;
  return entry.product ? `${words}: ${entry.product}` : words;
}

/**
 * The reason to show with a ledger line: the owner's own, given with an adjustment. Wix keeps texts of its own on the
 * lines it makes ("Initial credits of the pool"): Benefit Programs' words, never shown to the owner.
 */
export const ownersReason = (entry: { kind: LedgerKind; reason: string | null }) =>
  entry.kind === 'ADJUSTMENT' ? entry.reason : null;
