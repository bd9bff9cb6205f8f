import { Refused } from './errors.ts';
import { isNotFound, wixErrorCode } from './wix.ts';

/**
 * Wix's refusals of payment-link calls, in words that say what to do. Codes from Wix's Payment Links reference
 * ("Create Payment Link", "Send Payment Link", "Initiate Payment" errors) and the standard ones.
 */
const MESSAGES: Record<string, string> = {
  UNPUBLISHED_SITE: 'Publish your site first: Wix takes payments through payment links only on a published site.',
  MISSING_ACCEPT_PAYMENTS:
    'Connect a payment method in Accept Payments (your site’s dashboard, Settings › Accept Payments), then try again.',
  FAILED_TO_INSTALL_ECOM: 'Wix could not set up eCommerce on this site: add Wix Stores to the site, then try again.',
  RECIPIENT_NOT_FOUND: 'A recipient is no longer among your contacts: pick the recipients again.',
  ORDER_NOT_FOUND: 'That order does not exist any more: pick an unpaid order from the list.',
  INVALID_PAYMENTS_LIMIT_FOR_ECOM_ORDER_PAYMENT_LINK: 'A link for an order is paid once: its payments limit must be 1.',
};

/** Refusals whose code says the link's own state is in the way: Wix's description says which. */
const STATE_CODES =
  /FAILED_PRECONDITION|INACTIVE|EXPIRED|LIMIT|PAID|HAS_PAYMENTS|PAYMENTS_EXIST|CANNOT|NOT_ACTIVE|ALREADY/;

/** Runs a payment-link call, turning Wix's refusals the owner can act on into `Refused`; anything else is thrown on. */
export async function refusedAsOwnerWords<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw ownerWords(what, error);
  }
}

export function ownerWords(what: string, error: unknown): unknown {
  const code = wixErrorCode(error);
  if (!code) return error;
  const known = MESSAGES[code];
  if (known) return new Refused(code, known);
  if (isNotFound(error)) return new Refused(code, `${what} does not exist any more: refresh the list.`);
  const description = (error as { details?: { applicationError?: { description?: string } } }).details?.applicationError
    ?.description;
  if (STATE_CODES.test(code) && description) return new Refused(code, `${what}: ${description}`);
  return error;
}
