import type { BuildDescriptors } from '@wix/sdk-types';
import type { SdkModules } from './sdk-modules.ts';

/** The SDK modules' methods as callable functions: what a client exposes, and what the module exports also are on Wix. */
type Bound = BuildDescriptors<SdkModules, undefined>;

/**
 * The Wix APIs the flows call, as the SDK modules expose them: on Wix the modules imported by the app's code
 * (`import { pools } from '@wix/benefit-programs'`), elsewhere the same modules bound to a client
 * (`createClient({ modules }).pools`). Flows receive them; they never import a client themselves.
 */
export interface WixApis {
  programDefinitions: Pick<
    Bound['programDefinitions'],
    'createProgramDefinition' | 'getProgramDefinitionByExternalIdAndNamespace' | 'updateProgramDefinition'
  >;
  poolDefinitions: Pick<
    Bound['poolDefinitions'],
    'createPoolDefinition' | 'updatePoolDefinition' | 'findPoolDefinitionsByProgramDefinition' | 'deletePoolDefinition'
  >;
  items: Pick<Bound['items'], 'bulkCreateItems' | 'bulkDeleteItems' | 'queryItems'>;
  programs: Pick<
    Bound['programs'],
    | 'provisionProgram'
    | 'getProgramByExternalIdAndNamespace'
    | 'renewProgram'
    | 'endProgram'
    | 'pauseProgram'
    | 'resumeProgram'
    | 'queryPrograms'
    | 'getProgram'
  >;
  pools: Pick<Bound['pools'], 'queryPools' | 'getPool' | 'redeemBenefit'>;
  balances: Pick<Bound['balances'], 'getBalance' | 'changeBalance' | 'revertBalanceChange' | 'queryBalances'>;
  transactions: Pick<Bound['transactions'], 'queryTransactions' | 'getTransaction'>;
  productsV3: Pick<Bound['productsV3'], 'queryProducts' | 'searchProducts' | 'getProduct'>;
  catalogVersioning: Pick<Bound['catalogVersioning'], 'getCatalogVersion'>;
  members: Pick<Bound['members'], 'queryMembers'>;
  /** The app's instance on the site (`GET /apps/v1/instance`): its plan (billing), what the owner may buy. */
  appInstances: Pick<Bound['appInstances'], 'getAppInstance'>;
  /** Wix Automations' triggered events: the app's moments, reported as its triggers (`automations.ts`). */
  activations: Pick<Bound['activations'], 'reportEvent' | 'cancelEvent'>;
  /** Wix Data items, for the app's own collections (pickups). */
  data: Pick<Bound['data'], 'insert' | 'bulkInsert' | 'get' | 'update' | 'save' | 'query' | 'bulkRemove'>;
  /** Wix Data collections: the app creates its own (`collections.ts`). */
  dataCollections: Pick<Bound['dataCollections'], 'createDataCollection'>;
  /**
   * An authenticated call to a Wix REST route that has no SDK function (Benefit Programs' Cancel Redemption):
   * `httpClient.fetchWithAuth` on Wix, `client.fetchWithAuth` elsewhere.
   */
  fetchWithAuth(url: string, init: RequestInit): Promise<Response>;
  /**
   * The same as the caller, not elevated: what only the site owner may call (the premium offering and order page,
   * `premium.ts`). On Wix `httpClient.fetchWithAuth` in a dashboard web method; absent where there is no owner.
   */
  ownerFetchWithAuth?(url: string, init: RequestInit): Promise<Response>;
  /**
   * The site's IANA time zone (Wix site properties, `siteProperties.getSiteProperties({ fields: ['timeZone'] })`).
   * Renewals fall at the end of each calendar month there; visits count per day there.
   */
  siteTimeZone(): Promise<string>;
  /**
   * Which caller's session this call runs for, read from the request without a Wix call (on Wix a digest of the
   * request's authorization token; a session belongs to one site; for an event, its instance): what the plan cache
   * maps to the site's app instance, and what the backend keeps per site (`site-cache.ts`). Answering undefined, nothing
   * is kept for the call. Absent where a process serves one site (tests).
   */
  sessionKey?(): Promise<string | undefined>;
  /** The site's payment currency (Wix site properties' `paymentCurrency`, ISO 4217): what payment links charge in. */
  siteCurrency(): Promise<string>;
  /**
   * The site's call budget: the Wix calls the app made in the last minute, as far as this process counted them
   * (`withRetries` does), and how many a minute Wix allows (200 a site). Background work (the renewal sweep, bringing
   * members in) stops early when it nears the limit, leaving the rest to live traffic, and resumes on its next run.
   */
  callBudget?(): { used: number; limit: number };
}

/** The share of the site's calls a minute that background work may use before it yields to live traffic. */
const BACKGROUND_SHARE = 0.75;

/** Whether background work should stop for now and leave the site's call budget to live traffic. */
export function backgroundShouldYield(wix: WixApis): boolean {
  const budget = wix.callBudget?.();
  return !!budget && budget.used >= budget.limit * BACKGROUND_SHARE;
}

/** The Wix Stores app id: the provider of the products benefits are redeemed for. */
export const STORES_APP_ID = '215238eb-22a5-4c36-9e7b-e7c08025e04e';

/** The namespace of everything Gym Rewards creates in Benefit Programs. */
export const NAMESPACE = 'gym-rewards';

/** Tells the time: flows never read the system clock themselves. */
export type Clock = () => Date;

/** The Wix error code of a failed SDK call (`details.applicationError.code`), if it has one. */
export function wixErrorCode(error: unknown): string | undefined {
  return (error as { details?: { applicationError?: { code?: string } } })?.details?.applicationError?.code;
}

/**
 * Whether a failed SDK call was Wix's "not found": lookups documented with no custom errors answer the standard
 * `NOT_FOUND`, and any 404 reads the same whatever code it carries.
 */
export function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; httpStatus?: number };
  return wixErrorCode(error) === 'NOT_FOUND' || e?.status === 404 || e?.httpStatus === 404;
}

/** Whether a Wix Data insert was refused because an item with that id exists (Wix Data's WDE0074). */
export function isDuplicateItem(error: unknown): boolean {
  return wixErrorCode(error) === 'WDE0074';
}
