import { z } from 'zod';
import { InvalidInput, parseInput, Refused } from './errors.ts';
import { billingCyclesOf, type CatalogProduct, isFreeProduct, type PlanFeature } from './plan-catalog.ts';
import { type Allowance, allowancesOf, type CurrentPlan, currentPlan, PLAN_CATALOG, planUnlocking } from './plans.ts';
import {
  type BillingCycle,
  callPremium,
  type OrderPage,
  type PremiumEntity,
  type ProductInfo,
  type UserOffering,
} from './premium.ts';
import { type Clock, type WixApis, wixErrorCode } from './wix.ts';

/**
 * The display flow (seed "Display flow", steps 1-4): the package picker's plans, offered by Get User Offering and priced
 * by Get Product Info, the checkout as an order page (Create Order Page), and what a purchase unlocked.
 */

/** The app's own products that may be sold: the catalog's PUBLISHED ones, by `vendorProductId` (the catalog key). */
const SELLABLE = new Map(PLAN_CATALOG.products.filter((p) => p.status === 'PUBLISHED').map((p) => [p.key, p]));

/**
 * The ids Wix gave the app's product type and products (the app's, the same on every site): found once by the catalog's
 * keys, kept ten minutes (a catalog setup may add a product).
 */
const IDS_MS = 10 * 60_000;
let ids: { productTypeId: string; productIds: Map<string, string>; until: number } | undefined;
async function catalogIds(wix: WixApis, now: Date) {
  if (ids && ids.until > now.getTime()) return ids;
  const { productTypes = [] } = await callPremium<{ productTypes?: PremiumEntity[] }>(wix, 'queryProductTypes', {
    body: { query: { filter: { name: PLAN_CATALOG.productType.name }, cursorPaging: { limit: 1 } } },
  });
  const productTypeId = productTypes[0]?.id;
  if (!productTypeId)
    throw new Error(`The plan catalog is not set up: no product type ${PLAN_CATALOG.productType.name}`);
  const { products = [] } = await callPremium<{ products?: PremiumEntity[] }>(wix, 'queryProducts', {
    body: { query: { filter: { productTypeId }, cursorPaging: { limit: 100 } } },
  });
  const productIds = new Map(products.map((p) => [String(p.vendorProductId), p.id]));
  ids = { productTypeId, productIds, until: now.getTime() + IDS_MS };
  return ids;
}

/**
 * Get User Offering answers every published product of the type when the app has no dealer (the seed's note): keep
 * only the products of the app's type that its catalog sells now, in the catalog's order.
 */
export function ownActiveProducts(offering: UserOffering, productTypeId: string): ProductInfo[] {
  const order = [...SELLABLE.keys()];
  return offering.products
    .filter(
      (p) =>
        p.productTypeId === productTypeId &&
        SELLABLE.has(p.vendorProductId) &&
        (p.status ?? 'PUBLISHED') === 'PUBLISHED',
    )
    .sort((a, b) => order.indexOf(a.vendorProductId) - order.indexOf(b.vendorProductId));
}

export interface PlanPrice {
  cycle: BillingCycle;
  /** The catalog price (decimal string). */
  amount: string;
  /** What the owner pays: the price with its tax added, or the price when tax is included in it. */
  total: string;
  tax: { name: string; amount: string; included: boolean } | null;
}

export interface PlanCard {
  key: string;
  productId: string;
  title: string;
  description?: string;
  currency: string;
  prices: PlanPrice[];
  allows: Record<PlanFeature, Allowance>;
  current: boolean;
  free: boolean;
}

export interface PlansView {
  locale: string;
  currency: string;
  title: string;
  description?: string;
  /** The rows of the comparison: every feature, its title in the locale. */
  features: Array<{ key: PlanFeature; title: string; description?: string }>;
  plans: PlanCard[];
  current: CurrentPlan;
}

type Display = Record<string, { title: string; description?: string }>;

/** An entity's texts as Wix answers them in the locale (`name`, `description`), else the catalog's in that locale. */
function textsOf(wixTexts: Record<string, string> | undefined, display: Display, locale: string) {
  const file = display[locale] ?? display[locale.slice(0, 2)] ?? display[PLAN_CATALOG.defaultLocale]!;
  const title = wixTexts?.name || file.title;
  const description = wixTexts?.description || file.description;
  return { title, ...(description ? { description } : {}) };
}

