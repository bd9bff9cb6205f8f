import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { failedPrecondition, permissionDenied } from '../../http/errors.ts';
import { Router, requireCaller } from '../../http/router.ts';
import { emitAppInstanceEvent } from '../../platform/events.ts';
import { SITE_ID } from '../../platform/oauth.ts';
import { SITE_INSTANCE_ID } from '../../platform/webhooks.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { readSiteProperties } from '../site-properties/site-properties.ts';
import { CYCLE_MONTHS, cycleEnd, type PaymentCycle } from './common.ts';
import { appInstances } from './tables.ts';

/** What the emulator keeps of an app's paid plan on the site. Free when there is none. */
export interface Plan {
  productId: string;
  vendorProductId: string;
  cycle: PaymentCycle;
  /** When it was bought (billing `timeStamp`). */
  purchasedAt: string;
  /** The end of the current cycle; null for ONE_TIME. */
  expiresAt: string | null;
  autoRenewing: boolean;
  invoiceId: string;
}

/** An app's instance, its plan settled on the platform clock (and saved when that changed it). */
export async function readPlan(tx: Tx, appId: string, now: Date, forUpdate = false): Promise<Plan | null> {
  const query = tx.select().from(appInstances).where(eq(appInstances.appId, appId));
  const [row] = await (forUpdate ? query.for('update') : query);
  const plan = row?.data.plan ?? null;
  const settled = settle(plan, now);
  if (settled !== plan) await savePlan(tx, appId, settled);
  return settled;
}

/**
 * The plan at `now`: a cycle that ended renews when auto-renewing (the next cycle starts where the last ended), else
 * the app is free again. No event is declared for either (README, "Readings"), so none is sent.
 */
export function settle(plan: Plan | null, now: Date): Plan | null {
  if (!plan?.expiresAt || new Date(plan.expiresAt) > now) return plan;
  if (!plan.autoRenewing) return null;
  let end = new Date(plan.expiresAt);
  while (end <= now) end = cycleEnd(end, plan.cycle) as Date;
  return { ...plan, expiresAt: end.toISOString(), invoiceId: randomUUID() };
}

export async function savePlan(tx: Tx, appId: string, plan: Plan | null) {
  const data = { plan };
  await tx
    .insert(appInstances)
    .values({ appId, data })
    .onConflictDoUpdate({ target: appInstances.appId, set: { data } });
}

/**
 * A purchase on an order page: the app's plan becomes the product bought, and the app is told with `PaidPlanPurchased`
 * (it was free) or `PaidPlanChanged` (it had a plan), in the same transaction.
 */
export async function applyPurchase(
  tx: Tx,
  appId: string,
  bought: Pick<Plan, 'productId' | 'vendorProductId' | 'cycle'>,
  now: Date,
): Promise<Plan> {
  const previous = await readPlan(tx, appId, now, true);
  const expiresAt = cycleEnd(now, bought.cycle);
  const plan: Plan = {
    ...bought,
    purchasedAt: now.toISOString(),
    expiresAt: expiresAt?.toISOString() ?? null,
    autoRenewing: CYCLE_MONTHS[bought.cycle] !== null,
    invoiceId: randomUUID(),
  };
  await savePlan(tx, appId, plan);
  const common = {
    operationTimeStamp: plan.purchasedAt,
    vendorProductId: plan.vendorProductId,
    cycle: plan.cycle,
    couponName: null,
    invoiceId: plan.invoiceId,
  };
  if (previous) {
    await emitAppInstanceEvent(tx, appId, 'PaidPlanChanged', {
      ...common,
      previousVendorProductId: previous.vendorProductId,
      previousCycle: previous.cycle,
    });
  } else {
    await emitAppInstanceEvent(tx, appId, 'PaidPlanPurchased', { ...common, expiresOn: plan.expiresAt });
  }
  return plan;
}

/** Billing as `@wix/app-management` declares it: `expirationDate` only for yearly and multi-year cycles. */
function billingOf(plan: Plan): Doc {
  const months = CYCLE_MONTHS[plan.cycle];
  return {
    packageName: plan.vendorProductId,
    billingCycle: plan.cycle,
    timeStamp: plan.purchasedAt,
    ...(months !== null && months >= 12 ? { expirationDate: plan.expiresAt } : {}),
    autoRenewing: plan.autoRenewing,
    invoiceId: plan.invoiceId,
    source: '',
    freeTrialInfo: { status: 'NOT_AVAILABLE' },
  };
}

