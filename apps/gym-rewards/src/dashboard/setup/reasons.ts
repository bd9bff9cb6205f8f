/**
 * The setup schema's reasons (`@gym-rewards/flows/choices`, the backend's refusals too) in German. The flows give each
 * reason once, in English, as the backend's contract; this reads the closed list of them. A reason not on the list
 * stays as it came.
 */
const GERMAN: Array<[RegExp, (...parts: string[]) => string]> = [
  [/^is required$/, () => 'ist erforderlich'],
  [/^This is required$/, () => 'Dieses Feld ist erforderlich'],
  [/^Enter a number$/, () => 'Geben Sie eine Zahl ein'],
  [/^must be at most (\d+) characters$/, (n) => `darf höchstens ${n} Zeichen lang sein`],
  [/^must be at most (\d+)$/, (n) => `darf höchstens ${n} sein`],
  [/^must be at least 1 token$/, () => 'muss mindestens 1 Token sein'],
  [/^must be at least (\d+)$/, (n) => `muss mindestens ${n} sein`],
  [/^must be a whole number of tokens$/, () => 'muss eine ganze Zahl von Token sein'],
  [/^must be a whole number$/, () => 'muss eine ganze Zahl sein'],
  [/^must not be negative$/, () => 'darf nicht negativ sein'],
  [/^must not be empty$/, () => 'darf nicht leer sein'],
  [/^at most (\d+) products a tier$/, (n) => `höchstens ${n} Produkte pro Stufe`],
  [/^at least one tier$/, () => 'mindestens eine Stufe'],
  [/^at most (\d+) tiers \(Wix allows \d+ benefits a pool\)$/, (n) => `höchstens ${n} Stufen`],
  [/^product (.+) is already in tier (\d+)$/, (id, tier) => `Produkt ${id} ist schon in Stufe ${tier}`],
];

/** A reason of the setup schema in German; one it does not know, as it came. */
export function germanReason(reason: string): string {
  for (const [pattern, german] of GERMAN) {
    const match = pattern.exec(reason);
    if (match) return german(...match.slice(1));
  }
  return reason;
}
