import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { failedPrecondition, invalidArgument, notFound } from '../../http/errors.ts';
import { type Ctx, Router, requireCaller } from '../../http/router.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { insertEntity } from '../../storage/entities.ts';
import { readSiteProperties } from '../site-properties/site-properties.ts';
import { readPlan } from './app-instances.ts';
import { currencyCode, type Found, findPremium, guid, localeCode, paymentCycle, requireOwner } from './common.ts';
import { textsIn } from './display.ts';
import {
  type PremiumEntity,
  type PriceWithTax,
  premiumEntities,
  premiumOfferingSettings,
  premiumOrderSessions,
} from './tables.ts';

/** The offering's tax settings: a rate, its name, and whether catalog prices include it. */
const taxSettings = z.object({
  name: z.string().min(1).max(30).default('Tax'),
  rate: z.string().regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'must be a decimal string from 0 to 1'),
  included: z.boolean().default(false),
});
export type TaxSettings = z.infer<typeof taxSettings>;
const NO_TAX: TaxSettings = { name: 'Tax', rate: '0', included: false };

export async function readTax(tx: Tx): Promise<TaxSettings> {
  const [row] = await tx.select().from(premiumOfferingSettings).where(eq(premiumOfferingSettings.id, 1));
  return row?.data ?? NO_TAX;
}

/** A catalog price with its tax: added to it, or (included) taken out of it; amounts to the cent, half up. */
export function withTax(price: { currency: string; cycle: string; amount: string }, tax: TaxSettings): PriceWithTax {
  const amount = new Big(price.amount);
  const rate = new Big(tax.rate);
  const taxAmount = tax.included ? amount.minus(amount.div(rate.plus(1))) : amount.times(rate);
  const rounded = taxAmount.round(2, Big.roundHalfUp);
  return {
    currency: price.currency,
    cycle: price.cycle,
    amount: amount.toFixed(2),
    tax: { name: tax.name, rate: tax.rate, included: tax.included, amount: rounded.toFixed(2) },
    total: (tax.included ? amount : amount.plus(rounded)).toFixed(2),
  };
}

/** Site defaults for what the owner sees: the site's language and payment currency. */
async function siteDefaults(tx: Tx) {
  const { properties } = await readSiteProperties(tx);
  return { locale: String(properties.language ?? 'en'), currency: String(properties.paymentCurrency ?? 'USD') };
}

type StoredProduct = Found<'PRODUCT'>;

/** What Get Product Info and the offering say of a product: its fields, prices with tax, features and texts. */
async function productInfo(
  tx: Tx,
  product: StoredProduct,
  locale: string,
  currency: string | null,
  tax: TaxSettings,
): Promise<Doc> {
  const featureDocs = await Promise.all(
    product.features.map((f) => findPremium(tx, 'FEATURE', f.featureId, product.appId)),
  );
  const texts = await textsIn(
    tx,
    product.appId,
    'FEATURE',
    product.features.map((f) => f.featureId),
    locale,
  );
  const own = await textsIn(tx, product.appId, 'PRODUCT', [product.id], locale);
  return {
    productId: product.id,
    vendorProductId: product.vendorProductId,
    productTypeId: product.productTypeId,
    familyId: product.familyId ?? null,
    name: product.name,
    status: product.status,
    billingCycles: product.billingCycles,
    prices: product.prices.filter((p) => currency === null || p.currency === currency).map((p) => withTax(p, tax)),
    features: product.features.map((f, i) => ({
      featureId: f.featureId,
      uniqueName: featureDocs[i]?.uniqueName,
      type: featureDocs[i]?.type,
      ...(featureDocs[i]?.type === 'QUANTITY' ? { quantity: f.quantity ?? null, unlimited: f.unlimited === true } : {}),
      displayAttributes: texts.get(f.featureId) ?? {},
    })),
    displayAttributes: own.get(product.id) ?? {},
  };
}

const productInfoRequest = z.object({ currency: currencyCode.nullish(), locale: localeCode.nullish() });
const userOfferingRequest = z.object({
  productTypeId: guid,
  currency: currencyCode.nullish(),
  locale: localeCode.nullish(),
});
const orderPageRequest = z.object({
  productId: guid,
  cycle: paymentCycle,
  currency: currencyCode.nullish(),
  successUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2000)
    .nullish(),
});

