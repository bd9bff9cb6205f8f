import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { z } from 'zod';
import { WixError } from '../../http/errors.ts';
import type { Doc } from '../../storage/columns.ts';

/**
 * Catalog V3 products as documents: the input Wix accepts (zod), the business rules it checks, the fields it
 * derives (price ranges, main media, variant summary, inventory) and what a caller sees of a stored product.
 */

/** The Wix Stores app id (`catalogReference.appId` of Stores products). */
export const STORES_APP_ID = '215238eb-22a5-4c36-9e7b-e7c08025e04e';
/** The emulated site's currency: the Stores API prices in the site currency. */
export const SITE_CURRENCY = 'USD';
/** The emulated site's base URL, for the product page `url` (requested field `URL`). */
export const SITE_URL = 'https://emulated-site.wixsite.com/gym';

const isRequired = {
  error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'is required' : undefined),
};

// ---- input ----

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

// ---- business rules ----

const invalid = (code: string, message: string, data: Record<string, unknown> = {}) =>
  new WixError(400, code, message, data);

type OptionIn = z.infer<typeof optionInput>;
type VariantIn = z.infer<typeof variantInput>;

/** A URL-friendly slug made from a product name. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return slug || 'product';
}

const keyOf = (name: string) => name.trim().toLowerCase().replace(/\s+/g, '-').slice(0, 50);

/** Gives options and their choices ids (reusing those of the current product's options of the same name). */
function buildOptions(input: OptionIn[], current: Doc[]): Doc[] {
  const seen = new Set<string>();
  return input.map((option, i) => {
    const known = current.find((c) => (option.id && c.id === option.id) || (option.name && c.name === option.name));
    const name = option.name ?? (known?.name as string | undefined);
    const renderType = option.optionRenderType ?? (known?.optionRenderType as string | undefined);
    if (!name || !renderType) {
      throw invalid(
        'PRODUCT_OPTION_NAME_AND_TYPE_REQUIRED',
        `product.options[${i}]: an option needs a name and an optionRenderType`,
        { index: i },
      );
    }
    if (seen.has(name.toLowerCase())) {
      throw invalid('DUPLICATE_PRODUCT_OPTIONS', `product.options: option "${name}" appears twice`, { name });
    }
    seen.add(name.toLowerCase());
    const knownChoices = ((known?.choicesSettings as Doc | undefined)?.choices as Doc[] | undefined) ?? [];
    const choiceNames = new Set<string>();
    const choices = option.choicesSettings.choices.map((choice, j) => {
      const knownChoice = knownChoices.find(
        (c) => (choice.choiceId && c.choiceId === choice.choiceId) || (choice.name && c.name === choice.name),
      );
      const choiceName = choice.name ?? (knownChoice?.name as string | undefined);
      const choiceType = choice.choiceType ?? (knownChoice?.choiceType as string | undefined);
      if (!choiceName || !choiceType) {
        throw invalid(
          'PRODUCT_OPTION_CHOICE_NAME_AND_TYPE_REQUIRED',
          `product.options[${i}].choicesSettings.choices[${j}]: a choice needs a name and a choiceType`,
          { optionIndex: i, choiceIndex: j },
        );
      }
      if (choiceNames.has(choiceName.toLowerCase())) {
        throw invalid('DUPLICATE_PRODUCT_OPTIONS', `option "${name}" lists choice "${choiceName}" twice`, {
          option: name,
          choice: choiceName,
        });
      }
      choiceNames.add(choiceName.toLowerCase());
      return clean({
        choiceId: (knownChoice?.choiceId as string | undefined) ?? randomUUID(),
        name: choiceName,
        choiceType,
        key: keyOf(choiceName),
        colorCode: choice.colorCode ?? (knownChoice?.colorCode as string | undefined),
        inStock: true,
        visible: false,
      });
    });
    return {
      id: (known?.id as string | undefined) ?? randomUUID(),
      name,
      optionRenderType: renderType,
      key: keyOf(name),
      choicesSettings: { choices },
    };
  });
}

