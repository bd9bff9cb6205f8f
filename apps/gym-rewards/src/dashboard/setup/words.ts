/** The Setup page's words (the wizard, its steps, enrolment, door access), English and German. */
import { createElement, Fragment, type ReactNode } from 'react';
import { counted } from '../../shared/words';
import type { StepName } from './form';

const rewards = [counted('en', 'reward', 'rewards'), counted('de', 'Prämie', 'Prämien')] as const;
const members = [counted('en', 'member', 'members'), counted('de', 'Mitglied', 'Mitglieder')] as const;
const siteMembers = [
  counted('en', 'site member', 'site members'),
  counted('de', 'Website-Mitglied', 'Website-Mitglieder'),
] as const;
const products = [counted('en', 'product', 'products'), counted('de', 'Produkt', 'Produkte')] as const;
const tiers = [counted('en', 'tier', 'tiers'), counted('de', 'Stufe', 'Stufen')] as const;
/** German verbs agree with the count: `wird` for one, `werden` for more. */
const wird = (n: number) => (n === 1 ? 'wird' : 'werden');

/** Words with markup: `code` renders a fixed name (a header, a path) as the page shows it. */
type Code = (text: string) => ReactNode;

export const SETUP_PHRASES = {
  title: ['Rewards setup', 'Prämienprogramm einrichten'],
  subtitleNew: [
    'Set up your gym rewards program: members earn a token each visit and spend tokens on store products.',
    'Richten Sie Ihr Prämienprogramm ein: Mitglieder erhalten pro Besuch ein Token und lösen Token gegen Produkte aus dem Shop ein.',
  ],
  subtitleEdit: [
    'Edit your gym rewards program. Saved changes reach members already in the program at once.',
    'Bearbeiten Sie Ihr Prämienprogramm. Gespeicherte Änderungen gelten sofort für alle Mitglieder im Programm.',
  ],
  notSetUp: ['Not set up yet', 'Noch nicht eingerichtet'],
  unsaved: ['Unsaved changes', 'Ungespeicherte Änderungen'],
  saved: ['Saved', 'Gespeichert'],
  saving: ['Saving…', 'Wird gespeichert…'],
  saveProgram: ['Save program', 'Programm speichern'],
  saveChanges: ['Save changes', 'Änderungen speichern'],
  loadingProgram: ['Loading your program…', 'Ihr Programm wird geladen…'],
  adding: [(n: number) => `Adding ${rewards[0](n)}…`, (n: number) => `${rewards[1](n)} ${wird(n)} hinzugefügt…`],
  removing: [(n: number) => `Removing ${rewards[0](n)}…`, (n: number) => `${rewards[1](n)} ${wird(n)} entfernt…`],
  savingProgram: ['Saving the program…', 'Das Programm wird gespeichert…'],
  keepOpen: [
    'Keep this page open until the program is saved.',
    'Lassen Sie diese Seite geöffnet, bis das Programm gespeichert ist.',
  ],
  savedTitle: ['Your rewards program is saved', 'Ihr Prämienprogramm ist gespeichert'],
  unchangedTitle: [
    'Nothing to change: the program already says this',
    'Nichts zu ändern: Das Programm ist bereits so gespeichert',
  ],
  rewardWord: [(n: number) => (n === 1 ? 'reward' : 'rewards'), (n: number) => (n === 1 ? 'Prämie' : 'Prämien')],
  added: ['added,', 'hinzugefügt,'],
  removed: ['removed.', 'entfernt.'],
  changedNote: [
    'Members already in the program follow the new rules at once.',
    'Mitglieder im Programm folgen ab sofort den neuen Regeln.',
  ],
  noChanges: ['No changes were written.', 'Es wurden keine Änderungen gespeichert.'],
  toastSaved: ['Rewards program saved.', 'Prämienprogramm gespeichert.'],
  toastUnchanged: [
    'The program already says this: nothing changed.',
    'Das Programm ist bereits so gespeichert: nichts geändert.',
  ],
  checkField: ['Check the highlighted field.', 'Prüfen Sie das markierte Feld.'],
  notSaved: ['The program was not saved', 'Das Programm wurde nicht gespeichert'],
  back: ['Back', 'Zurück'],
  next: ['Next', 'Weiter'],
  stepOf: [
    (step: number, of: number) => `Step ${step} of ${of}`,
    (step: number, of: number) => `Schritt ${step} von ${of}`,
  ],
  stepTitle: [
    (step: StepName) =>
      ({ basics: 'Program basics', tokens: 'Tokens and rollover', tiers: 'Reward tiers', review: 'Review' })[step],
    (step: StepName) =>
      ({ basics: 'Grundlagen', tokens: 'Token und Übertragung', tiers: 'Prämienstufen', review: 'Überprüfen' })[step],
  ],
  stepText: [
    (step: StepName) =>
      ({
        basics: 'Name the program and say how memberships and visits count.',
        tokens: 'What members collect, what they get each month, and what carries over.',
        tiers: 'Group store products into tiers, each priced in tokens.',
        review: 'Check the program, then save it.',
      })[step],
    (step: StepName) =>
      ({
        basics: 'Benennen Sie das Programm und legen Sie fest, wie Mitgliedschaften und Besuche zählen.',
        tokens: 'Was Mitglieder sammeln, was sie jeden Monat erhalten und was übertragen wird.',
        tiers: 'Ordnen Sie Shop-Produkte in Stufen, jede mit einem Preis in Token.',
        review: 'Prüfen Sie das Programm und speichern Sie es.',
      })[step],
  ],
  integrations: ['Integrations', 'Integrationen'],
  integrationsText: [
    'Systems at your gym that talk to the rewards program.',
    'Systeme in Ihrem Studio, die mit dem Prämienprogramm verbunden sind.',
  ],
  // The basics step
  programName: ['Program name', 'Programmname'],
  programNamePlaceholder: ['e.g. Iron Club Rewards', 'z. B. Iron Club Prämien'],
  membershipMonths: ['Membership length (months)', 'Mitgliedschaftsdauer (Monate)'],
  membershipInfo: [
    "A member's program ends this many months after they join.",
    'Das Programm eines Mitglieds endet so viele Monate nach dem Beitritt.',
  ],
  visitsPerDay: ['Visits counted per day', 'Gezählte Besuche pro Tag'],
  visitsInfo: [
    'Each visit earns one token; more visits on the same day than this earn nothing.',
    'Jeder Besuch bringt ein Token; weitere Besuche am selben Tag bringen nichts.',
  ],
  // The tokens step
  tokenName: ['Token name', 'Token-Name'],
  tokenNameInfo: [
    'What members collect, as they see it (at most 32 characters).',
    'Was Mitglieder sammeln, wie sie es sehen (höchstens 32 Zeichen).',
  ],
  initialTokens: ['Welcome and monthly tokens', 'Willkommens- und Monats-Token'],
  initialInfo: [
    (name: string) =>
      `${name} members get when they join (welcome tokens) and again at the start of every month (monthly tokens), on top of one per visit.`,
    (name: string) =>
      `${name}, die Mitglieder beim Beitritt (Willkommens-Token) und zu Beginn jedes Monats (Monats-Token) erhalten, zusätzlich zu einem pro Besuch.`,
  ],
  rollover: ['Unused tokens roll over', 'Ungenutzte Token werden übertragen'],
  rolloverInfo: [
    'At each monthly renewal, members keep what they did not spend (up to the cap).',
    'Bei jeder monatlichen Verlängerung behalten Mitglieder, was sie nicht eingelöst haben (bis zur Grenze).',
  ],
  rolloverCap: ['Rollover cap', 'Übertragungsgrenze'],
  rolloverCapInfo: [
    'At most this many tokens carry over. Leave it empty for no cap.',
    'Höchstens so viele Token werden übertragen. Leer lassen für keine Grenze.',
  ],
  noCap: ['No cap', 'Keine Grenze'],
  // The tiers step
  tier: [(n: number) => `Tier ${n}`, (n: number) => `Stufe ${n}`],
  removeTier: ['Remove tier', 'Stufe entfernen'],
  tierName: ['Name (optional)', 'Name (optional)'],
  tierNamePlaceholder: ['e.g. Bronze', 'z. B. Bronze'],
  price: ['Price', 'Preis'],
  tierProducts: [(n: number) => `Products (${n})`, (n: number) => `Produkte (${n})`],
  noProductsYet: ['No products yet.', 'Noch keine Produkte.'],
  choosing: ['Choosing products for this tier', 'Produkte für diese Stufe werden gewählt'],
  chooseProducts: ['Choose products', 'Produkte wählen'],
  addTier: ['Add tier', 'Stufe hinzufügen'],
  tiersOfMax: [
    (n: number, max: string) => `${tiers[0](n)} of at most ${max}`,
    (n: number, max: string) => `${tiers[1](n)} von höchstens ${max}`,
  ],
  // The review step
  empty: ['(empty)', '(leer)'],
  months: ['months', 'Monate'],
  membershipLength: ['Membership length', 'Mitgliedschaftsdauer'],
  welcomeTokens: ['Welcome tokens', 'Willkommens-Token'],
  monthlyTokens: ['Monthly tokens', 'Monats-Token'],
  rolloverRow: ['Rollover', 'Übertragung'],
  rolloverNoCap: ['Unused tokens carry over, no cap', 'Ungenutzte Token werden ohne Grenze übertragen'],
  rolloverUpTo: [
    (amount: string) => `Unused tokens carry over, at most ${amount}`,
    (amount: string) => `Ungenutzte Token werden übertragen, höchstens ${amount}`,
  ],
  rolloverOff: [
    'Unused tokens expire at the monthly renewal',
    'Ungenutzte Token verfallen bei der monatlichen Verlängerung',
  ],
  tiers: ['Tiers', 'Stufen'],
  noPrice: ['(no price)', '(kein Preis)'],
  productCount: products,
  noProducts: ['No products', 'Keine Produkte'],
  reviewItems: [
    (isNew: boolean, add: number, remove: number) =>
      `${isNew ? 'Saving creates the program, ' : 'Saving updates the program, '}adds ${rewards[0](add)} and removes ${rewards[0](remove)} (a reward is a product in its tier).`,
    (isNew: boolean, add: number, remove: number) =>
      `Beim Speichern wird das Programm ${isNew ? 'angelegt' : 'aktualisiert'}: ${rewards[1](add)} hinzugefügt, ${rewards[1](remove)} entfernt (eine Prämie ist ein Produkt in seiner Stufe).`,
  ],
  // Bringing members in
  enrollTitle: ['Members already on the site', 'Mitglieder, die schon auf der Website sind'],
  enrollText: [
    'New members join the program when they sign up. Bring in those who signed up before it existed.',
    'Neue Mitglieder treten dem Programm bei der Anmeldung bei. Nehmen Sie die auf, die sich schon vorher angemeldet haben.',
  ],
  enrollBusy: ['Bringing members in…', 'Mitglieder werden aufgenommen…'],
  enrollStart: ['Bring existing members in', 'Bestehende Mitglieder aufnehmen'],
  enrolled: [
    (enrolled: number, already: number, waiting: number) =>
      `${members[0](enrolled)} brought in; ${members[0](already)} already in the program.${waiting ? ` ${members[0](waiting)} waiting: the plan is full.` : ''}`,
    (enrolled: number, already: number, waiting: number) =>
      `${members[1](enrolled)} aufgenommen; ${members[1](already)} schon im Programm.${waiting ? ` ${members[1](waiting)} ${waiting === 1 ? 'wartet' : 'warten'}: der Tarif ist voll.` : ''}`,
  ],
  waitingOutside: [
    (n: number) => `${members[0](n)} waiting outside the program`,
    (n: number) => `${members[1](n)} ${n === 1 ? 'wartet' : 'warten'} außerhalb des Programms`,
  ],
  setUpFirst: ['Set up and save the program first.', 'Richten Sie zuerst das Programm ein und speichern Sie es.'],
  broughtIn: [
    (n: number) => `${members[0](n)} brought into the program.`,
    (n: number) => `${members[1](n)} ins Programm aufgenommen.`,
  ],
  notBroughtIn: [
    (why: string) => `Members were not brought in: ${why}`,
    (why: string) => `Mitglieder wurden nicht aufgenommen: ${why}`,
  ],
  outside: [
    (count: number, complete: boolean) =>
      `${complete ? '' : 'At least '}${siteMembers[0](count)} ${count === 1 ? 'is' : 'are'} not in the program yet`,
    (count: number, complete: boolean) =>
      `${complete ? '' : 'Mindestens '}${siteMembers[1](count)} ${count === 1 ? 'ist' : 'sind'} noch nicht im Programm`,
  ],
  bringThemIn: ['Bring them in', 'Jetzt aufnehmen'],
  bringingThemIn: ['Bringing them in…', 'Werden aufgenommen…'],
  outsideText: [
    'They signed up on the site before the program existed. Bring them in: each gets the welcome tokens and starts earning a token a visit.',
    'Sie haben sich auf der Website angemeldet, bevor es das Programm gab. Nehmen Sie sie auf: Jedes Mitglied erhält die Willkommens-Token und ab dann ein Token pro Besuch.',
  ],
  // Door access
  copyBlocked: [
    'Copying is blocked here: select the text and copy it.',
    'Kopieren ist hier blockiert: Markieren Sie den Text und kopieren Sie ihn.',
  ],
  rotated: [
    'Door secret rotated. Give the new secret to your door systems.',
    'Türschlüssel erneuert. Geben Sie den neuen Schlüssel an Ihre Türsysteme weiter.',
  ],
  notRotated: [
    (why: string) => `The door secret was not rotated: ${why}`,
    (why: string) => `Der Türschlüssel wurde nicht erneuert: ${why}`,
  ],
  secretCopied: ['Door secret copied.', 'Türschlüssel kopiert.'],
  doorTitle: ['Door access', 'Türzugang'],
  doorText: [
    'Door and kiosk systems check members in by calling the app, signed with this secret.',
    'Tür- und Kiosksysteme checken Mitglieder über die App ein, signiert mit diesem Schlüssel.',
  ],
  secretNote: [
    'Door secret: keep it private, anyone with it can check members in.',
    'Türschlüssel: Halten Sie ihn geheim, denn wer ihn hat, kann Mitglieder einchecken.',
  ],
  secret: ['Door secret', 'Türschlüssel'],
  hide: ['Hide', 'Ausblenden'],
  show: ['Show', 'Anzeigen'],
  copy: ['Copy', 'Kopieren'],
  rotate: ['Rotate', 'Erneuern'],
  rotateTitle: ['Rotate the door secret?', 'Türschlüssel erneuern?'],
  rotateText: [
    'Requests signed with the current secret are refused from then on, until each door system has the new one.',
    'Anfragen mit dem bisherigen Schlüssel werden danach abgelehnt, bis jedes Türsystem den neuen hat.',
  ],
  rotating: ['Rotating…', 'Wird erneuert…'],
  rotateSecret: ['Rotate secret', 'Schlüssel erneuern'],
  cancel: ['Cancel', 'Abbrechen'],
  doorHow: [
    (code: Code) =>
      createElement(
        Fragment,
        null,
        'Each check-in is a ',
        code('POST /visits'),
        ' request to the app with a JSON body. The door system signs it: the header ',
        code('x-gym-rewards-timestamp'),
        ' holds the time in milliseconds since 1970, and ',
        code('x-gym-rewards-signature'),
        ' the hex HMAC-SHA256 of ',
        code('<timestamp>.<body>'),
        ' under the door secret. Requests more than 5 minutes off, signed with another secret or sent twice are refused; a visitId counts once.',
      ),
    (code: Code) =>
      createElement(
        Fragment,
        null,
        'Jeder Check-in ist eine ',
        code('POST /visits'),
        '-Anfrage an die App mit einem JSON-Body. Das Türsystem signiert sie: Der Header ',
        code('x-gym-rewards-timestamp'),
        ' enthält die Zeit in Millisekunden seit 1970, und ',
        code('x-gym-rewards-signature'),
        ' den hexadezimalen HMAC-SHA256 von ',
        code('<timestamp>.<body>'),
        ' mit dem Türschlüssel. Anfragen, die mehr als 5 Minuten abweichen, mit einem anderen Schlüssel signiert oder doppelt gesendet sind, werden abgelehnt; eine visitId zählt einmal.',
      ),
  ],
  exampleCopied: ['Example request copied.', 'Beispielanfrage kopiert.'],
  copyExample: ['Copy example', 'Beispiel kopieren'],
  // The product picker
  productsForTier: [(n: number) => `Products for tier ${n}`, (n: number) => `Produkte für Stufe ${n}`],
  pickerText: [
    'Click a product to add it to the tier or take it out. A product can be in one tier only.',
    'Klicken Sie auf ein Produkt, um es der Stufe hinzuzufügen oder es zu entfernen. Ein Produkt kann nur in einer Stufe sein.',
  ],
  searchProducts: ["Search the store's products", 'Produkte im Shop suchen'],
  loadingProducts: ['Loading products…', 'Produkte werden geladen…'],
  noMatch: [(term: string) => `No products match "${term}"`, (term: string) => `Keine Produkte passen zu „${term}“`],
  storeEmpty: ['The store has no products yet', 'Der Shop hat noch keine Produkte'],
  tryAnother: ['Try another name.', 'Versuchen Sie einen anderen Namen.'],
  addInStores: [
    'Add products in Wix Stores, then choose them here.',
    'Fügen Sie Produkte in Wix Stores hinzu und wählen Sie sie dann hier aus.',
  ],
  inThisTier: [', in this tier', ', in dieser Stufe'],
  inTier: [(n: number) => `In tier ${n}: click to move`, (n: number) => `In Stufe ${n}: zum Verschieben klicken`],
} as const;
