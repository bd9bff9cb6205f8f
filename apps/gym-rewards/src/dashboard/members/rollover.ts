import { phrasesIn } from '../../shared/words';
import { MEMBERS_PHRASES } from './words';

/**
 * What the owner should know before adding tokens above what carries over: at the next monthly renewal a balance
 * keeps at most the rollover cap (none at all with rollover off), the rest expires. Null when nothing would be lost
 * (taking tokens away, a balance within the cap, no cap).
 */
export function rolloverWarning(
  balance: number,
  amount: number | null,
  rollover: { enabled: boolean; cap?: number | null } | null | undefined,
  locale = 'en',
): string | null {
  if (!rollover || !amount || amount <= 0) return null;
  const cap = rollover.enabled ? (rollover.cap ?? null) : 0;
  if (cap === null) return null;
  const after = balance + amount;
  if (after <= cap) return null;
  const lost = after - cap;
  const words = phrasesIn(MEMBERS_PHRASES, locale);
  return rollover.enabled ? words.overCap(after, cap, lost) : words.noRollover(after, lost);
}