/**
 * Get Product Info for a product's prices with their tax in the currency and its texts in the locale. Not kept: the
 * offering's tax may change at any time, and the Plans page is opened rarely (one call a plan).
 */
async function productInfo(wix: WixApis, productId: string, currency: string, locale: string) {
  const { productInfo: info } = await callPremium<{ productInfo: ProductInfo }>(wix, 'getProductInfo', {
    params: { productId },
    query: { currency, locale },
  });
  return info;
}

const viewInput = z
  .object({
    locale: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'is a locale such as en or de')
      .optional(),
  })
  .strict();

function card(
  entry: CatalogProduct,
  info: ProductInfo,
  currency: string,
  locale: string,
  current: CurrentPlan,
): PlanCard {
  const prices = billingCyclesOf(entry).flatMap((cycle): PlanPrice[] => {
    const price = info.prices?.find((p) => p.currency === currency && p.cycle === cycle);
    if (!price) return [];
    const tax = price.tax?.amount && Number(price.tax.amount) > 0 ? price.tax : undefined;
    return [
      {
        cycle,
        amount: price.amount,
        total: price.total ?? price.amount,
        tax: tax ? { name: tax.name ?? 'Tax', amount: tax.amount!, included: tax.included === true } : null,
      },
    ];
  });
  return {
    key: entry.key,
    productId: info.productId,
    ...textsOf(info.displayAttributes, entry.display, locale),
    currency,
    prices,
    allows: allowancesOf(entry),
    current: entry.key === current.key,
    free: isFreeProduct(entry),
  };
}

/**
 * The Plans page (the package picker): the app's plans this owner can buy, in the owner's language (the site's, or
 * the one asked) and currency, tax as the offering says, the current plan marked. As the site owner (the offering is
 * theirs) and the app (its instance, its product infos).
 */
export async function plansView(wix: WixApis, clock: Clock, input: { locale?: string } = {}): Promise<PlansView> {
  const { locale: asked } = parseInput(viewInput, input ?? {});
  const now = clock();
  const [{ site }, current, { productTypeId }] = await Promise.all([
    wix.appInstances.getAppInstance(),
    currentPlan(wix, clock),
    catalogIds(wix, now),
  ]);
  const locale = asked ?? site?.locale ?? PLAN_CATALOG.defaultLocale;
  const { userOffering: offering } = await callPremium<{ userOffering: UserOffering }>(wix, 'getUserOffering', {
    body: { productTypeId, locale, ...(site?.paymentCurrency ? { currency: site.paymentCurrency } : {}) },
  });
  const currency = offering.currency ?? site?.paymentCurrency ?? 'USD';
  const products = ownActiveProducts(offering, productTypeId);
  const priced = await Promise.all(products.map((p) => productInfo(wix, p.productId, currency, locale)));
  const featureTexts = new Map(
    priced.flatMap((p) => (p.features ?? []).map((f) => [f.uniqueName, f.displayAttributes])),
  );
  return {
    locale,
    currency,
    ...textsOf(offering.displayAttributes, PLAN_CATALOG.offering.display, locale),
    features: PLAN_CATALOG.features.map((f) => ({
      key: f.key,
      ...textsOf(featureTexts.get(f.key), f.display, locale),
    })),
    plans: products.map((p, i) => card(SELLABLE.get(p.vendorProductId)!, priced[i]!, currency, locale, current)),
    current,
  };
}

const choiceInput = z
  .object({
    plan: z.string().min(1, 'is required').max(100),
    cycle: z.enum(['MONTHLY', 'YEARLY']),
    /** Where the order page sends the owner after paying (the app's success page). */
    successUrl: z
      .url({ protocol: /^https?$/, message: 'is an http(s) URL' })
      .max(2000)
      .optional(),
  })
  .strict();

/**
 * The checkout: an order page for the chosen plan and cycle (Create Order Page → `orderSessionId`, `riskIframeUrl`),
 * as the site owner.
 */
