import { isRefusal, isTryAgain, messageOf, SOMETHING_WENT_WRONG } from '../../shared/refusal';
import { germanReason } from './reasons';

/**
 * What the backend says of a whole form (a refusal naming no field) in German, by the reason the flows name
 * (`Refusal.reason`: Wix's payment-link codes in `@gym-rewards/flows`' payment-link-refusals, the setup's
 * preconditions, a link still being made). The flows say each in English, as the backend's contract; a reason not
 * here, or Wix's own description of a refusal, stays as it came.
 */
const GERMAN: Record<string, string> = {
  UNPUBLISHED_SITE:
    'Veröffentlichen Sie zuerst Ihre Website: Wix nimmt Zahlungen über Zahlungslinks nur auf einer veröffentlichten Website entgegen.',
  MISSING_ACCEPT_PAYMENTS:
    'Verbinden Sie eine Zahlungsmethode unter „Zahlungen akzeptieren“ (Dashboard Ihrer Website, Einstellungen › Zahlungen akzeptieren) und versuchen Sie es dann erneut.',
  FAILED_TO_INSTALL_ECOM:
    'Wix konnte eCommerce auf dieser Website nicht einrichten: Fügen Sie der Website Wix Stores hinzu und versuchen Sie es dann erneut.',
  RECIPIENT_NOT_FOUND: 'Ein Empfänger ist nicht mehr unter Ihren Kontakten: Wählen Sie die Empfänger neu aus.',
  ORDER_NOT_FOUND: 'Diese Bestellung gibt es nicht mehr: Wählen Sie eine unbezahlte Bestellung aus der Liste.',
  INVALID_PAYMENTS_LIMIT_FOR_ECOM_ORDER_PAYMENT_LINK:
    'Ein Link für eine Bestellung wird einmal bezahlt: Seine Zahl der Zahlungen muss 1 sein.',
  ORDER_ALREADY_PAID: 'Diese Bestellung ist schon bezahlt: Wählen Sie eine unbezahlte Bestellung.',
  IN_PROGRESS:
    'Ein früherer Versuch dieses Links ist noch nicht fertig: Versuchen Sie es in einer Minute noch einmal, oder suchen Sie ihn in der Liste.',
  STORES_V3_REQUIRED: 'Gym Rewards braucht Wix Stores mit dem Katalog V3.',
  PLAN_NOT_ORDERABLE:
    'Dieser Tarif kann gerade nicht bestellt werden: Die Website hat ihn vielleicht schon. Laden Sie die Tarifseite neu, um den aktuellen Tarif zu sehen.',
  MEMBER_NOT_ACTIVE:
    'Das Programm des Mitglieds ist pausiert oder wird gerade aktualisiert, daher können die Token jetzt nicht zurückgehen: Setzen Sie das Mitglied fort und stornieren Sie dann erneut.',
};

const TRY_AGAIN =
  'Wix antwortet gerade nicht: Versuchen Sie es in ein paar Sekunden noch einmal (dieselbe Anfrage zählt nie doppelt).';

/** What a refusal says of the whole form, in German: `reasonOf`'s German. */
export function germanReasonOf(error: unknown): string {
  if (isTryAgain(error)) return TRY_AGAIN;
  if (!isRefusal(error)) return germanMessageOf(error);
  const known = error.reason ? GERMAN[error.reason] : undefined;
  return known ?? germanReason(error.message);
}

/** A message for the owner from whatever a call threw, in German: `messageOf`'s German. */
export function germanMessageOf(error: unknown): string {
  if (isTryAgain(error)) return TRY_AGAIN;
  if (isRefusal(error)) {
    const reason = germanReasonOf(error);
    return error.field ? `${error.field}: ${reason}` : reason;
  }
  const message = messageOf(error);
  return message === SOMETHING_WENT_WRONG ? 'Etwas ist schiefgelaufen. Versuchen Sie es noch einmal.' : message;
}
