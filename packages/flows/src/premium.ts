import { callRoute, type Route } from './get-paid.ts';
import type { WixApis } from './wix.ts';

/**
 * Wix's premium platform (Premium Product Catalog V2, Feature Catalog, Display Manager, Dynamic Offering) over REST.
 * These APIs are internal to Wix: no npm package, no public reference. Only the endpoint NAMES are known (the seed
 * `premium-catalog-sample-flows.md`); EVERY PATH BELOW IS OUR GUESS, the same as the emulator's table
 * (`packages/wix-emulator/src/services/premium/README.md`, "Routes"), kept in this one table so it can be corrected
 * against Wix's reference in one place. `caller` says whose identity a route takes: the catalog is the app's (set up
 * with its identity), the offering and the order page are the site owner's (the caller of a dashboard web method).
 * Calls go through the Wix client's `fetchWithAuth` (counted and retried by `withRetries`); a refusal is thrown as the
 * SDK throws one (`WixRestError`).
 */
const APP = 'APP' as const;
const OWNER = 'OWNER' as const;
export const PREMIUM_ROUTES = {
  /** Create Product Type (seed step 1). Path: our guess. */
  createProductType: { method: 'POST', path: '/premium-product-catalog/v2/product-types', caller: APP },
  /** Query Product Types (what a rerun finds by name). Path: our guess. */
  queryProductTypes: { method: 'POST', path: '/premium-product-catalog/v2/product-types/query', caller: APP },
  updateProductType: { method: 'PATCH', path: '/premium-product-catalog/v2/product-types/{id}', caller: APP },
  /** Create Product Family (seed step 2). Path: our guess. */
  createProductFamily: { method: 'POST', path: '/premium-product-catalog/v2/product-families', caller: APP },
  queryProductFamilies: { method: 'POST', path: '/premium-product-catalog/v2/product-families/query', caller: APP },
  updateProductFamily: { method: 'PATCH', path: '/premium-product-catalog/v2/product-families/{id}', caller: APP },
  /** Create Feature (Feature Catalog, seed step 3). Path: our guess. */
  createFeature: { method: 'POST', path: '/premium-feature-catalog/v2/features', caller: APP },
  queryFeatures: { method: 'POST', path: '/premium-feature-catalog/v2/features/query', caller: APP },
  updateFeature: { method: 'PATCH', path: '/premium-feature-catalog/v2/features/{id}', caller: APP },
  /** Create Product (seed step 4). Path: our guess. */
  createProduct: { method: 'POST', path: '/premium-product-catalog/v2/products', caller: APP },
  queryProducts: { method: 'POST', path: '/premium-product-catalog/v2/products/query', caller: APP },
  updateProduct: { method: 'PATCH', path: '/premium-product-catalog/v2/products/{id}', caller: APP },
  /** Create Display Attributes (Display Manager, seed step 5). Path: our guess. */
  createDisplayAttributes: { method: 'POST', path: '/display-manager/v2/display-attributes', caller: APP },
  queryDisplayAttributes: { method: 'POST', path: '/display-manager/v2/display-attributes/query', caller: APP },
  updateDisplayAttributes: { method: 'PATCH', path: '/display-manager/v2/display-attributes/{id}', caller: APP },
  /** Create Bulk Translatable Content (seed step 6: every translation in one call). Path: our guess. */
  createBulkTranslatableContent: {
    method: 'POST',
    path: '/display-manager/v2/bulk/translatable-content/create',
    caller: APP,
  },
  queryTranslatableContent: { method: 'POST', path: '/display-manager/v2/translatable-content/query', caller: APP },
  updateBulkTranslatableContent: {
    method: 'POST',
    path: '/display-manager/v2/bulk/translatable-content/update',
    caller: APP,
  },
  /** Get Product Info (Dynamic Offering, display step 1): the product with its pricing. Path: our guess. */
  getProductInfo: { method: 'GET', path: '/dynamic-offering/v1/product-info/{productId}', caller: APP },
  /** Get User Offering (display step 2): what the site owner can buy. Path: our guess. */
  getUserOffering: { method: 'POST', path: '/dynamic-offering/v1/user-offering', caller: OWNER },
  /** Create Order Page (display step 3): `orderSessionId` and `riskIframeUrl`. Path: our guess. */
  createOrderPage: { method: 'POST', path: '/dynamic-offering/v1/order-pages', caller: OWNER },
} as const satisfies Record<string, Route & { caller: 'APP' | 'OWNER' }>;

export type PremiumRoute = keyof typeof PREMIUM_ROUTES;

/**
 * Calls one route of the premium table as its caller: the app (`wix.fetchWithAuth`, elevated) or the site owner
 * (`wix.ownerFetchWithAuth`, the caller's own session).
 */
export function callPremium<T>(
  wix: Pick<WixApis, 'fetchWithAuth' | 'ownerFetchWithAuth'>,
  route: PremiumRoute,
  options: { params?: Record<string, string>; body?: unknown; query?: Record<string, string> } = {},
): Promise<T> {
  const spec = PREMIUM_ROUTES[route];
  if (spec.caller === OWNER && !wix.ownerFetchWithAuth)
    throw new Error(`${route} is the site owner's: no owner session`);
  const fetchWithAuth = spec.caller === OWNER ? wix.ownerFetchWithAuth : undefined;
  return callRoute<T>(wix, route, spec, { ...options, ...(fetchWithAuth ? { fetchWithAuth } : {}) });
}

/** How often a plan is paid for (`PaymentCycle` of `@wix/app-management`, the ones the app's plans use). */
export type BillingCycle = 'MONTHLY' | 'YEARLY';

/** What every premium entity carries. */
export interface PremiumEntity {
  id: string;
  revision?: string;
  [field: string]: unknown;
}

export interface ProductFeature {
  featureId: string;
  /** How many, for a QUANTITY feature; or `unlimited: true`. Neither for a BOOLEAN feature. */
  quantity?: number | null;
  unlimited?: boolean | null;
}

/** A price with its tax as Get Product Info and Get User Offering answer it. */
export interface OfferedPrice {
  currency: string;
  cycle: string;
  amount: string;
  tax?: { name?: string; rate?: string; included?: boolean; amount?: string };
  total?: string;
}

export interface ProductInfo {
  productId: string;
  vendorProductId: string;
  productTypeId: string;
  name?: string;
  status?: string;
  billingCycles?: string[];
  prices?: OfferedPrice[];
  features?: Array<ProductFeature & { uniqueName?: string; type?: string; displayAttributes?: Record<string, string> }>;
  displayAttributes?: Record<string, string>;
}

export interface UserOffering {
  productTypeId: string;
  locale?: string;
  currency?: string;
  supportedCurrencies?: string[];
  taxSettings?: { name?: string; rate?: string; included?: boolean };
  displayAttributes?: Record<string, string>;
  products: ProductInfo[];
}

export interface OrderPage {
  orderSessionId: string;
  riskIframeUrl: string;
}
