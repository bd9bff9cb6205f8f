import { z } from 'zod';
import type { BillingCycle } from './premium.ts';

/**
 * The app's plans as a declarative catalog (the file `catalog:setup` reads, `catalog/gym-rewards-plans.json`): the
 * product type, families, features, products (prices per currency and billing cycle, features, status), the texts of
 * the product type, features, products and the offering per locale. Keys are ours and stable: a feature's key is its
 * `uniqueName`, a product's its `vendorProductId` (what the app instance's `billing.packageName` says), so a rerun finds
 * what an earlier run made.
 */

/** What a plan can unlock in the app: the catalog's features are these, and the app gates each by its key. */
export const PLAN_FEATURES = [
  'payment-links',
  'reward-tiers',
  'members',
  'earn-on-payment',
  'widget-colours',
  'csv-export',
] as const;
export type PlanFeature = (typeof PLAN_FEATURES)[number];

const key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'is a key: lowercase letters, digits and dashes, at most 40');
const locale = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'is a locale such as en or de-DE');
const texts = z.object({ title: z.string().trim().min(1).max(80), description: z.string().max(400).optional() });
/** An entity's texts per locale: the catalog's default locale is required (checked below). */
const display = z.record(locale, texts);
const amount = z.string().regex(/^\d{1,6}(\.\d{1,2})?$/, 'is an amount such as 19 or 19.90');
const currency = z.string().regex(/^[A-Z]{3}$/, 'is an ISO 4217 currency code');
const cycles = z
  .object({ MONTHLY: amount.optional(), YEARLY: amount.optional() })
  .strict()
  .refine((prices) => Object.keys(prices).length > 0, 'names at least one billing cycle');

export const planCatalogSchema = z
  .object({
    defaultLocale: locale,
    productType: z.object({ key, name: z.string().min(1).max(80), display }),
    families: z.array(z.object({ key, name: z.string().min(1).max(80) })).default([]),
    features: z.array(z.object({ key: z.enum(PLAN_FEATURES), type: z.enum(['BOOLEAN', 'QUANTITY']), display })).min(1),
    products: z
      .array(
        z.object({
          key,
          name: z.string().min(1).max(80),
          family: key.optional(),
          status: z.enum(['PUBLISHED', 'DRAFT', 'ARCHIVED']),
          /** Prices per currency, then per billing cycle; every currency names the same cycles. */
          prices: z.record(currency, cycles),
          /** `true` for a BOOLEAN feature; a number (or `null`: unlimited) for a QUANTITY one. */
          features: z.partialRecord(
            z.enum(PLAN_FEATURES),
            z.union([z.literal(true), z.number().int().min(0), z.null()]),
          ),
          display,
        }),
      )
      .min(1),
    offering: z.object({ display }),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const withTexts: Array<[(string | number)[], Record<string, unknown>]> = [
      [['productType', 'display'], catalog.productType.display],
      [['offering', 'display'], catalog.offering.display],
      ...catalog.features.map((f, i): [(string | number)[], Record<string, unknown>] => [
        ['features', i, 'display'],
        f.display,
      ]),
      ...catalog.products.map((p, i): [(string | number)[], Record<string, unknown>] => [
        ['products', i, 'display'],
        p.display,
      ]),
    ];
    for (const [path, texts] of withTexts) {
      if (!texts[catalog.defaultLocale]) issue(path, `has no texts in the default locale ${catalog.defaultLocale}`);
    }
    const families = new Set(catalog.families.map((f) => f.key));
    const features = new Map(catalog.features.map((f) => [f.key, f.type]));
    for (const [list, keys] of [
      ['families', catalog.families.map((f) => f.key)],
      ['features', catalog.features.map((f) => f.key)],
      ['products', catalog.products.map((p) => p.key)],
    ] as const) {
      const seen = new Set<string>();
      keys.forEach((k, i) => {
        if (seen.has(k)) issue([list, i, 'key'], `repeats the key ${k}`);
        seen.add(k);
      });
    }
    catalog.products.forEach((product, i) => {
      if (product.family && !families.has(product.family))
        issue(['products', i, 'family'], 'is no family of the catalog');
      const priced = Object.values(product.prices).map((p) => Object.keys(p).sort().join());
      if (priced.length === 0) issue(['products', i, 'prices'], 'names no currency');
      if (new Set(priced).size > 1) issue(['products', i, 'prices'], 'names different billing cycles per currency');
      for (const [feature, value] of Object.entries(product.features)) {
        const type = features.get(feature as PlanFeature);
        if (!type) issue(['products', i, 'features', feature], 'is no feature of the catalog');
        else if ((type === 'BOOLEAN') !== (value === true))
          issue(['products', i, 'features', feature], type === 'BOOLEAN' ? 'is true or absent' : 'is a number or null');
      }
    });
  });

export type PlanCatalog = z.infer<typeof planCatalogSchema>;
export type CatalogProduct = PlanCatalog['products'][number];

/** The billing cycles a product is sold in (the same in every currency). */
export function billingCyclesOf(product: CatalogProduct): BillingCycle[] {
  const first = Object.values(product.prices)[0] ?? {};
  return (['MONTHLY', 'YEARLY'] as const).filter((cycle) => first[cycle] !== undefined);
}

/** Whether a product costs nothing in every currency and cycle (the Free plan). */
export function isFreeProduct(product: CatalogProduct): boolean {
  return Object.values(product.prices).every((p) => Object.values(p).every((a) => Number(a) === 0));
}
