/**
 * The reasons the flows give next to a field (the setup schema, `@gym-rewards/flows/choices`, and the inputs of token
 * adjustments, payment links and the earning rule) in German. The flows give each reason once, in English, as the
 * backend's contract; this reads the closed list of them. A reason not on the list stays as it came.
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
  [/^must be at least (-\d+)$/, (n) => `muss mindestens ${n} sein`],
  [/^must not be 0$/, () => 'darf nicht 0 sein'],
  [/^must say why \((\d+) characters or more\)$/, (n) => `muss einen Grund nennen (${n} Zeichen oder mehr)`],
  [/^must be more than 0$/, () => 'muss größer als 0 sein'],
  [/^must have at most 2 decimals$/, () => 'darf höchstens 2 Nachkommastellen haben'],
  [/^must be an amount with at most 2 decimals$/, () => 'muss ein Betrag mit höchstens 2 Nachkommastellen sein'],
  [/^must be a decimal amount$/, () => 'muss ein Dezimalbetrag sein'],
  [
    /^must be at most (\d+) \(Wix sends a link to \d+ contacts at a time\)$/,
    (n) => `darf höchstens ${n} sein (Wix sendet einen Link an höchstens ${n} Kontakte auf einmal)`,
  ],
  [/^must not name a contact twice$/, () => 'darf keinen Kontakt zweimal nennen'],
];

/** A field's reason in German; one it does not know, as it came. */
export function germanReason(reason: string): string {
  for (const [pattern, german] of GERMAN) {
    const match = pattern.exec(reason);
    if (match) return german(...match.slice(1));
  }
  return reason;
}