/** Dynamic Offering: Get Product Info, Get User Offering, Create Order Page (paths: our guess, README "Routes"). */
export function offeringRoutes(): Router {
  const r = new Router();

  r.get('/dynamic-offering/v1/product-info/:productId', async ({ params, body, ctx }) => {
    const identity = requireCaller(ctx);
    if (identity.type !== 'APP') requireOwner(ctx, 'GetProductInfo');
    const request = productInfoRequest.parse(body);
    const ownApp = identity.type === 'APP' ? identity.appId : undefined;
    const product = await findPremium(ctx.db, 'PRODUCT', params.productId ?? '', ownApp);
    // The owner sees published products only; the app its own in any status.
    if (!product || (!ownApp && product.status !== 'PUBLISHED') || (identity.type === 'APP' && !ownApp)) {
      throw notFound('NOT_FOUND', `product ${params.productId}`, { id: params.productId });
    }
    const defaults = await siteDefaults(ctx.db);
    const info = await productInfo(
      ctx.db,
      product,
      request.locale ?? defaults.locale,
      request.currency ?? null,
      await readTax(ctx.db),
    );
    return { productInfo: info };
  });

  r.post('/dynamic-offering/v1/user-offering', async ({ body, ctx }) => {
    requireOwner(ctx, 'GetUserOffering');
    const request = userOfferingRequest.parse(body);
    const type = await findPremium(ctx.db, 'PRODUCT_TYPE', request.productTypeId);
    if (!type) throw notFound('NOT_FOUND', `product type ${request.productTypeId}`, { id: request.productTypeId });
    const defaults = await siteDefaults(ctx.db);
    const locale = request.locale ?? defaults.locale;
    const currency = request.currency ?? defaults.currency;
    const tax = await readTax(ctx.db);
    // No dealer: every PUBLISHED product of the type comes back, whether the app still sells it or not (the seed's note).
    const rows = (await ctx.db
      .select({ id: premiumEntities.id, data: premiumEntities.data, appId: premiumEntities.appId })
      .from(premiumEntities)
      .where(
        and(
          eq(premiumEntities.kind, 'PRODUCT'),
          sql`${premiumEntities.data} ->> 'productTypeId' = ${type.id}`,
          sql`${premiumEntities.data} ->> 'status' = 'PUBLISHED'`,
        ),
      )
      .orderBy(asc(premiumEntities.createdAt), asc(premiumEntities.seq))) as Array<{
      id: string;
      data: PremiumEntity<'PRODUCT'>;
      appId: string;
    }>;
    const products: StoredProduct[] = rows.map((row) => ({ ...row.data, id: row.id, appId: row.appId }));
    // Strict: the order of the offering is not documented; newest first, so the app orders plans itself.
    if (ctx.settings.strict) products.reverse();
    const typeTexts = await textsIn(ctx.db, type.appId, 'PRODUCT_TYPE', [type.id], locale);
    const offeringTexts = await textsIn(ctx.db, type.appId, 'USER_OFFERING', [type.id], locale);
    return {
      userOffering: {
        productTypeId: type.id,
        locale,
        currency,
        supportedCurrencies: [...new Set(products.flatMap((p) => p.prices.map((price) => price.currency)))].sort(),
        taxSettings: tax,
        productType: { id: type.id, name: type.name, displayAttributes: typeTexts.get(type.id) ?? {} },
        displayAttributes: offeringTexts.get(type.id) ?? {},
        products: await Promise.all(products.map((p) => productInfo(ctx.db, p, locale, currency, tax))),
      },
    };
  });

  r.post('/dynamic-offering/v1/order-pages', async ({ body, ctx }) => {
    const userId = requireOwner(ctx, 'CreateOrderPage');
    const request = orderPageRequest.parse(body);
    return ctx.tx((tx) => createOrderPage(tx, ctx, userId, request));
  });

  r.post('/_emulator/v1/premium/tax', async ({ body, ctx }) => {
    const data = taxSettings.parse(body);
    await ctx.db
      .insert(premiumOfferingSettings)
      .values({ id: 1, data })
      .onConflictDoUpdate({ target: premiumOfferingSettings.id, set: { data } });
    return { taxSettings: data };
  });

  return r;
}

async function createOrderPage(tx: Tx, ctx: Ctx, userId: string, request: z.infer<typeof orderPageRequest>) {
  const product = await findPremium(tx, 'PRODUCT', request.productId);
  if (product?.status !== 'PUBLISHED')
    throw notFound('NOT_FOUND', `product ${request.productId}`, { id: request.productId });
  if (!product.billingCycles.includes(request.cycle))
    throw invalidArgument('cycle', `the product is not sold ${request.cycle}`);
  const currency = request.currency ?? (await siteDefaults(tx)).currency;
  const price = product.prices.find((p) => p.currency === currency && p.cycle === request.cycle);
  if (!price) throw invalidArgument('currency', `the product has no ${request.cycle} price in ${currency}`);
  if (new Big(price.amount).eq(0))
    throw failedPrecondition('FAILED_PRECONDITION', 'the product is free: there is nothing to order');
  const current = await readPlan(tx, product.appId, ctx.now);
  if (current?.productId === product.id && current.cycle === request.cycle) {
    throw failedPrecondition('FAILED_PRECONDITION', 'the site already has this plan and cycle');
  }
  const orderSessionId = randomUUID();
  const session = {
    productId: product.id,
    appId: product.appId,
    vendorProductId: product.vendorProductId,
    productName: product.name,
    ...withTax(price, await readTax(tx)),
    cycle: request.cycle,
    successUrl: request.successUrl ?? null,
    userId,
    status: 'OPEN' as const,
  };
  await insertEntity(tx, premiumOrderSessions, orderSessionId, session, ctx.now);
  return { orderSessionId, riskIframeUrl: `${ctx.origin}/_emulator/v1/premium/order-pages/${orderSessionId}` };
}
