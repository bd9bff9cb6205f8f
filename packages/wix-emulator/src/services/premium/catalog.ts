import { z } from 'zod';
import { invalidArgument } from '../../http/errors.ts';
import type { Tx } from '../../storage/db.ts';
import { currencyCode, decimalAmount, findPremium, guid, name, paymentCycle, text } from './common.ts';
import { kindSpec } from './entities.ts';

const CATALOG = '/premium-product-catalog/v2';

/**
 * The catalog entities of the seed's setup flow (Premium Product Catalog V2 and Feature Catalog), their fields and
 * rules. Wix publishes no reference for them: every field here is our reading (README, "Entities").
 */

export const productType = z.object({ name: name(100), description: text(500).nullish() });

export const productFamily = z.object({ productTypeId: guid, name: name(100), description: text(500).nullish() });

export const feature = z.object({
  uniqueName: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'must be 1-100 characters: lower-case letters, digits, `.`, `_`, `-`'),
  type: z.enum(['BOOLEAN', 'QUANTITY']),
  unit: text(32).nullish(),
  description: text(500).nullish(),
});

const productFeature = z.object({
  featureId: guid,
  quantity: z.number().int('must be a whole number').min(0, 'must be at least 0').max(1e9).nullish(),
  unlimited: z.boolean().nullish(),
});

export const product = z.object({
  productTypeId: guid,
  familyId: guid.nullish(),
  /** The app's own id of the plan: what billing's `packageName` and the plan events' `vendorProductId` say. */
  vendorProductId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1-100 characters: letters, digits, `.`, `_`, `-`'),
  name: name(100),
  description: text(500).nullish(),
  status: z.enum(['DRAFT', 'PUBLISHED', 'ARCHIVED']).default('DRAFT'),
  billingCycles: z.array(paymentCycle).min(1, 'must name at least one cycle').max(7),
  prices: z
    .array(z.object({ currency: currencyCode, cycle: paymentCycle, amount: decimalAmount }))
    .max(200)
    .default([]),
  features: z.array(productFeature).max(100).default([]),
});

export type ProductDoc = z.infer<typeof product>;

async function requireOwn<K extends 'PRODUCT_TYPE' | 'PRODUCT_FAMILY' | 'FEATURE'>(
  tx: Tx,
  kind: K,
  id: string,
  appId: string,
  field: string,
  what: string,
) {
  const found = await findPremium(tx, kind, id, appId);
  if (!found) throw invalidArgument(field, `is not a ${what} of this app`);
  return found;
}

/** Prices: each cycle offered, every currency priced for every cycle, once; a published product has prices. */
function checkPrices(doc: ProductDoc, at: string) {
  const cycles = new Set(doc.billingCycles);
  if (cycles.size !== doc.billingCycles.length) throw invalidArgument(`${at}billingCycles`, 'must not repeat a cycle');
  const seen = new Set<string>();
  for (const [i, price] of doc.prices.entries()) {
    if (!cycles.has(price.cycle))
      throw invalidArgument(`${at}prices.${i}.cycle`, `is not one of the product's billingCycles`);
    const key = `${price.currency}/${price.cycle}`;
    if (seen.has(key))
      throw invalidArgument(`${at}prices.${i}`, `repeats the ${price.cycle} price in ${price.currency}`);
    seen.add(key);
  }
  for (const currency of new Set(doc.prices.map((p) => p.currency))) {
    for (const cycle of cycles) {
      if (!seen.has(`${currency}/${cycle}`)) throw invalidArgument(`${at}prices`, `${currency} has no ${cycle} price`);
    }
  }
  if (doc.status === 'PUBLISHED' && doc.prices.length === 0)
    throw invalidArgument(`${at}prices`, 'a PUBLISHED product needs prices');
}

async function checkProduct(tx: Tx, appId: string, doc: ProductDoc, at: string) {
  checkPrices(doc, at);
  await requireOwn(tx, 'PRODUCT_TYPE', doc.productTypeId, appId, `${at}productTypeId`, 'product type');
  if (doc.familyId) {
    const family = await requireOwn(tx, 'PRODUCT_FAMILY', doc.familyId, appId, `${at}familyId`, 'product family');
    if (family.productTypeId !== doc.productTypeId)
      throw invalidArgument(`${at}familyId`, 'belongs to another product type');
  }
  const seen = new Set<string>();
  for (const [i, f] of doc.features.entries()) {
    const where = `${at}features.${i}`;
    if (seen.has(f.featureId)) throw invalidArgument(`${where}.featureId`, 'is listed twice');
    seen.add(f.featureId);
    const spec = await requireOwn(tx, 'FEATURE', f.featureId, appId, `${where}.featureId`, 'feature');
    const hasQuantity = f.quantity !== null && f.quantity !== undefined;
    if (spec.type === 'BOOLEAN' && (hasQuantity || f.unlimited)) {
      throw invalidArgument(`${where}.quantity`, 'a BOOLEAN feature takes no quantity');
    }
    if (spec.type === 'QUANTITY' && hasQuantity === Boolean(f.unlimited)) {
      throw invalidArgument(`${where}.quantity`, 'a QUANTITY feature takes either a quantity or unlimited: true');
    }
  }
}

export const productTypeSpec = kindSpec('PRODUCT_TYPE', `${CATALOG}/product-types`, productType, ['name']);

const checkFamily = async (tx: Tx, appId: string, d: z.infer<typeof productFamily>, at: string) => {
  await requireOwn(tx, 'PRODUCT_TYPE', d.productTypeId, appId, `${at}productTypeId`, 'product type');
};
const FAMILIES = `${CATALOG}/product-families`;
const family = { plural: 'productFamilies', check: checkFamily };
export const productFamilySpec = kindSpec('PRODUCT_FAMILY', FAMILIES, productFamily, ['productTypeId', 'name'], family);

export const featureSpec = kindSpec('FEATURE', '/premium-feature-catalog/v2/features', feature, ['uniqueName'], {
  immutable: ['type'],
});

export const productSpec = kindSpec('PRODUCT', `${CATALOG}/products`, product, ['vendorProductId'], {
  immutable: ['productTypeId'],
  check: checkProduct,
});
