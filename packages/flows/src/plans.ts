import catalogFile from '../catalog/gym-rewards-plans.json' with { type: 'json' };
import {
  type CatalogProduct,
  isFreeProduct,
  type PlanCatalog,
  type PlanFeature,
  planCatalogSchema,
} from './plan-catalog.ts';
import type { Clock, WixApis } from './wix.ts';

/**
 * What a plan allows: the ONE place the app decides it. The owner's plan is the app instance's billing
 * (`appInstances.getAppInstance()`, public in `@wix/app-management`), read at most once a minute and forgotten when a
 * plan event arrives (`forgetPlan`); what each plan allows is the shipped catalog (`catalog/gym-rewards-plans.json`).
 */

/** The app's catalog, as shipped (validated when the module loads: a broken file fails at once, never at a gate). */
export const PLAN_CATALOG: PlanCatalog = planCatalogSchema.parse(catalogFile);

/** A feature as a plan has it: `true`/`false`, or how many (`null`: unlimited). */
export type Allowance = boolean | number | null;

export interface CurrentPlan {
  /** The catalog key of the plan (`free`, `grow`, `studio`). */
  key: string;
  name: string;
  isFree: boolean;
  billingCycle?: string;
  expirationDate?: string | null;
  autoRenewing?: boolean | null;
  /** Every feature of the catalog, as this plan allows it. */
  allows: Record<PlanFeature, Allowance>;
}

const FREE = PLAN_CATALOG.products.find(isFreeProduct);
if (!FREE) throw new Error('The plan catalog has no free plan');

/** The catalog product an app instance's package names (its `vendorProductId`, the catalog key). */
export function catalogProduct(packageName: string | null | undefined): CatalogProduct | undefined {
  if (!packageName) return undefined;
  return PLAN_CATALOG.products.find((p) => p.key === packageName);
}

/** What a catalog product allows, for every feature (absent: not allowed, or none of it). */
export function allowancesOf(product: CatalogProduct): Record<PlanFeature, Allowance> {
  return Object.fromEntries(
    PLAN_CATALOG.features.map((f) => {
      const value = product.features[f.key];
      return [f.key, f.type === 'BOOLEAN' ? value === true : value === undefined ? 0 : value];
    }),
  ) as Record<PlanFeature, Allowance>;
}

type Instance = Awaited<ReturnType<WixApis['appInstances']['getAppInstance']>>['instance'];

/**
 * The plan an app instance is on: its package while paid and not expired; the free plan when the instance is free,
 * its package is none of the catalog's, or its paid time has passed (the worst reading of a late expiry).
 */
export function planOf(instance: Instance | undefined, now: Date): CurrentPlan {
  const billing = instance?.billing;
  const paid = instance && !instance.isFree ? catalogProduct(billing?.packageName) : undefined;
  const expired = !!billing?.expirationDate && new Date(billing.expirationDate).getTime() <= now.getTime();
  const product = paid && !expired ? paid : FREE!;
  return {
    key: product.key,
    name: product.name,
    isFree: product === FREE,
    ...(product === FREE
      ? {}
      : {
          billingCycle: billing?.billingCycle,
          expirationDate: billing?.expirationDate ?? null,
          autoRenewing: billing?.autoRenewing ?? null,
        }),
    allows: allowancesOf(product),
  };
}

/** How long a read app instance is trusted (plan events make it forgotten at once). */
const KEPT_MS = 60_000;
let kept: { instance: Instance; until: number } | undefined;

/** Forgets the app instance read last: the next gate reads it again (a plan event arrived). */
export function forgetPlan(): void {
  kept = undefined;
}

/** The owner's current plan (the app instance, read at most once a minute). */
export async function currentPlan(wix: WixApis, clock: Clock): Promise<CurrentPlan> {
  const now = clock();
  if (!kept || kept.until <= now.getTime()) {
    const { instance } = await wix.appInstances.getAppInstance();
    kept = { instance, until: now.getTime() + KEPT_MS };
  }
  return planOf(kept.instance, now);
}

