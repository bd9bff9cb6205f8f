import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPlanCatalog } from './catalog-setup.ts';
import { InvalidInput } from './errors.ts';
import type { PlanCatalog } from './plan-catalog.ts';
import { PLAN_CATALOG } from './plans.ts';
import { callPremium, type ProductInfo } from './premium.ts';
import { emulatedWix, startStrictEmulator } from './testing/wix.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;

beforeAll(async () => {
  emu = await startStrictEmulator();
  await emu.admin('/_emulator/v1/clock', { set: '2026-05-03T09:00:00.000Z', freeze: true });
  env = await emulatedWix(emu);
});
afterAll(async () => emu?.close());

/** A copy of the shipped catalog to change. */
const catalogCopy = (): PlanCatalog => structuredClone(PLAN_CATALOG);

/** The premium requests served since the last look, as `METHOD path`. */
async function premiumCalls() {
  return (await emu.requests())
    .filter((r) => !r.path.startsWith('/_emulator'))
    .map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')}`);
}

async function productInfo(vendorProductId: string, query: Record<string, string>) {
  const { products } = await callPremium<{ products: Array<{ id: string; vendorProductId: string }> }>(
    env.wix,
    'queryProducts',
    { body: { query: { filter: { vendorProductId } } } },
  );
  const { productInfo } = await callPremium<{ productInfo: ProductInfo }>(env.wix, 'getProductInfo', {
    params: { productId: products[0]!.id },
    query,
  });
  return productInfo;
}

