import { createHash } from 'node:crypto';
import { BackgroundBudget, backgroundRun, type WixApis, withRetries } from '@gym-rewards/flows';
import { SDK_MODULES, type SdkModules } from '@gym-rewards/flows/sdk-modules';
import { siteProperties } from '@wix/business-tools';
import { auth, httpClient } from '@wix/essentials';

/** Every function of an SDK module, elevated to the app's identity. */
function elevated<M extends object>(module: M): M {
  return Object.fromEntries(
    Object.entries(module).map(([name, value]) => [
      name,
      typeof value === 'function' ? auth.elevate(value as never) : value,
    ]),
  ) as M;
}

/**
 * The site's time zone and payment currency, kept for five minutes: read before almost every flow, changed when the
 * owner changes the site's settings, rarely (a Wix call saved on each visit, widget load and redemption).
 */
let kept: { timeZone: string; currency: string; until: number } | undefined;
async function siteSettings(site: typeof siteProperties) {
  if (kept && kept.until > Date.now()) return kept;
  const { properties } = await site.getSiteProperties({ fields: ['timeZone', 'paymentCurrency'] });
  kept = {
    timeZone: properties?.timeZone ?? 'UTC',
    currency: properties?.paymentCurrency ?? 'USD',
    until: Date.now() + 5 * 60_000,
  };
  return kept;
}

/**
 * The caller's session, without a Wix call: a digest of the request's authorization token (a token belongs to one
 * site). `auth.getTokenInfo()` would name the site and instance but POSTs to Wix's `oauth2/token-info` on every call;
 * the plan cache learns the instance id from the app instance answer instead. Undefined when the request carries none.
 */
async function sessionKey(): Promise<string | undefined> {
  try {
    const { headers } = await auth.getContextualAuth().getAuthHeaders(undefined as never);
    const token = headers.Authorization ?? headers.authorization;
    return token ? createHash('sha256').update(token).digest('hex') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The SDK modules the flows call, every function elevated, with the site's time zone and the REST escape hatch; for
 * background work, every call paced by its `budget`.
 */
function build(budget?: BackgroundBudget): WixApis {
  const site = elevated(siteProperties);
  const modules = Object.fromEntries(
    Object.entries(SDK_MODULES).map(([name, module]) => [name, elevated(module)]),
  ) as SdkModules;
  // Calls over the site's 200-a-minute budget are retried with backoff; the app's collections are made when missing.
  return withRetries(
    {
      ...modules,
      fetchWithAuth: auth.elevate(httpClient.fetchWithAuth) as WixApis['fetchWithAuth'],
      // Not elevated: the caller's own session (the site owner in a dashboard web method), for what only the owner may
      // call (the premium offering and order page).
      ownerFetchWithAuth: httpClient.fetchWithAuth as WixApis['fetchWithAuth'],
      sessionKey,
      siteTimeZone: async () => (await siteSettings(site)).timeZone,
      siteCurrency: async () => (await siteSettings(site)).currency,
    },
    budget ? { budget } : {},
  );
}

/**
 * Runs background work (the renewal sweep) on Wix APIs of its own, paced within background work's share of the site's
 * call budget (at most 120 of the 200 a minute, less what the last minute's visits used: `call-budget.ts` in the flows)
 * and pausing on 429s; answers once the pace lets the next run start, so a scheduler calling again at once keeps it. Each run has its own budget: a backend on
 * Wix shares no memory between requests.
 */
export function inBackground<T>(work: (wix: WixApis) => Promise<T>): Promise<T> {
  const budget = new BackgroundBudget();
  return backgroundRun(budget, build(budget), work);
}

let wix: WixApis | undefined;

/**
 * The Wix APIs the flows take, as the app's own identity (elevated), built once: an elevated function finds the
 * request's Wix context when it is called. Backend code calls this only after it has authorized its caller: an event
 * from Wix, a web method's permission and session, a signed request.
 */
export function elevatedWix(): WixApis {
  wix ??= build();
  return wix;
}

/**
 * The same, for an event Wix sent about one site: its instance (`metadata.instanceId`, in the signed event) names the
 * site whose program, plan and members' count the backend keeps (`siteCached`, the plan cache). An event runs with no
 * session of its own, so without the instance nothing is kept.
 */
export function elevatedWixForSite(instanceId: string | null | undefined): WixApis {
  if (!instanceId) return elevatedWix();
  return { ...elevatedWix(), sessionKey: async () => `instance:${instanceId}` };
}