/** The cheapest published plan that allows `feature` (at least `amount` of it): what the owner would upgrade to. */
export function planUnlocking(feature: PlanFeature, amount = 1): CatalogProduct | undefined {
  const allows = (p: CatalogProduct) => {
    const value = allowancesOf(p)[feature];
    return value === true || value === null || (typeof value === 'number' && value >= amount);
  };
  const price = (p: CatalogProduct) =>
    Math.min(...Object.values(p.prices).flatMap((c) => Object.values(c).map(Number)));
  return PLAN_CATALOG.products
    .filter((p) => p.status === 'PUBLISHED' && allows(p))
    .sort((a, b) => price(a) - price(b))[0];
}

/** A gated action the owner's plan does not allow: names the feature and the plan that unlocks it. Nothing changed. */
export class PlanRequired extends Error {
  readonly plan: string | undefined;
  constructor(
    readonly feature: PlanFeature,
    readonly current: string,
    amount = 1,
  ) {
    const unlocking = planUnlocking(feature, amount);
    const title = PLAN_CATALOG.features.find((f) => f.key === feature)?.display.en?.title ?? feature;
    super(
      unlocking
        ? `${title} needs the ${unlocking.name} plan (this site is on ${current}). Upgrade on the Plans page.`
        : `${title} is not in any plan.`,
    );
    this.name = 'PlanRequired';
    this.plan = unlocking?.key;
  }
}

/** Refuses unless the owner's plan has `feature` (a BOOLEAN feature: payment links, earn on payment, CSV export). */
export async function requireFeature(wix: WixApis, clock: Clock, feature: PlanFeature): Promise<void> {
  const plan = await currentPlan(wix, clock);
  if (plan.allows[feature] !== true) throw new PlanRequired(feature, plan.name);
}

/**
 * Refuses unless the owner's plan allows `count` of a QUANTITY feature (reward tiers, members): new use beyond the
 * plan stops; what exists stays (a downgrade never takes away what was made).
 */
export async function requireRoom(wix: WixApis, clock: Clock, feature: PlanFeature, count: number): Promise<void> {
  const plan = await currentPlan(wix, clock);
  const allowed = plan.allows[feature];
  if (allowed === null || allowed === true) return;
  if (typeof allowed !== 'number' || count > allowed) throw new PlanRequired(feature, plan.name, count);
}

/**
 * A flow gated by the owner's plan: refused with `PlanRequired` before it runs when the plan lacks `feature` and the
 * call uses it (`uses`, all calls by default: turning earn on payment OFF stays allowed). What exists stays readable:
 * only the flows that start new use are gated.
 */
export function gated<A extends unknown[], R>(
  feature: PlanFeature,
  clock: Clock,
  flow: (wix: WixApis, ...args: A) => Promise<R>,
  uses: (...args: A) => boolean = () => true,
): (wix: WixApis, ...args: A) => Promise<R> {
  return async (wix, ...args) => {
    if (uses(...args)) await requireFeature(wix, clock, feature);
    return flow(wix, ...args);
  };
}

/**
 * A flow gated by how many of a QUANTITY feature it leads to (`count`): refused beyond the plan, unless it keeps to
 * what exists already (`existing`: after a downgrade, saving what was made is allowed; growing beyond the plan is not).
 */
export function gatedByCount<A extends unknown[], R>(
  feature: PlanFeature,
  clock: Clock,
  flow: (wix: WixApis, ...args: A) => Promise<R>,
  count: (...args: A) => number,
  existing: (wix: WixApis) => Promise<number>,
): (wix: WixApis, ...args: A) => Promise<R> {
  return async (wix, ...args) => {
    const wanted = count(...args);
    if (wanted > (await existing(wix))) await requireRoom(wix, clock, feature, wanted);
    return flow(wix, ...args);
  };
}
