import type { WixApis } from './wix.ts';

/**
 * Wix's Payment Links, Contacts and eCommerce orders over REST: no SDK package for Payment Links is on the registry
 * (the docs name `@wix/get-paid`), so the app calls Wix's documented REST routes with the Wix client's `fetchWithAuth`
 * (which `withRetries` counts and retries on 429 like any other Wix call). The routes are in one table, so they can be
 * checked against Wix's reference in one place. A refusal is thrown in the shape the SDK throws (`transformError` of
 * `@wix/sdk-runtime`): `details.applicationError { code, description, data }` or `details.validationError`, and
 * `status`, so `wixErrorCode`, `isNotFound` and the app's refusal mapping read it as any other Wix call's.
 */
export const ROUTES = {
  createPaymentLink: { method: 'POST', path: '/payment-links/v1/payment-links' },
  getPaymentLink: { method: 'GET', path: '/payment-links/v1/payment-links/{paymentLinkId}' },
  deletePaymentLink: { method: 'DELETE', path: '/payment-links/v1/payment-links/{paymentLinkId}' },
  queryPaymentLinks: { method: 'POST', path: '/payment-links/v1/payment-links/query' },
  sendPaymentLink: { method: 'POST', path: '/payment-links/v1/payment-links/{paymentLinkId}/send' },
  activatePaymentLink: { method: 'POST', path: '/payment-links/v1/payment-links/{paymentLinkId}/activate' },
  deactivatePaymentLink: { method: 'POST', path: '/payment-links/v1/payment-links/{paymentLinkId}/deactivate' },
  initiatePayment: { method: 'POST', path: '/payment-links/v1/payment-links/{paymentLinkId}/initiate-payment' },
  queryPaymentLinkPayments: { method: 'POST', path: '/payment-links/v1/payment-link-payments/query' },
  queryContacts: { method: 'POST', path: '/contacts/v4/contacts/query' },
  getContact: { method: 'GET', path: '/contacts/v4/contacts/{contactId}' },
  getOrder: { method: 'GET', path: '/ecom/v1/orders/{orderId}' },
  searchOrders: { method: 'POST', path: '/ecom/v1/orders/search' },
} as const;

export type RouteName = keyof typeof ROUTES;

const ORIGIN = 'https://www.wixapis.com';

/** The documented line items of an `ECOM` payment link. */
export type LineItem =
  | { type: 'CUSTOM'; customItem: { name: string; quantity: number; price: string; description?: string } }
  | {
      type: 'CATALOG';
      catalogItem: {
        quantity: number;
        catalogReference: { appId: string; catalogItemId: string; options?: { variantId?: string } };
        catalogOverrideFields?: { productName?: { original?: string }; price?: string };
      };
    };

export type PaymentLinkStatus = 'ACTIVE' | 'INACTIVE' | 'PAID' | 'EXPIRED';
export type PaymentLinkType = 'ECOM' | 'ECOM_ORDER';
export type SendMethod = 'EMAIL_METHOD' | 'SMS_METHOD';

export interface Recipient {
  contactId: string;
  sendMethods?: SendMethod[];
}

/** What every entity these flows read has: its id, its creation date, and fields the flows pass on untouched. */
interface Entity {
  id: string;
  createdDate?: string;
  [name: string]: unknown;
}

/** A payment link as Wix answers it (the fields the app reads). */
export interface PaymentLink extends Entity {
  revision?: string;
  updatedDate?: string;
  title?: string;
  description?: string;
  currency?: string;
  type?: PaymentLinkType;
  status?: PaymentLinkStatus;
  recipients?: Recipient[];
  expirationDate?: string | null;
  paymentsLimit?: number | null;
  totalPayments?: number;
  lastPaymentDate?: string | null;
  links?: { url?: string; shortUrl?: string; [name: string]: unknown };
  ecomPaymentLink?: { lineItems?: LineItem[]; [name: string]: unknown };
  ecomOrderPaymentLink?: { orderId?: string; amount?: string };
}