export async function choosePlan(
  wix: WixApis,
  clock: Clock,
  input: { plan: string; cycle: BillingCycle; successUrl?: string },
): Promise<OrderPage> {
  const choice = parseInput(choiceInput, input);
  const entry = SELLABLE.get(choice.plan);
  if (!entry) throw new InvalidInput('plan', 'is no plan the app sells');
  if (isFreeProduct(entry)) throw new InvalidInput('plan', 'is free: there is nothing to buy');
  if (!billingCyclesOf(entry).includes(choice.cycle)) throw new InvalidInput('cycle', `is not sold for ${entry.name}`);
  const [{ site }, { productIds }] = await Promise.all([wix.appInstances.getAppInstance(), catalogIds(wix, clock())]);
  const productId = productIds.get(entry.key);
  if (!productId) throw new Error(`The plan catalog is not set up: no product ${entry.key}`);
  const page = await callPremium<OrderPage>(wix, 'createOrderPage', {
    body: {
      productId,
      cycle: choice.cycle,
      ...(site?.paymentCurrency ? { currency: site.paymentCurrency } : {}),
      ...(choice.successUrl ? { successUrl: choice.successUrl } : {}),
    },
  }).catch((error: unknown) => {
    // Wix will not open an order for it now (the site is on this plan and cycle already, say): the owner's words.
    if (wixErrorCode(error) !== 'FAILED_PRECONDITION') throw error;
    throw new Refused(
      'PLAN_NOT_ORDERABLE',
      'This plan cannot be ordered now: the site may be on it already. Refresh the plans page to see the current plan.',
    );
  });
  return { orderSessionId: page.orderSessionId, riskIframeUrl: page.riskIframeUrl };
}

/** What a plan has that the free plan has not: the success page's "now unlocked". */
export function unlockedBy(plan: CurrentPlan): PlanFeature[] {
  if (plan.isFree) return [];
  const free = allowancesOf(PLAN_CATALOG.products.find(isFreeProduct)!);
  return (Object.keys(plan.allows) as PlanFeature[]).filter((f) => {
    const now = plan.allows[f];
    const before = free[f];
    if (typeof now === 'boolean') return now && before !== true;
    return now === null ? before !== null : typeof before === 'number' && now > before;
  });
}

/** A feature's title in `locale` as the catalog ships it (its language, else the catalog's default). */
function titleOf(feature: PlanFeature, locale: string): string {
  const display = PLAN_CATALOG.features.find((f) => f.key === feature)?.display;
  return (
    (display?.[locale] ?? display?.[locale.slice(0, 2)] ?? display?.[PLAN_CATALOG.defaultLocale])?.title ?? feature
  );
}

/** The language a page asked for (`locale`), else the site's, else the catalog's default. */
function localeFor(plan: CurrentPlan, input: { locale?: string } | undefined): string {
  const { locale } = parseInput(viewInput, input ?? {});
  return locale ?? plan.siteLocale ?? PLAN_CATALOG.defaultLocale;
}

/**
 * The success page: the plan the owner is on now (read afresh) and what it unlocked, with the features' titles in the
 * page's language (`locale`, else the site's).
 */
export async function planUnlocked(
  wix: WixApis,
  clock: Clock,
  input: { locale?: string } = {},
): Promise<{ plan: CurrentPlan; locale: string; unlocked: Array<{ feature: PlanFeature; title: string }> }> {
  const plan = await currentPlan(wix, clock, { fresh: true });
  const locale = localeFor(plan, input);
  return { plan, locale, unlocked: unlockedBy(plan).map((feature) => ({ feature, title: titleOf(feature, locale) })) };
}

/**
 * The owner's plan and what the pages lock: every feature the plan lacks, with the plan that unlocks it (the
 * dashboard shows it next to the feature, with the way to Plans).
 */
export async function planWithLocks(
  wix: WixApis,
  clock: Clock,
  input: { locale?: string } = {},
): Promise<{
  plan: CurrentPlan;
  locale: string;
  locks: Array<{ feature: PlanFeature; title: string; plan: string | null }>;
}> {
  const plan = await currentPlan(wix, clock);
  const locale = localeFor(plan, input);
  const locks = (Object.keys(plan.allows) as PlanFeature[])
    .filter((feature) => plan.allows[feature] === false)
    .map((feature) => ({ feature, title: titleOf(feature, locale), plan: planUnlocking(feature)?.name ?? null }));
  return { plan, locale, locks };
}
