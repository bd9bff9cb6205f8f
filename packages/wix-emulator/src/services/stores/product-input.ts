import Big from 'big.js';
import { z } from 'zod';

/** Catalog V3 products: the input Wix accepts (zod), and the site's currency and URL. */

/** The emulated site's currency: the Stores API prices in the site currency. */
export const SITE_CURRENCY = 'USD';
/** The emulated site's base URL, for the product page `url` (requested field `URL`). */
export const SITE_URL = 'https://emulated-site.wixsite.com/gym';

const isRequired = {
  error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'is required' : undefined),
};

/** `FixedMonetaryAmount.amount`: a decimal string from 0 to 999999999.99 with at most 3 decimal places. */
const amount = z
  .union([z.string(), z.number()], isRequired)
  .transform((v) => String(v).trim())
  .refine(
    (v) => /^\d+(\.\d{1,3})?$/.test(v) && new Big(v).lte('999999999.99'),
    'must be a decimal amount from 0 to 999999999.99 with at most 3 decimal places',
  );
const money = z.object({ amount }, isRequired);

const mediaItemInput = z
  .object({
    id: z.string().min(1).max(200).nullish(),
    url: z.url('must be a web URL').nullish(),
    altText: z.string().min(1).max(1000).nullish(),
    displayName: z.string().max(80, 'must be at most 80 characters').nullish(),
  })
  .refine((m) => !!m.id || !!m.url, 'must set id (a Wix Media file) or url');

const choiceInput = z.object({
  optionChoiceIds: z.object({ optionId: z.string().min(1), choiceId: z.string().min(1) }).nullish(),
  optionChoiceNames: z
    .object({
      optionName: z.string().min(1, 'is required'),
      choiceName: z.string().min(1, 'is required'),
      renderType: z.enum(['TEXT_CHOICES', 'SWATCH_CHOICES']).nullish(),
    })
    .nullish(),
});

const variantInput = z.object({
  id: z.string().min(1).max(36).nullish(),
  visible: z.boolean().nullish(),
  sku: z.string().min(1).max(40, 'must be at most 40 characters').nullish(),
  barcode: z.string().min(1).max(40, 'must be at most 40 characters').nullish(),
  choices: z.array(choiceInput).max(6).nullish(),
  price: z.object({ actualPrice: money, compareAtPrice: money.nullish() }, isRequired),
  revenueDetails: z.object({ cost: money.nullish() }).nullish(),
  physicalProperties: z.record(z.string(), z.unknown()).nullish(),
  digitalProperties: z.object({ digitalFile: z.looseObject({ id: z.string(isRequired).min(1).max(100) }) }).nullish(),
});

const optionChoiceInput = z.object({
  choiceId: z.string().min(1).nullish(),
  name: z.string().min(1).max(50, 'must be at most 50 characters').nullish(),
  choiceType: z.enum(['CHOICE_TEXT', 'ONE_COLOR']).nullish(),
  colorCode: z.string().min(3).max(20).nullish(),
});

const optionInput = z.object({
  id: z.string().min(1).max(36).nullish(),
  name: z.string().min(1).max(50, 'must be at most 50 characters').nullish(),
  optionRenderType: z.enum(['TEXT_CHOICES', 'SWATCH_CHOICES']).nullish(),
  choicesSettings: z.object({ choices: z.array(optionChoiceInput).min(1, 'must not be empty').max(1000) }, isRequired),
});

/** Fields Wix stores as given (references to brands, ribbons, info sections, SEO data, ...). */
const passThrough = z.record(z.string(), z.unknown()).nullish();

const productFields = {
  name: z.string(isRequired).min(1, 'is required').max(80, 'must be at most 80 characters'),
  slug: z.string().min(1).max(300, 'must be at most 300 characters').nullish(),
  plainDescription: z.string().max(16000, 'must be at most 16000 characters').nullish(),
  description: z.looseObject({ nodes: z.array(z.unknown()).nullish() }).nullish(),
  visible: z.boolean().nullish(),
  visibleInPos: z.boolean().nullish(),
  media: z
    .object({ itemsInfo: z.object({ items: z.array(mediaItemInput).max(50, 'at most 50 media items') }).nullish() })
    .nullish(),
  seoData: passThrough,
  taxGroupId: z.string().nullish(),
  options: z.array(optionInput).max(6, 'at most 6 options').nullish(),
  modifiers: z.array(z.record(z.string(), z.unknown())).max(10, 'at most 10 modifiers').nullish(),
  brand: passThrough,
  infoSections: z.array(z.record(z.string(), z.unknown())).max(20).nullish(),
  ribbon: passThrough,
  mainCategoryId: z.string().nullish(),
  productType: z.enum(['PHYSICAL', 'DIGITAL'], isRequired),
  handle: z.string().min(1).max(100, 'must be at most 100 characters').nullish(),
  physicalProperties: z.record(z.string(), z.unknown()).nullish(),
  variantsInfo: z.object(
    { variants: z.array(variantInput).min(1, 'must not be empty').max(1000, 'at most 1000 variants') },
    isRequired,
  ),
  purchaseEligibility: passThrough,
  additionalRibbons: z.array(z.record(z.string(), z.unknown())).max(4, 'at most 4 additional ribbons').nullish(),
  extendedFields: passThrough,
  tags: passThrough,
  subscriptionDetails: passThrough,
};

export const productInput = z.object(productFields, isRequired);
export type ProductInput = z.infer<typeof productInput>;

/** Update Product: every field optional (partial update), `revision` required. */
export const productPatch = z.object(
  {
    ...z.object(productFields).partial().shape,
    id: z.string().nullish(),
    revision: z.union([z.string(), z.number()], isRequired).transform(String),
  },
  isRequired,
);
export type ProductPatch = z.infer<typeof productPatch>;

export const requestedFields = z
  .preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(100))
  .default([]);

export type OptionIn = z.infer<typeof optionInput>;
export type VariantIn = z.infer<typeof variantInput>;
export type MediaItemIn = z.infer<typeof mediaItemInput>;
