import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { badRequest, invalidArgument } from '../../http/errors.ts';
import type { Doc } from '../../storage/columns.ts';
import type { OptionIn, VariantIn } from './product-input.ts';
import type { ProductOption, Variant } from './tables.ts';

/** A product's options, choices and variants: ids given, choices resolved, the rules Wix checks. */

/** Drops undefined fields (a stored document holds no `undefined`). */
export function clean<T extends Doc>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;
}

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

const isGuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

const keyOf = (name: string) => name.trim().toLowerCase().replace(/\s+/g, '-').slice(0, 50);

/** Gives options and their choices ids (reusing those of the current product's options of the same name). */
export function buildOptions(input: OptionIn[], current: ProductOption[]): Doc[] {
  const seen = new Set<string>();
  return input.map((option, i) => {
    const known = current.find((c) => (option.id && c.id === option.id) || (option.name && c.name === option.name));
    const name = option.name ?? known?.name;
    const renderType = option.optionRenderType ?? known?.optionRenderType;
    if (!name || !renderType) {
      throw badRequest(
        'PRODUCT_OPTION_NAME_AND_TYPE_REQUIRED',
        `product.options[${i}]: an option needs a name and an optionRenderType`,
        { index: i },
      );
    }
    if (seen.has(name.toLowerCase())) {
      throw badRequest('DUPLICATE_PRODUCT_OPTIONS', `product.options: option "${name}" appears twice`, { name });
    }
    seen.add(name.toLowerCase());
    const knownChoices = known?.choicesSettings?.choices ?? [];
    const choiceNames = new Set<string>();
    const choices = option.choicesSettings.choices.map((choice, j) => {
      const knownChoice = knownChoices.find(
        (c) => (choice.choiceId && c.choiceId === choice.choiceId) || (choice.name && c.name === choice.name),
      );
      const choiceName = choice.name ?? knownChoice?.name;
      const choiceType = choice.choiceType ?? knownChoice?.choiceType;
      if (!choiceName || !choiceType) {
        throw badRequest(
          'PRODUCT_OPTION_CHOICE_NAME_AND_TYPE_REQUIRED',
          `product.options[${i}].choicesSettings.choices[${j}]: a choice needs a name and a choiceType`,
          { optionIndex: i, choiceIndex: j },
        );
      }
      if (choiceNames.has(choiceName.toLowerCase())) {
        throw badRequest('DUPLICATE_PRODUCT_OPTIONS', `option "${name}" lists choice "${choiceName}" twice`, {
          option: name,
          choice: choiceName,
        });
      }
      choiceNames.add(choiceName.toLowerCase());
      return clean({
        choiceId: knownChoice?.choiceId ?? randomUUID(),
        name: choiceName,
        choiceType,
        key: keyOf(choiceName),
        colorCode: choice.colorCode ?? knownChoice?.colorCode,
        inStock: true,
        visible: false,
      });
    });
    return {
      id: known?.id ?? randomUUID(),
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
      throw badRequest(
        'INVALID_DEFAULT_VARIANT',
        'a product without options has exactly one variant, with no choices',
        {
          variants: variants.length,
        },
      );
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
        throw badRequest(
          'VARIANTS_ARE_NOT_ALIGNED_WITH_PRODUCT',
          `product.variantsInfo.variants[${i}].choices[${j}] names no option choice of the product`,
          { variantIndex: i, choiceIndex: j },
        );
      }
      if (resolved.some((r) => (r.optionChoiceIds as Doc).optionId === option.id)) {
        throw badRequest(
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
      throw badRequest(
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
      throw badRequest(
        'DUPLICATE_VARIANT_OPTION_CHOICE',
        `product.variantsInfo.variants[${i}] repeats the choices of an earlier variant`,
        { variantIndex: i },
      );
    }
    combinations.add(combination);
    return resolved;
  });
}

export function buildVariants(input: VariantIn[], options: Doc[], current: Variant[], productType: string): Doc[] {
  const choices = alignVariants(input, options);
  const ids = new Set<string>();
  return input.map((variant, i) => {
    const actual = variant.price.actualPrice.amount;
    const compareAt = variant.price.compareAtPrice?.amount;
    if (compareAt !== undefined && new Big(compareAt).lt(actual)) {
      throw badRequest(
        'COMPARE_AT_PRICE_LOWER_THAN_ACTUAL_PRICE',
        `product.variantsInfo.variants[${i}].price: compareAtPrice ${compareAt} is lower than actualPrice ${actual}`,
        { variantIndex: i },
      );
    }
    const known = variant.id ? current.find((c) => c.id === variant.id) : undefined;
    const id = variant.id && !known && !isGuid(variant.id) ? undefined : (variant.id ?? randomUUID());
    if (!id) throw invalidArgument(`product.variantsInfo.variants[${i}].id`, 'must be a GUID');
    if (ids.has(id)) {
      throw badRequest('VARIANT_ID_ALREADY_EXISTS', `variant id ${id} appears twice`, { variantId: id });
    }
    ids.add(id);
    return clean({
      id,
      visible: variant.visible ?? known?.visible ?? true,
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
