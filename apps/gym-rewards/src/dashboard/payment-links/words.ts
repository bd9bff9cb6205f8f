/**
 * The Payment links pages' words, English and German: the list page, the recipient picker and the earn-on-payment
 * rule (which Setup shows too). A link's panel and the create dialog are still English.
 */
export const PAYMENT_LINKS_PHRASES = {
  earnTitle: ['Earn on payment links', 'Token für Zahlungslinks'],
  earnText: [
    'Members who pay a payment link earn tokens for what they paid, once per payment.',
    'Mitglieder, die einen Zahlungslink bezahlen, erhalten Token für den gezahlten Betrag, einmal pro Zahlung.',
  ],
  earnOn: ['Members now earn tokens on payment links.', 'Mitglieder erhalten jetzt Token für Zahlungslinks.'],
  earnOff: ['Earning on payment links is off.', 'Token für Zahlungslinks sind ausgeschaltet.'],
  ruleNotSaved: [
    (why: string) => `The rule was not saved: ${why}`,
    (why: string) => `Die Regel wurde nicht gespeichert: ${why}`,
  ],
  on: ['On', 'An'],
  off: ['Off', 'Aus'],
  oneTokenFor: ['One token for every', 'Ein Token für je'],
  ofCurrency: ['of the currency paid', 'der gezahlten Währung'],
  saving: ['Saving…', 'Wird gespeichert…'],
  saveRule: ['Save rule', 'Regel speichern'],
  // The list page
  title: ['Payment links', 'Zahlungslinks'],
  subtitle: [
    'Charge for passes, packs and merchandise with a link: send it, show its QR code at the desk, or take the payment now.',
    'Kassieren Sie für Pässe, Pakete und Artikel per Link: Senden Sie ihn, zeigen Sie seinen QR-Code am Empfang oder nehmen Sie die Zahlung gleich entgegen.',
  ],
  create: ['Create payment link', 'Zahlungslink erstellen'],
  allStatuses: ['All statuses', 'Alle Status'],
  allTypes: ['All types', 'Alle Arten'],
  newestFirst: ['Newest first', 'Neueste zuerst'],
  oldestFirst: ['Oldest first', 'Älteste zuerst'],
  status: [
    (status: string) =>
      ({ ACTIVE: 'Active', INACTIVE: 'Inactive', PAID: 'Paid', EXPIRED: 'Expired' })[status] ??
      status.charAt(0) + status.slice(1).toLowerCase(),
    (status: string) =>
      ({ ACTIVE: 'Aktiv', INACTIVE: 'Inaktiv', PAID: 'Bezahlt', EXPIRED: 'Abgelaufen' })[status] ?? status,
  ],
  type: [
    (type: 'ECOM' | 'ECOM_ORDER') => ({ ECOM: 'Items', ECOM_ORDER: 'Order' })[type],
    (type: 'ECOM' | 'ECOM_ORDER') => ({ ECOM: 'Artikel', ECOM_ORDER: 'Bestellung' })[type],
  ],
  order: [(id: string) => `Order ${id}`, (id: string) => `Bestellung ${id}`],
  colTitle: ['Title', 'Titel'],
  colType: ['Type', 'Art'],
  colAmount: ['Amount', 'Betrag'],
  colStatus: ['Status', 'Status'],
  colPayments: ['Payments', 'Zahlungen'],
  colCreated: ['Created', 'Erstellt'],
  noneMatch: ['No payment links match', 'Keine Zahlungslinks passen'],
  noneYet: ['No payment links yet', 'Noch keine Zahlungslinks'],
  tryAnother: [
    'Try another status, type or search.',
    'Versuchen Sie einen anderen Status, eine andere Art oder Suche.',
  ],
  createHint: [
    'Create a link for day passes, personal-training packs or merchandise, and send it to a member.',
    'Erstellen Sie einen Link für Tagespässe, Personal-Training-Pakete oder Artikel und senden Sie ihn an ein Mitglied.',
  ],
  loading: ['Loading payment links…', 'Zahlungslinks werden geladen…'],
  searchTitles: ['Search titles', 'Titel suchen'],
  // The recipient picker
  searchContacts: ['Search contacts by name or email', 'Kontakte nach Name oder E-Mail suchen'],
  noContacts: ['No contacts match.', 'Keine Kontakte passen.'],
  picked: [
    (n: number, max: number) => `${n} of at most ${max} picked`,
    (n: number, max: number) => `${n} von höchstens ${max} ausgewählt`,
  ],
} as const;
