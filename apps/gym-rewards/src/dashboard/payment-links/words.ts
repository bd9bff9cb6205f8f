/**
 * The Payment links pages' words, English and German: the list page, a link's panel, the recipient picker and the
 * earn-on-payment rule (which Setup shows too), the create dialog and its items.
 */
import { counted } from '../../shared/words';

const contacts = [counted('en', 'contact', 'contacts'), counted('de', 'Kontakt', 'Kontakte')] as const;
const recipientsOf = [counted('en', 'recipient', 'recipients'), counted('de', 'Empfänger', 'Empfänger')] as const;

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
  filterStatus: ['Filter by status', 'Nach Status filtern'],
  filterType: ['Filter by type', 'Nach Art filtern'],
  sortBy: ['Sort order', 'Reihenfolge'],
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
  // A link's panel
  noPayments: ['No payments yet.', 'Noch keine Zahlungen.'],
  aBuyer: ['A buyer', 'Ein Käufer'],
  sentTo: [(n: number) => `Sent to ${contacts[0](n)}.`, (n: number) => `An ${contacts[1](n)} gesendet.`],
  notSent: ['The link was not sent', 'Der Link wurde nicht gesendet'],
  checkoutFailed: ['The checkout did not open', 'Die Kasse hat sich nicht geöffnet'],
  notChanged: ['The link did not change', 'Der Link wurde nicht geändert'],
  deleted: ['Payment link deleted.', 'Zahlungslink gelöscht.'],
  notDeleted: ['The link was not deleted', 'Der Link wurde nicht gelöscht'],
  copied: ['Link copied.', 'Link kopiert.'],
  copyBlocked: [
    'Copy the link from the box: the browser did not allow copying.',
    'Kopieren Sie den Link aus dem Feld: Der Browser hat das Kopieren nicht erlaubt.',
  ],
  close: ['Close', 'Schließen'],
  copyLink: ['Copy link', 'Link kopieren'],
  linkAddress: ['Link address', 'Link-Adresse'],
  qrOf: [(title: string) => `QR code of ${title}`, (title: string) => `QR-Code von ${title}`],
  qrHint: [
    'Show this at the counter: the buyer scans it and pays on their phone.',
    'Zeigen Sie ihn an der Theke: Der Käufer scannt ihn und bezahlt auf seinem Handy.',
  ],
  openingCheckout: ['Opening checkout…', 'Kasse wird geöffnet…'],
  takePayment: ['Take payment now', 'Jetzt kassieren'],
  sending: ['Sending…', 'Wird gesendet…'],
  sendToRecipients: [(n: number) => `Send to ${recipientsOf[0](n)}`, (n: number) => `An ${recipientsOf[1](n)} senden`],
  sendToOthers: ['Send to…', 'Senden an…'],
  sendToContacts: [(n: number) => `Send to ${contacts[0](n)}`, (n: number) => `An ${contacts[1](n)} senden`],
  checkoutAtDesk: ['Checkout for the buyer at the desk:', 'Kasse für den Käufer am Empfang:'],
  openIt: ['open it', 'öffnen'],
  inactive: [
    'This link is inactive: activate it to take payments again.',
    'Dieser Link ist inaktiv: Aktivieren Sie ihn, um wieder Zahlungen anzunehmen.',
  ],
  allPaid: ['This link has all the payments it takes.', 'Dieser Link hat alle Zahlungen, die er annimmt.'],
  expired: ['This link has expired.', 'Dieser Link ist abgelaufen.'],
  paymentsCount: [(n: number) => `Payments (${n})`, (n: number) => `Zahlungen (${n})`],
  deactivate: ['Deactivate', 'Deaktivieren'],
  activate: ['Activate', 'Aktivieren'],
  deleteLink: ['Delete', 'Löschen'],
  confirmDelete: [
    (title: string) => `Delete “${title}”? This cannot be undone.`,
    (title: string) => `„${title}“ löschen? Das lässt sich nicht rückgängig machen.`,
  ],
  // The create dialog
  noOrders: ['No orders are waiting for payment.', 'Keine Bestellungen warten auf Zahlung.'],
  orderDue: [
    (number: string, due: string, date: string) => `Order ${number} · ${due} due · ${date}`,
    (number: string, due: string, date: string) => `Bestellung ${number} · ${due} offen · ${date}`,
  ],
  created: [
    (title: string) => `Payment link “${title}” created.`,
    (title: string) => `Zahlungslink „${title}“ erstellt.`,
  ],
  chargedIn: [
    (currency: string) => `Charged in ${currency}, the site's currency.`,
    (currency: string) => `Abgerechnet in ${currency}, der Währung der Website.`,
  ],
  creating: ['Creating…', 'Wird erstellt…'],
  createLink: ['Create link', 'Link erstellen'],
  cancel: ['Cancel', 'Abbrechen'],
  linkTitle: ['Title', 'Titel'],
  titlePlaceholder: ['e.g. 10-class pack', 'z. B. 10er-Karte'],
  description: ['Description', 'Beschreibung'],
  chargesFor: ['What the link charges for', 'Wofür der Link kassiert'],
  productsAndItems: ['Products and custom items', 'Produkte und eigene Posten'],
  unpaidOrder: ['An unpaid order', 'Eine unbezahlte Bestellung'],
  paymentsLimit: ['Payments it takes (empty: no limit)', 'Anzahl Zahlungen (leer: unbegrenzt)'],
  orderLabel: ['Order', 'Bestellung'],
  amountLabel: ['Amount (empty: what the order still owes)', 'Betrag (leer: was die Bestellung noch schuldet)'],
  recipients: ['Recipients', 'Empfänger'],
  storeProducts: ['Store products', 'Shop-Produkte'],
  searchProducts: ["Search the store's products", 'Produkte im Shop suchen'],
  customItems: ['Custom items', 'Eigene Posten'],
  itemPlaceholder: ['e.g. Day pass', 'z. B. Tagespass'],
  price: ['Price', 'Preis'],
  variant: ['Variant', 'Variante'],
  remove: ['Remove', 'Entfernen'],
  quantity: ['Quantity', 'Menge'],
  addCustomItem: ['+ Add a custom item', '+ Eigenen Posten hinzufügen'],
  // The recipient picker
  searchContacts: ['Search contacts by name or email', 'Kontakte nach Name oder E-Mail suchen'],
  noContacts: ['No contacts match.', 'Keine Kontakte passen.'],
  picked: [
    (n: number, max: number) => `${n} of at most ${max} picked`,
    (n: number, max: number) => `${n} von höchstens ${max} ausgewählt`,
  ],
} as const;