/** Resolves each variant's choices against the options: exactly one choice per option, no combination twice. */
function alignVariants(variants: VariantIn[], options: Doc[]): Array<Doc[]> {
  if (options.length === 0) {
    const [only] = variants;
    if (variants.length !== 1 || (only?.choices?.length ?? 0) > 0) {
      throw invalid('INVALID_DEFAULT_VARIANT', 'a product without options has exactly one variant, with no choices', {
        variants: variants.length,
      });
    }
    return [[]];
  }
  const combinations = new Set<string>();
  return variants.map((variant, i) => {
    const resolved: Doc[] = [];
    for (const [j, choice] of (variant.choices ?? []).entries()) {
      const option = options.find((o) =>
        choice.optionChoiceIds
          ? o.id === choice.optionChoiceIds.optionId
          : choice.optionChoiceNames && o.name === choice.optionChoiceNames.optionName,
      );
      const choices = ((option?.choicesSettings as Doc | undefined)?.choices as Doc[] | undefined) ?? [];
      const match = choices.find((c) =>
        choice.optionChoiceIds
          ? c.choiceId === choice.optionChoiceIds.choiceId
          : choice.optionChoiceNames && c.name === choice.optionChoiceNames.choiceName,
      );
      if (!option || !match) {
        throw invalid(
          'VARIANTS_ARE_NOT_ALIGNED_WITH_PRODUCT',
          `product.variantsInfo.variants[${i}].choices[${j}] names no option choice of the product`,
          { variantIndex: i, choiceIndex: j },
        );
      }
      if (resolved.some((r) => (r.optionChoiceIds as Doc).optionId === option.id)) {
        throw invalid(
          'DUPLICATE_VARIANT_OPTION_CHOICE',
          `product.variantsInfo.variants[${i}] has two choices for option "${option.name}"`,
          { variantIndex: i },
        );
      }
      resolved.push({
        optionChoiceIds: { optionId: option.id, choiceId: match.choiceId },
        optionChoiceNames: { optionName: option.name, choiceName: match.name, renderType: option.optionRenderType },
      });
    }
    if (resolved.length !== options.length) {
      throw invalid(
        'MISSING_VARIANT_OPTION_CHOICE',
        `product.variantsInfo.variants[${i}] must have one choice for each of the ${options.length} options`,
        { variantIndex: i },
      );
    }
    const combination = options
      .map((o) => {
        const ids = resolved.find((r) => (r.optionChoiceIds as Doc).optionId === o.id)?.optionChoiceIds as
          | Doc
          | undefined;
        return String(ids?.choiceId);
      })
      .join('|');
    if (combinations.has(combination)) {
      throw invalid(
        'DUPLICATE_VARIANT_OPTION_CHOICE',
        `product.variantsInfo.variants[${i}] repeats the choices of an earlier variant`,
        { variantIndex: i },
      );
    }
    combinations.add(combination);
    return resolved;
  });
}

function buildVariants(input: VariantIn[], options: Doc[], current: Doc[], productType: string): Doc[] {
  const choices = alignVariants(input, options);
  const ids = new Set<string>();
  return input.map((variant, i) => {
    const actual = variant.price.actualPrice.amount;
    const compareAt = variant.price.compareAtPrice?.amount;
    if (compareAt !== undefined && new Big(compareAt).lt(actual)) {
      throw invalid(
        'COMPARE_AT_PRICE_LOWER_THAN_ACTUAL_PRICE',
        `product.variantsInfo.variants[${i}].price: compareAtPrice ${compareAt} is lower than actualPrice ${actual}`,
        { variantIndex: i },
      );
    }
    const known = variant.id ? current.find((c) => c.id === variant.id) : undefined;
    const id = variant.id && !known && !isGuid(variant.id) ? undefined : (variant.id ?? randomUUID());
    if (!id) throw invalid('INVALID_ARGUMENT', `product.variantsInfo.variants[${i}].id: must be a GUID`);
    if (ids.has(id)) {
      throw invalid('VARIANT_ID_ALREADY_EXISTS', `variant id ${id} appears twice`, { variantId: id });
    }
    ids.add(id);
    return clean({
      id,
      visible: variant.visible ?? (known?.visible as boolean | undefined) ?? true,
      sku: variant.sku ?? undefined,
      barcode: variant.barcode ?? undefined,
      choices: choices[i],
      price: clean({
        actualPrice: { amount: actual },
        compareAtPrice: compareAt === undefined ? undefined : { amount: compareAt },
      }),
      revenueDetails: variant.revenueDetails?.cost
        ? { cost: { amount: variant.revenueDetails.cost.amount } }
        : undefined,
      physicalProperties: productType === 'PHYSICAL' ? (variant.physicalProperties ?? {}) : undefined,
      digitalProperties: productType === 'DIGITAL' ? (variant.digitalProperties ?? undefined) : undefined,
      inventoryStatus: { inStock: true, preorderEnabled: false },
    });
  });
}

const isGuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * Media items: an item naming the id of one of the product's items keeps it; an item with a `url` is added as
 * an external image (kept as a URL: `image.url`, no Wix Media id); any other `id` is taken as a Wix Media file id.
 */
function buildMedia(items: z.infer<typeof mediaItemInput>[], current: Doc[]): Doc[] {
  return items.map((item) => {
    const known = item.id ? current.find((c) => c.id === item.id) : undefined;
    if (known) {
      return clean({
        ...known,
        altText: item.altText ?? known.altText,
        displayName: item.displayName ?? known.displayName,
      });
    }
    if (item.url) {
      return clean({
        id: `emu-media-${randomUUID()}`,
        url: item.url,
        image: clean({ url: item.url, altText: item.altText ?? undefined }),
        mediaType: 'IMAGE',
        altText: item.altText ?? undefined,
        displayName: item.displayName ?? undefined,
      });
    }
    const url = `https://static.wixstatic.com/media/${item.id}`;
    return clean({
      id: item.id,
      url,
      image: clean({ id: item.id, url, width: 0, height: 0, altText: item.altText ?? undefined }),
      mediaType: 'IMAGE',
      altText: item.altText ?? undefined,
    });
  });
}

/** A rich-content document holding one paragraph of text, as Wix converts `plainDescription`. */
function richTextOf(html: string): Doc {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    nodes: [
      {
        type: 'PARAGRAPH',
        id: randomUUID().slice(0, 8),
        nodes: [{ type: 'TEXT', id: '', nodes: [], textData: { text, decorations: [] } }],
        paragraphData: {},
      },
    ],
    metadata: { version: 1 },
  };
}

function plainTextOf(rich: Doc): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Doc;
    const text = (n.textData as Doc | undefined)?.text;
    if (typeof text === 'string') texts.push(text);
    if (Array.isArray(n.nodes)) n.nodes.forEach(walk);
  };
  walk(rich);
  return `<p>${texts.join(' ')}</p>`;
}

function rangeOf(amounts: string[]): Doc | undefined {
  if (amounts.length === 0) return undefined;
  const sorted = [...amounts].sort((a, b) => new Big(a).cmp(b));
  return { minValue: { amount: sorted[0] }, maxValue: { amount: sorted[sorted.length - 1] } };
}

/** The fields Wix computes from the variants and media: price ranges, main media, counts and inventory. */
function derive(doc: Doc): Doc {
  const variants = ((doc.variantsInfo as Doc).variants as Doc[]) ?? [];
  const prices = variants.map((v) => (v.price as Doc).actualPrice as Doc);
  const compareAt = variants.map(
    (v) => ((v.price as Doc).compareAtPrice as Doc | undefined) ?? ((v.price as Doc).actualPrice as Doc),
  );
  const costs = variants.flatMap((v) => {
    const cost = (v.revenueDetails as Doc | undefined)?.cost as Doc | undefined;
    return cost ? [String(cost.amount)] : [];
  });
  const items = (((doc.media as Doc | undefined)?.itemsInfo as Doc | undefined)?.items as Doc[] | undefined) ?? [];
  const options = (doc.options as Doc[]) ?? [];
  for (const option of options) {
    for (const choice of ((option.choicesSettings as Doc).choices as Doc[]) ?? []) {
      choice.visible = variants.some(
        (v) =>
          v.visible !== false &&
          ((v.choices as Doc[]) ?? []).some((c) => (c.optionChoiceIds as Doc).choiceId === choice.choiceId),
      );
    }
  }
  return clean({
    ...doc,
    media: { ...(items[0] ? { main: items[0] } : {}), itemsInfo: { items } },
    actualPriceRange: rangeOf(prices.map((p) => String(p.amount))),
    compareAtPriceRange: rangeOf(compareAt.map((p) => String(p.amount))),
    costRange: rangeOf(costs),
    variantSummary: { variantCount: variants.length },
    inventory: { availabilityStatus: 'IN_STOCK', preorderStatus: 'DISABLED', preorderAvailability: 'NO_VARIANTS' },
  });
}

/** Drops undefined fields (a stored document holds no `undefined`). */
function clean<T extends Doc>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;
}

const PASS_THROUGH_FIELDS = [
  'seoData',
  'taxGroupId',
  'modifiers',
  'brand',
  'infoSections',
  'ribbon',
  'mainCategoryId',
  'purchaseEligibility',
  'additionalRibbons',
  'extendedFields',
  'tags',
  'subscriptionDetails',
] as const;