const appId = z.string().min(1, 'is required');

/**
 * What the owner does in Wix's billing pages: turns auto-renewal off (`PaidPlanAutoRenewalCancelled`) or on again
 * (`PlanReactivated`). A free app, a ONE_TIME plan or no change is 428 FAILED_PRECONDITION.
 */
async function setAutoRenewal(
  tx: Tx,
  app: string,
  on: boolean,
  now: Date,
  event: (current: Plan) => { eventType: string; payload: Doc },
): Promise<Plan> {
  const current = await readPlan(tx, app, now, true);
  if (!current) throw failedPrecondition('FAILED_PRECONDITION', `${app} has no paid plan on the site`);
  if (current.expiresAt === null) throw failedPrecondition('FAILED_PRECONDITION', 'a ONE_TIME plan does not renew');
  if (current.autoRenewing === on)
    throw failedPrecondition('FAILED_PRECONDITION', `auto-renewal is already ${on ? 'on' : 'off'}`);
  const next = { ...current, autoRenewing: on };
  await savePlan(tx, app, next);
  const { eventType, payload } = event(current);
  await emitAppInstanceEvent(tx, app, eventType, {
    operationTimeStamp: now.toISOString(),
    vendorProductId: current.vendorProductId,
    ...payload,
  });
  return next;
}

/** `@wix/app-management` `appInstances.getAppInstance()` and the emulator's controls of the plan. */
export function appInstanceRoutes(): Router {
  const r = new Router();

  r.get('/apps/v1/instance', async ({ ctx }) => {
    const identity = requireCaller(ctx);
    if (identity.type !== 'APP' || !identity.appId)
      throw permissionDenied("Get App Instance needs the app's identity (an APP token naming its appId)");
    const appId = identity.appId;
    const plan = await ctx.tx((tx) => readPlan(tx, appId, ctx.now, true));
    const { properties } = await readSiteProperties(ctx.db);
    const languages = ((properties.multilingual as Doc | undefined)?.supportedLanguages ?? []) as Doc[];
    return {
      instance: {
        instanceId: SITE_INSTANCE_ID,
        appName: appId,
        isFree: plan === null,
        ...(plan ? { billing: billingOf(plan) } : {}),
        permissions: [],
        availablePlans: [],
        isOriginSiteTemplate: false,
        copiedFromTemplate: false,
        freeTrialAvailable: false,
      },
      site: {
        siteDisplayName: properties.siteDisplayName ?? null,
        locale: properties.language ?? 'en',
        paymentCurrency: properties.paymentCurrency ?? 'USD',
        multilingual: { isMultiLingual: languages.length > 0, supportedLanguages: languages },
        installedWixApps: [],
        siteId: SITE_ID,
      },
    };
  });

  // ---- the emulator's own API: what the owner does in Wix's billing pages ----

  r.post('/_emulator/v1/premium/cancel-auto-renewal', async ({ body, ctx }) => {
    const request = z.object({ appId, userReason: z.string().max(150).nullish() }).parse(body);
    const plan = await ctx.tx((tx) =>
      setAutoRenewal(tx, request.appId, false, ctx.now, (current) => ({
        eventType: 'PaidPlanAutoRenewalCancelled',
        payload: { cancelReason: 'USER_CANCEL', userReason: request.userReason ?? null, cycle: current.cycle },
      })),
    );
    return { plan };
  });

  r.post('/_emulator/v1/premium/turn-on-auto-renewal', async ({ body, ctx }) => {
    const request = z.object({ appId }).parse(body);
    const plan = await ctx.tx((tx) =>
      setAutoRenewal(tx, request.appId, true, ctx.now, (current) => ({
        eventType: 'PlanReactivated',
        payload: {
          cycle: current.cycle,
          expiresOn: current.expiresAt,
          invoiceId: current.invoiceId,
          reason: 'AUTO_RENEW_TURNED_ON',
        },
      })),
    );
    return { plan };
  });

  r.post('/_emulator/v1/premium/plan', async ({ body, ctx }) => {
    const request = z.object({ appId }).parse(body);
    return { plan: await ctx.tx((tx) => readPlan(tx, request.appId, ctx.now, true)) };
  });

  return r;
}
