/**
 * The owner's words for what the program does, in the gym's terms (never Benefit Programs' "pool", "credits" or
 * "benefit items"): the dashboard's ledger and the CSV exports say the same, in the language the caller asks for
 * (English unless it asks for German). Imports nothing, so the dashboard takes it as `@gym-rewards/flows/words`
 * without the flows' SDK modules.
 */
/** The languages of the words, in the order of each phrase's translations; the first is the default. */
export const WORD_LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof WORD_LANGUAGES)[number];

/** Each ledger line's words, a translation per language. */
const LEDGER = {
  VISIT: ['Visit', 'Besuch'],
  REDEMPTION: ['Redeemed', 'Eingelöst'],
  REDEMPTION_CANCELED: ['Redemption given back', 'Einlösung zurückgegeben'],
  RENEWAL: ['Monthly tokens', 'Monats-Token'],
  ROLLOVER_CAP: ['Expired over the rollover cap', 'Über der Übertragungsgrenze verfallen'],
  ADJUSTMENT: ['Adjustment', 'Korrektur'],
  REVERSAL: ['Reversal', 'Storno'],
  INITIAL: ['Welcome tokens', 'Willkommens-Token'],
} as const;

/** A member's program's status in the members export, as the owner's members list says it (Wix's jobs: under way). */
const MEMBER_STATUS: Record<string, readonly [string, string]> = {
  ACTIVE: ['Active', 'Aktiv'],
  PAUSED: ['Paused', 'Pausiert'],
  ENDED: ['Ended', 'Beendet'],
  PROVISIONING: ['Joining', 'Tritt bei'],
  RENEWING: ['Updating', 'Wird aktualisiert'],
  PENDING: ['Updating', 'Wird aktualisiert'],
};

/** The CSV exports' columns, a translation per language. */
const MEMBERS_HEADER = [
  ['Member', 'Mitglied'],
  ['Email', 'E-Mail'],
  ['Member ID', 'Mitglieds-ID'],
  ['Tokens', 'Token'],
  ['Status', 'Status'],
  ['Months left', 'Restmonate'],
  ['Joined', 'Beigetreten'],
  ['Ends', 'Endet'],
] as const;
const LEDGER_HEADER = [
  ['When', 'Zeitpunkt'],
  ['What', 'Vorgang'],
  ['Tokens', 'Token'],
  ['Reason', 'Grund'],
] as const;

export type LedgerKind = keyof typeof LEDGER;

/** The English words of the ledger's lines (the default). */
export const LEDGER_WORDS = Object.fromEntries(Object.entries(LEDGER).map(([kind, [english]]) => [kind, english])) as {
  [K in LedgerKind]: (typeof LEDGER)[K][0];
};

/** The language a locale speaks here: `de`, `de-AT` speak German; anything else (or none) English. */
export const languageOf = (locale?: string | null): Language =>
  locale?.slice(0, 2).toLowerCase() === 'de' ? 'de' : 'en';

/** The words of the flows in `locale`'s language: the ledger's lines and the exports' columns. */
export function wordsIn(locale?: string | null) {
  const index = WORD_LANGUAGES.indexOf(languageOf(locale));
  return {
    ledger: Object.fromEntries(Object.entries(LEDGER).map(([kind, words]) => [kind, words[index]])) as Record<
      LedgerKind,
      string
    >,
    membersHeader: MEMBERS_HEADER.map((words) => words[index] as string),
    /** A member's status; one Wix adds later reads as it came, in capitals no more. */
    memberStatus: (status: string) =>
      MEMBER_STATUS[status]?.[index] ?? status.charAt(0) + status.slice(1).toLowerCase(),
    ledgerHeader: LEDGER_HEADER.map((words) => words[index] as string),
  };
}

/** A ledger line's words: a redemption names its product ("Redeemed: Sweat Towel"), in `locale` (English by default). */
export function ledgerLine(entry: { kind: LedgerKind; product?: string | null }, locale?: string | null): string {
  const words = wordsIn(locale).ledger[entry.kind] ?? entry.kind;
  return entry.product ? `${words}: ${entry.product}` : words;
}

/**
 * The reason to show with a ledger line: the owner's own, given with an adjustment. Wix keeps texts of its own on the
 * lines it makes ("Initial credits of the pool"): Benefit Programs' words, never shown to the owner.
 */
export const ownersReason = (entry: { kind: LedgerKind; reason: string | null }) =>
  entry.kind === 'ADJUSTMENT' ? entry.reason : null;
