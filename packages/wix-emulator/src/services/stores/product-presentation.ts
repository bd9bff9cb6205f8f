import Big from 'big.js';
import { permissionDenied } from '../../http/errors.ts';
import type { Doc } from '../../storage/columns.ts';
import { SITE_CURRENCY, SITE_URL } from './product-input.ts';

/** What a caller sees of a stored product. */

const symbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', ILS: '₪' };
const formatted = (amountText: unknown) => `${symbols[SITE_CURRENCY] ?? ''}${new Big(String(amountText)).toFixed(2)}`;

function withFormatted(money: unknown) {
  if (money && typeof money === 'object' && 'amount' in money) {
    (money as Doc).formattedAmount = formatted((money as Doc).amount);
  }
}

export interface Presentation {
  /** The requested `fields` (Wix returns some product fields only when asked). */
  fields: string[];
  /** Query and Search return no variant data. */
  forQuery?: boolean;
  /** Whether the caller may read merchant data (cost, profit): apps and Wix users. */
  merchant: boolean;
}

const noPermissionForMerchantData = () =>
  permissionDenied(
    'fields MERCHANT_DATA needs an app or a Wix user (the PRODUCT_READ_ADMIN scope)',
    'NO_PERMISSION_TO_READ_MERCHANT_DATA',
  );

/** A stored product as the caller sees it, given the requested fields. */
export function presentProduct(stored: Doc, how: Presentation): Doc {
  const doc = structuredClone(stored);
  const wants = (field: string) => how.fields.includes(field);
  if (wants('MERCHANT_DATA') && !how.merchant) throw noPermissionForMerchantData();
  if (!wants('PLAIN_DESCRIPTION')) delete doc.plainDescription;
  if (!wants('DESCRIPTION')) delete doc.description;
  const media = doc.media as Doc | undefined;
  if (media && !wants('MEDIA_ITEMS_INFO')) delete media.itemsInfo;
  if (!wants('MERCHANT_DATA')) delete doc.costRange;
  const variants = ((doc.variantsInfo as Doc | undefined)?.variants as Doc[] | undefined) ?? [];
  for (const variant of variants) {
    if (!wants('MERCHANT_DATA')) delete variant.revenueDetails;
    if (!wants('VARIANT_OPTION_CHOICE_NAMES')) {
      for (const choice of (variant.choices as Doc[]) ?? []) delete choice.optionChoiceNames;
    }
  }
  if (wants('CURRENCY')) {
    doc.currency = SITE_CURRENCY;
    for (const range of [doc.actualPriceRange, doc.compareAtPriceRange, doc.costRange] as Array<Doc | undefined>) {
      withFormatted(range?.minValue);
      withFormatted(range?.maxValue);
    }
    for (const variant of variants) {
      withFormatted((variant.price as Doc).actualPrice);
      withFormatted((variant.price as Doc).compareAtPrice);
    }
  }
  if (wants('URL')) {
    doc.url = { relativePath: `/product-page/${doc.slug}`, url: `${SITE_URL}/product-page/${doc.slug}` };
  }
  if (how.forQuery) delete doc.variantsInfo;
  return doc;
}
