/** The Members page's words (the list, a member's panel, check-ins, pickups, exports), English and German. */
import { counted } from '../../shared/words';

const tokens = [counted('en', 'token', 'tokens'), counted('de', 'Token', 'Token')] as const;

export const MEMBERS_PHRASES = {
  title: ['Members', 'Mitglieder'],
  subtitle: [
    'Balances, check-ins at the front desk, manual adjustments and pickups of redeemed rewards.',
    'Guthaben, Check-ins am Empfang, manuelle Korrekturen und Abholungen eingelöster Prämien.',
  ],
  member: ['Member', 'Mitglied'],
  balance: ['Balance', 'Guthaben'],
  status: ['Status', 'Status'],
  monthsLeft: ['Months left', 'Restmonate'],
  joined: ['Joined', 'Beigetreten'],
  search: ['Search by name or email', 'Nach Name oder E-Mail suchen'],
  loading: ['Loading members…', 'Mitglieder werden geladen…'],
  noMatch: [(term: string) => `No members match "${term}"`, (term: string) => `Keine Mitglieder passen zu „${term}“`],
  noMembers: ['No members in the program yet', 'Noch keine Mitglieder im Programm'],
  searchHint: [
    'Search by the start of a name or a login email.',
    'Suchen Sie nach dem Anfang eines Namens oder einer Login-E-Mail.',
  ],
  outsideHint: [
    (outside: string) => `${outside}: bring them in, and each gets the welcome tokens.`,
    (outside: string) => `${outside}: Nehmen Sie sie auf, und jedes Mitglied erhält die Willkommens-Token.`,
  ],
  joinHint: [
    'Members join the program when they sign up on the site.',
    'Mitglieder treten dem Programm bei, wenn sie sich auf der Website anmelden.',
  ],
  // Check-ins
  checkIn: ['Check in', 'Einchecken'],
  checkingIn: ['Checking in…', 'Wird eingecheckt…'],
  tokenIssued: [
    (balance: string) => `Token issued · balance ${balance}`,
    (balance: string) => `Token vergeben · Guthaben ${balance}`,
  ],
  alreadyCounted: ['Already counted today', 'Heute schon gezählt'],
  notInProgram: ['Not in the program', 'Nicht im Programm'],
  programPaused: ['Program paused', 'Programm pausiert'],
  programUpdating: [
    'Program being updated: check in again in a moment',
    'Programm wird aktualisiert: Checken Sie gleich noch einmal ein',
  ],
  checkInFailed: [(why: string) => `Check-in failed: ${why}`, (why: string) => `Check-in fehlgeschlagen: ${why}`],
  // Statuses and months left
  active: ['Active', 'Aktiv'],
  paused: ['Paused', 'Pausiert'],
  ended: ['Ended', 'Beendet'],
  joining: ['Joining…', 'Tritt bei…'],
  updating: ['Updating…', 'Wird aktualisiert…'],
  underAMonth: ['Under a month', 'Unter einem Monat'],
  endedOn: [(date: string) => `ended ${date}`, (date: string) => `beendet am ${date}`],
  endsOn: [(date: string) => `ends ${date}`, (date: string) => `endet am ${date}`],
  // A member's panel
  joinedOn: [(date: string) => `joined ${date}`, (date: string) => `beigetreten am ${date}`],
  close: ['Close', 'Schließen'],
  adjustTokens: ['Adjust tokens', 'Token korrigieren'],
  ledger: ['Ledger', 'Verlauf'],
  newestFirst: ['Newest first', 'Neueste zuerst'],
  noLedger: [
    'This member has no rewards program, so no ledger.',
    'Dieses Mitglied hat kein Prämienprogramm und daher keinen Verlauf.',
  ],
  emptyLedger: ['Nothing in the ledger yet.', 'Noch nichts im Verlauf.'],
  when: ['When', 'Zeitpunkt'],
  what: ['What', 'Vorgang'],
  tokens: ['Tokens', 'Token'],
  added: [
    (amount: number, balance: string) => `Added ${tokens[0](amount)}: balance ${balance}`,
    (amount: number, balance: string) => `${tokens[1](amount)} gutgeschrieben: Guthaben ${balance}`,
  ],
  tookAway: [
    (amount: number, balance: string) => `Took away ${tokens[0](amount)}: balance ${balance}`,
    (amount: number, balance: string) => `${tokens[1](amount)} abgezogen: Guthaben ${balance}`,
  ],
  notEnough: [
    (balance: string) => `Not enough tokens: the balance is ${balance}`,
    (balance: string) => `Nicht genug Token: Das Guthaben ist ${balance}`,
  ],
  noActiveProgram: ['This member has no active rewards program.', 'Dieses Mitglied hat kein aktives Prämienprogramm.'],
  memberUpdating: [
    "This member's program is being updated: try again in a moment.",
    'Das Programm dieses Mitglieds wird aktualisiert: Versuchen Sie es gleich noch einmal.',
  ],
  notAdjusted: [(why: string) => `Not adjusted: ${why}`, (why: string) => `Nicht korrigiert: ${why}`],
  amountInfo: [
    'A positive number adds tokens; a negative one takes them away.',
    'Eine positive Zahl schreibt Token gut, eine negative zieht sie ab.',
  ],
  amountPlaceholder: ['+5 or -5', '+5 oder -5'],
  reason: ['Reason', 'Grund'],
  reasonPlaceholder: ['e.g. Brought a friend', 'z. B. Freund mitgebracht'],
  adjusting: ['Adjusting…', 'Wird korrigiert…'],
  adjust: ['Adjust balance', 'Guthaben korrigieren'],
  overCap: [
    (after: number, cap: number, lost: number) =>
      `The balance would be ${after}, above the rollover cap of ${cap}: ${tokens[0](lost)} expire at the next monthly renewal unless spent.`,
    (after: number, cap: number, lost: number) =>
      `Das Guthaben wäre ${after}, über der Übertragungsgrenze von ${cap}: ${tokens[1](lost)} verfallen bei der nächsten monatlichen Verlängerung, wenn sie nicht eingelöst werden.`,
  ],
  noRollover: [
    (after: number, lost: number) =>
      `Unused tokens expire at each monthly renewal: ${tokens[0](lost)} of the ${after} expire unless spent before it.`,
    (after: number, lost: number) =>
      `Ungenutzte Token verfallen bei jeder monatlichen Verlängerung: ${tokens[1](lost)} der ${after} verfallen, wenn sie nicht vorher eingelöst werden.`,
  ],
  membersExported: [
    counted('en', 'member exported.', 'members exported.'),
    counted('de', 'Mitglied exportiert.', 'Mitglieder exportiert.'),
  ],
  linesExported: [
    counted('en', 'ledger line exported.', 'ledger lines exported.'),
    counted('de', 'Verlaufszeile exportiert.', 'Verlaufszeilen exportiert.'),
  ],
  // Pausing and resuming a membership
  pause: ['Pause', 'Pausieren'],
  resume: ['Resume', 'Fortsetzen'],
  pauseLabel: [
    (name: string) => `Pause ${name}'s membership`,
    (name: string) => `Mitgliedschaft von ${name} pausieren`,
  ],
  resumeLabel: [
    (name: string) => `Resume ${name}'s membership`,
    (name: string) => `Mitgliedschaft von ${name} fortsetzen`,
  ],
  pausedNow: [
    'membership paused: no tokens for visits and no rewards until you resume it',
    'Mitgliedschaft pausiert: keine Token für Besuche und keine Prämien, bis Sie sie fortsetzen',
  ],
  resumedNow: [
    'membership resumed: visits earn tokens and rewards can be redeemed again',
    'Mitgliedschaft fortgesetzt: Besuche bringen wieder Token, Prämien können wieder eingelöst werden',
  ],
  cannotPause: [
    'the membership has ended, so it cannot be paused or resumed',
    'die Mitgliedschaft ist beendet und kann nicht pausiert oder fortgesetzt werden',
  ],
  stillUpdating: [
    'Wix is still updating this membership; try again in a moment',
    'Wix aktualisiert diese Mitgliedschaft noch; versuchen Sie es gleich noch einmal',
  ],
  notInRewards: ['not in the rewards program', 'nicht im Prämienprogramm'],
  // Restarting an ended membership
  restart: ['Restart', 'Neu starten'],
  restartLabel: [
    (name: string) => `Restart ${name}'s membership`,
    (name: string) => `Mitgliedschaft von ${name} neu starten`,
  ],
  restartedNow: [
    'membership restarted: a new membership with its welcome tokens',
    'Mitgliedschaft neu gestartet: eine neue Mitgliedschaft mit ihren Willkommens-Token',
  ],
  notEnded: ['the membership has not ended', 'die Mitgliedschaft ist nicht beendet'],
  planFullRestart: [
    (allowed: number) =>
      `your plan allows ${allowed} members in the program: upgrade on the Plans page to let them back in`,
    (allowed: number) =>
      `Ihr Tarif erlaubt ${allowed} Mitglieder im Programm: Wechseln Sie auf der Seite Tarife, um sie wieder aufzunehmen`,
  ],
  notSetUp: ['the rewards program is not set up', 'das Prämienprogramm ist nicht eingerichtet'],
  notChanged: [(why: string) => `not changed: ${why}`, (why: string) => `nicht geändert: ${why}`],
  // Pickups
  pickupsTitle: ['Pickups waiting', 'Wartende Abholungen'],
  pickupsText: [
    'Rewards members redeemed on the site. Ask for the code, then hand the product over.',
    'Prämien, die Mitglieder auf der Website eingelöst haben. Fragen Sie nach dem Code und geben Sie dann das Produkt heraus.',
  ],
  waiting: [(n: string) => `${n} waiting`, (n: string) => `${n} wartend`],
  refresh: ['Refresh', 'Aktualisieren'],
  tokenOne: ['token', 'Token'],
  tokenOther: ['tokens', 'Token'],
  refreshing: ['Refreshing…', 'Wird aktualisiert…'],
  noPickups: ['No pickups waiting.', 'Keine wartenden Abholungen.'],
  code: ['Code', 'Code'],
  product: ['Product', 'Produkt'],
  redeemed: ['Redeemed', 'Eingelöst'],
  giveBack: ['Give the tokens back?', 'Token zurückgeben?'],
  void: ['Void', 'Stornieren'],
  keep: ['Keep', 'Behalten'],
  handOver: ['Hand over', 'Herausgeben'],
  someMember: ['Member', 'Mitglied'],
  handedOver: [
    (product: string, who: string) => `${product} handed over to ${who}.`,
    (product: string, who: string) => `${product} an ${who} herausgegeben.`,
  ],
  wasVoided: [
    (code: string) => `Pickup ${code} was voided: not handed over.`,
    (code: string) => `Abholung ${code} wurde storniert: nicht herausgegeben.`,
  ],
  gone: [
    (code: string) => `Pickup ${code} is no longer there.`,
    (code: string) => `Abholung ${code} gibt es nicht mehr.`,
  ],
  notHandedOver: [
    (code: string, why: string) => `Pickup ${code} not handed over: ${why}`,
    (code: string, why: string) => `Abholung ${code} nicht herausgegeben: ${why}`,
  ],
  voided: [
    (code: string, amount: string, who: string) => `Pickup ${code} voided: ${amount} back to ${who}.`,
    (code: string, amount: string, who: string) => `Abholung ${code} storniert: ${amount} zurück an ${who}.`,
  ],
  alreadyHandedOver: [
    (code: string) => `Pickup ${code} was already handed over: not voided.`,
    (code: string) => `Abholung ${code} wurde schon herausgegeben: nicht storniert.`,
  ],
  notVoided: [
    (code: string, why: string) => `Pickup ${code} not voided: ${why}`,
    (code: string, why: string) => `Abholung ${code} nicht storniert: ${why}`,
  ],
} as const;