/** A payment made through a payment link. */
export interface PaymentLinkPayment extends Entity {
  amount?: string;
  currencyCode?: string;
  paymentLinkId?: string;
  receiptId?: string;
  type?: string;
  regularPaymentLinkPayment?: {
    paymentMethod?: string;
    contactDetails?: {
      contactId?: string;
      email?: string;
      firstName?: string;
      lastName?: string;
      [k: string]: unknown;
    };
    order?: { ecomOrder?: { ecomOrderId?: string } };
  };
}

export interface Contact extends Entity {
  info?: {
    name?: { first?: string; last?: string };
    emails?: { items?: Array<{ email?: string; primary?: boolean }> };
  };
  primaryInfo?: { email?: string; phone?: string };
}

export interface Order extends Entity {
  number?: string;
  paymentStatus?: string;
  currency?: string;
  priceSummary?: { total?: { amount?: string; formattedAmount?: string } };
  balanceSummary?: { balance?: { amount?: string } };
  buyerInfo?: { contactId?: string; memberId?: string; email?: string };
}

export interface CursorPage {
  cursors?: { next?: string | null };
  hasNext?: boolean;
}

/** What the SDK throws for a refusal, made from Wix's error body (as `@wix/sdk-runtime`'s `transformError` does). */
export class WixRestError extends Error {
  constructor(
    readonly status: number,
    readonly details: {
      applicationError?: { code: string; description: string; data: Record<string, unknown> };
      validationError?: { fieldViolations: Array<{ field: string; description: string }> };
      requestId?: string;
    },
    message: string,
  ) {
    super(message);
    this.name = 'WixRestError';
  }

  static async of(response: Response): Promise<WixRestError> {
    const body = (await response.json().catch(() => ({}))) as {
      message?: string;
      details?: WixRestError['details'] & { applicationError?: { code?: string; description?: string; data?: object } };
    };
    const requestId = response.headers.get('x-wix-request-id') ?? undefined;
    const message = body.message ?? response.statusText ?? `HTTP ${response.status}`;
    if (body.details?.validationError) {
      const { fieldViolations = [] } = body.details.validationError;
      return new WixRestError(response.status, { validationError: { fieldViolations }, requestId }, message);
    }
    const application = body.details?.applicationError;
    // As the SDK's `constantCase` of the status text: `Service Unavailable` → `SERVICE_UNAVAILABLE`.
    const code =
      application?.code ?? (response.statusText || `HTTP ${response.status}`).toUpperCase().replace(/\W+/g, '_');
    const description = application?.description ?? message;
    const data = (application?.data ?? {}) as Record<string, unknown>;
    return new WixRestError(response.status, { applicationError: { code, description, data }, requestId }, message);
  }
}

/** A route of a REST table: its verb and its path, `{params}` in braces. */
export interface Route {
  method: string;
  path: string;
}

/**
 * Calls one route of the table: fills its `{params}` (URL-encoded), sends `body` as JSON, answers Wix's JSON or
 * throws a `WixRestError`.
 */
export function callWix<T>(
  wix: WixApis,
  route: RouteName,
  options: { params?: Record<string, string>; body?: unknown } = {},
): Promise<T> {
  return callRoute<T>(wix, route, ROUTES[route], options);
}

/** Calls a route of any table of Wix REST routes (`name` only names it in errors), as `callWix` does. */
export async function callRoute<T>(
  wix: Pick<WixApis, 'fetchWithAuth'>,
  name: string,
  { method, path }: Route,
  options: {
    params?: Record<string, string>;
    body?: unknown;
    query?: Record<string, string>;
    /** Another identity's `fetchWithAuth` (the caller's, not the app's). */
    fetchWithAuth?: WixApis['fetchWithAuth'];
  } = {},
): Promise<T> {
  const search = options.query ? `?${new URLSearchParams(options.query)}` : '';
  const url = path.replace(/\{(\w+)\}/g, (_, param: string) => {
    const value = options.params?.[param];
    if (value === undefined) throw new Error(`${name}: no value for {${param}}`);
    return encodeURIComponent(value);
  });
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const response = await (options.fetchWithAuth ?? wix.fetchWithAuth)(`${ORIGIN}${url}${search}`, init);
  if (!response.ok) throw await WixRestError.of(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}