/**
 * The document of a new product (without id, revision and dates, which the storage adds), or of an updated
 * one when `current` is given (`patch` then holds only the changed fields). Throws the Wix error of a broken rule.
 * The slug is chosen by the caller (it must be unique in the catalog).
 */
export function productDocument(input: ProductInput | ProductPatch, slug: string, current?: Doc): Doc {
  const productType = (current?.productType as string | undefined) ?? (input.productType as string);
  if (current && input.productType && input.productType !== current.productType) {
    throw new WixError(400, 'INVALID_ARGUMENT', 'product.productType: is immutable', {
      field: 'product.productType',
      reason: 'is immutable',
    });
  }
  if (typeof input.name === 'string' && input.name.trim() === '') {
    throw invalid('ONLY_SPACES_STRING_ERROR', 'product.name: must not be only spaces', { field: 'product.name' });
  }
  const physicalProperties = input.physicalProperties ?? (current?.physicalProperties as Doc | undefined);
  if (productType === 'PHYSICAL' && !physicalProperties) {
    throw new WixError(400, 'INVALID_ARGUMENT', 'product.physicalProperties: is required for a PHYSICAL product', {
      field: 'product.physicalProperties',
      reason: 'is required for a PHYSICAL product',
    });
  }
  const currentOptions = (current?.options as Doc[] | undefined) ?? [];
  const options = input.options ? buildOptions(input.options, currentOptions) : currentOptions;
  const currentVariants = ((current?.variantsInfo as Doc | undefined)?.variants as Doc[] | undefined) ?? [];
  let variants: Doc[];
  if (input.variantsInfo) {
    variants = buildVariants(input.variantsInfo.variants, options, currentVariants, productType);
  } else {
    if (input.options && current) {
      throw invalid(
        'VARIANTS_ARE_NOT_ALIGNED_WITH_PRODUCT',
        'product.options changed: pass product.variantsInfo.variants aligned with the new options',
      );
    }
    variants = currentVariants;
  }
  let visible = input.visible ?? (current?.visible as boolean | undefined) ?? true;
  if (options.length === 0 && variants[0]) {
    // Without options the product and its default variant share one visibility.
    if (input.visible !== undefined && input.visible !== null) variants[0].visible = input.visible;
    else if (input.variantsInfo) visible = variants[0].visible !== false;
    else variants[0].visible = visible;
  }
  const currentMedia =
    (((current?.media as Doc | undefined)?.itemsInfo as Doc | undefined)?.items as Doc[] | undefined) ?? [];
  const mediaItems = input.media?.itemsInfo ? buildMedia(input.media.itemsInfo.items, currentMedia) : currentMedia;
  let description = (input.description as Doc | undefined) ?? (current?.description as Doc | undefined);
  let plainDescription = input.plainDescription ?? (current?.plainDescription as string | undefined);
  if (input.description) plainDescription = plainTextOf(input.description);
  else if (input.plainDescription) description = richTextOf(input.plainDescription);
  const passThrough: Doc = {};
  for (const field of PASS_THROUGH_FIELDS) {
    const value = input[field] ?? current?.[field];
    if (value !== undefined && value !== null) passThrough[field] = value;
  }
  return derive(
    clean({
      ...(current ?? {}),
      ...passThrough,
      name: input.name ?? (current?.name as string),
      slug,
      plainDescription,
      description,
      visible,
      visibleInPos:
        productType === 'DIGITAL' ? false : (input.visibleInPos ?? (current?.visibleInPos as boolean) ?? true),
      productType,
      handle: (current?.handle as string | undefined) ?? input.handle ?? undefined,
      physicalProperties: productType === 'PHYSICAL' ? physicalProperties : undefined,
      options,
      modifiers: (passThrough.modifiers as Doc[] | undefined) ?? [],
      infoSections: (passThrough.infoSections as Doc[] | undefined) ?? [],
      variantsInfo: { variants },
      media: { itemsInfo: { items: mediaItems } },
    }),
  );
}

/** The SKUs a product's variants carry. */
export function skusOf(doc: Doc): string[] {
  const variants = ((doc.variantsInfo as Doc | undefined)?.variants as Doc[] | undefined) ?? [];
  return variants.flatMap((v) => (typeof v.sku === 'string' ? [v.sku] : []));
}

// ---- what a caller sees ----

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

export const noPermissionForMerchantData = () =>
  new WixError(
    403,
    'NO_PERMISSION_TO_READ_MERCHANT_DATA',
    'fields MERCHANT_DATA needs an app or a Wix user (the PRODUCT_READ_ADMIN scope)',
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
