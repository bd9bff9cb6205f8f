import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { badRequest, invalidArgument } from '../../http/errors.ts';
import type { Doc } from '../../storage/columns.ts';
import type { MediaItemIn, ProductInput, ProductPatch } from './product-input.ts';
import { buildOptions, buildVariants, clean } from './product-options.ts';
import type { Product } from './tables.ts';

/**
 * Catalog V3 products as documents: the business rules Wix checks and the fields it derives (price ranges, main
 * media, variant summary, inventory). The input is in product-input.ts, options and variants in product-options.ts,
 * what a caller sees in product-presentation.ts.
 */

/**
 * Media items: an item naming the id of one of the product's items keeps it; an item with a `url` is added as
 * an external image (kept as a URL: `image.url`, no Wix Media id); any other `id` is taken as a Wix Media file id.
 */
function buildMedia(items: MediaItemIn[], current: Doc[]): Doc[] {
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
export function productDocument(input: ProductInput | ProductPatch, slug: string, current?: Product): Doc {
  const productType = current?.productType ?? (input.productType as string);
  if (current && input.productType && input.productType !== current.productType) {
    throw invalidArgument('product.productType', 'is immutable');
  }
  if (typeof input.name === 'string' && input.name.trim() === '') {
    throw badRequest('ONLY_SPACES_STRING_ERROR', 'product.name: must not be only spaces', { field: 'product.name' });
  }
  const physicalProperties = input.physicalProperties ?? current?.physicalProperties;
  if (productType === 'PHYSICAL' && !physicalProperties) {
    throw invalidArgument('product.physicalProperties', 'is required for a PHYSICAL product');
  }
  const currentOptions = current?.options ?? [];
  const options = input.options ? buildOptions(input.options, currentOptions) : currentOptions;
  const currentVariants = current?.variantsInfo?.variants ?? [];
  let variants: Doc[];
  if (input.variantsInfo) {
    variants = buildVariants(input.variantsInfo.variants, options, currentVariants, productType);
  } else {
    if (input.options && current) {
      throw badRequest(
        'VARIANTS_ARE_NOT_ALIGNED_WITH_PRODUCT',
        'product.options changed: pass product.variantsInfo.variants aligned with the new options',
      );
    }
    variants = currentVariants;
  }
  let visible = input.visible ?? current?.visible ?? true;
  if (options.length === 0 && variants[0]) {
    // Without options the product and its default variant share one visibility.
    if (input.visible !== undefined && input.visible !== null) variants[0].visible = input.visible;
    else if (input.variantsInfo) visible = variants[0].visible !== false;
    else variants[0].visible = visible;
  }
  const currentMedia = current?.media?.itemsInfo?.items ?? [];
  const mediaItems = input.media?.itemsInfo ? buildMedia(input.media.itemsInfo.items, currentMedia) : currentMedia;
  let description = (input.description as Doc | undefined) ?? current?.description;
  let plainDescription = input.plainDescription ?? current?.plainDescription;
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
      name: input.name ?? current?.name,
      slug,
      plainDescription,
      description,
      visible,
      visibleInPos: productType === 'DIGITAL' ? false : (input.visibleInPos ?? current?.visibleInPos ?? true),
      productType,
      handle: current?.handle ?? input.handle ?? undefined,
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
export function skusOf(doc: Product): string[] {
  const variants = doc.variantsInfo?.variants ?? [];
  return variants.flatMap((v) => (typeof v.sku === 'string' ? [v.sku] : []));
}