describe('catalog setup (seed "Setup flow", steps 1-6)', () => {
  it('creates the shipped catalog in the seed order: type, families, features, products, display, translations in one call', async () => {
    await premiumCalls();
    const { changes } = await setUpPlanCatalog(env.wix, PLAN_CATALOG);
    expect(Object.values(changes).every((c) => c === 'CREATED')).toBe(true);
    expect(changes).toMatchObject({
      'productType:gym-rewards': 'CREATED',
      'product:grow': 'CREATED',
      'feature:payment-links': 'CREATED',
      'display:offering:gym-rewards': 'CREATED',
      'translation:product:grow:de': 'CREATED',
    });
    const creates = (await premiumCalls()).filter((c) => !c.endsWith('/query'));
    const firstOf = (part: string) => creates.findIndex((c) => c.includes(part));
    const order = ['product-types', 'product-families', 'features', '/products', 'display-attributes', 'bulk'];
    expect(order.map(firstOf)).toEqual([...order.map(firstOf)].sort((a, b) => a - b));
    expect(creates.filter((c) => c.includes('/bulk/translatable-content/create'))).toHaveLength(1);
    // 1 type + 1 family + 6 features + 3 products + 11 display attributes + 1 bulk call.
    expect(creates).toHaveLength(1 + 1 + 6 + 3 + 11 + 1);
  });

  it('prices each product per currency and cycle, with its features and their quantities', async () => {
    const grow = await productInfo('grow', { currency: 'EUR' });
    expect(grow).toMatchObject({ status: 'PUBLISHED', billingCycles: ['MONTHLY', 'YEARLY'] });
    expect(grow.prices?.map((p) => [p.cycle, p.amount])).toEqual([
      ['MONTHLY', '18.00'],
      ['YEARLY', '180.00'],
    ]);
    const studio = await productInfo('studio', {});
    const members = studio.features?.find((f) => f.uniqueName === 'members');
    expect(members).toMatchObject({ type: 'QUANTITY', unlimited: true });
    expect(studio.features?.find((f) => f.uniqueName === 'widget-colours')).toMatchObject({ type: 'BOOLEAN' });
  });

  it('answers the texts in each locale of the catalog: the translations (de) and the default (en)', async () => {
    expect((await productInfo('grow', { locale: 'de' })).displayAttributes).toEqual({
      name: 'Wachsen',
      description: 'Bezahlt werden und jede Zahlung belohnen',
    });
    const english = await productInfo('grow', { locale: 'en' });
    expect(english.displayAttributes?.name).toBe('Grow');
    expect(english.features?.find((f) => f.uniqueName === 'payment-links')?.displayAttributes?.name).toBe(
      'Payment links',
    );
    expect((await productInfo('grow', { locale: 'de-AT' })).features?.[2]?.displayAttributes?.name).toBe(
      'Zahlungslinks',
    );
  });

  it('a rerun changes nothing and creates nothing', async () => {
    await premiumCalls();
    const { changes } = await setUpPlanCatalog(env.wix, PLAN_CATALOG);
    expect(Object.values(changes).every((c) => c === 'UNCHANGED')).toBe(true);
    const calls = await premiumCalls();
    expect(calls.filter((c) => !c.endsWith('/query'))).toEqual([]);
    const { products } = await callPremium<{ products: unknown[] }>(env.wix, 'queryProducts', { body: { query: {} } });
    expect(products).toHaveLength(3);
  });

  it('a changed price updates that product only; a changed translation only that translation', async () => {
    const catalog = catalogCopy();
    catalog.products.find((p) => p.key === 'grow')!.prices.USD!.MONTHLY = '21';
    catalog.features.find((f) => f.key === 'csv-export')!.display.de!.title = 'Export als CSV';
    await premiumCalls();
    const { changes } = await setUpPlanCatalog(env.wix, catalog);
    const changed = Object.entries(changes).filter(([, c]) => c !== 'UNCHANGED');
    expect(changed).toEqual([
      ['product:grow', 'UPDATED'],
      ['translation:feature:csv-export:de', 'UPDATED'],
    ]);
    const writes = (await premiumCalls()).filter((c) => !c.endsWith('/query'));
    expect(writes).toEqual([
      'PATCH /premium-product-catalog/v2/products/:id',
      'POST /display-manager/v2/bulk/translatable-content/update',
    ]);
    const grow = await productInfo('grow', { currency: 'USD', locale: 'de' });
    expect(grow.prices?.find((p) => p.cycle === 'MONTHLY')?.amount).toBe('21.00');
    expect(grow.features?.find((f) => f.uniqueName === 'csv-export')?.displayAttributes?.name).toBe('Export als CSV');
  });

  it('a new locale adds its translations in one bulk call', async () => {
    const catalog = catalogCopy();
    catalog.products.find((p) => p.key === 'grow')!.prices.USD!.MONTHLY = '21';
    catalog.features.find((f) => f.key === 'csv-export')!.display.de!.title = 'Export als CSV';
    for (const entity of [catalog.productType, catalog.offering, ...catalog.features, ...catalog.products]) {
      entity.display.fr = { title: `FR ${entity.display.en!.title}` };
    }
    await premiumCalls();
    const { changes } = await setUpPlanCatalog(env.wix, catalog);
    expect(Object.entries(changes).filter(([, c]) => c !== 'UNCHANGED')).toHaveLength(11);
    expect((await premiumCalls()).filter((c) => !c.endsWith('/query'))).toEqual([
      'POST /display-manager/v2/bulk/translatable-content/create',
    ]);
    expect((await productInfo('studio', { locale: 'fr' })).displayAttributes?.name).toBe('FR Studio');
  });

  it('refuses a catalog that does not hold together, naming the field, before any Wix call', async () => {
    const catalog = catalogCopy() as unknown as { products: Array<{ features: Record<string, unknown> }> };
    catalog.products[1]!.features['payment-links'] = 3;
    await premiumCalls();
    await expect(setUpPlanCatalog(env.wix, catalog)).rejects.toMatchObject({
      name: 'InvalidInput',
      field: 'products.1.features.payment-links',
    });
    const noDefault = catalogCopy();
    delete (noDefault.products[0]!.display as Record<string, unknown>).en;
    await expect(setUpPlanCatalog(env.wix, noDefault)).rejects.toBeInstanceOf(InvalidInput);
    expect(await premiumCalls()).toEqual([]);
  });
});
