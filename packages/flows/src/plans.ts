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
 * (`appInstances.getAppInstance()`, public in `@wix/app-management`), read at most once a minute per site and forgotten
 * when a plan event arrives (`forgetPlan`); what each plan allows is the shipped catalog (`catalog/gym-rewards-plans.json`).
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
  /** The site's language, from the same app instance answer (`site.locale`), when Wix gave one. */
  siteLocale?: string;
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
/** How many sites' plans (and callers' sessions) a process keeps before it forgets the oldest. */
const KEPT_MAX = 5_000;

/**
 * The plans read, by app instance id: on Wix one backend serves many sites, so a site's plan answers only for its own
 * instance. A call learns its instance from its caller's session (`wix.sessionKey`, read from the request without a
 * Wix call), mapped to the instance id the app instance answer itself carries (no extra call either).
 */
const kept = new Map<string, { instance: Instance; locale?: string | null; until: number }>();
const instanceOfSession = new Map<string, string>();
/** The session of a process that serves one site and names no sessions (the devsite, tests). */
const ONE_SITE = 'this-process';

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > KEPT_MAX) map.delete(map.keys().next().value as string);
}

/**
 * Forgets the plan of an app instance (a plan event names it in its metadata): the next gate of that site reads it
 * again. Without an id (an event without one), every site's plan is forgotten: a read too many, never a stale plan.
 */
export function forgetPlan(instanceId?: string | null): void {
  if (instanceId) kept.delete(instanceId);
  else kept.clear();
}

/**
 * The owner's current plan (the app instance, read at most once a minute per site; `fresh`: read now, after a
 * purchase).
 */
export async function currentPlan(wix: WixApis, clock: Clock, options: { fresh?: boolean } = {}): Promise<CurrentPlan> {
  const now = clock();
  // A backend that names sessions but cannot name this one reads the plan afresh: never another site's.
  const session = wix.sessionKey ? await wix.sessionKey() : ONE_SITE;
  const known = session ? instanceOfSession.get(session) : undefined;
  let entry = known ? kept.get(known) : undefined;
  if (!entry || entry.until <= now.getTime() || options.fresh) {
    const { instance, site } = await wix.appInstances.getAppInstance();
    entry = { instance, locale: site?.locale, until: now.getTime() + KEPT_MS };
    if (session) {
      const id = instance?.instanceId || `session:${session}`;
      remember(instanceOfSession, session, id);
      remember(kept, id, entry);
    }
  }
  const plan = planOf(entry.instance, now);
  return entry.locale ? { ...plan, siteLocale: entry.locale } : plan;
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
