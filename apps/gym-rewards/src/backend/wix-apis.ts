import { type WixApis, withRetries } from '@gym-rewards/flows';
import {
  balances,
  items,
  poolDefinitions,
  pools,
  programDefinitions,
  programs,
  transactions,
} from '@wix/benefit-programs';
import { siteProperties } from '@wix/business-tools';
import { items as data, collections as dataCollections } from '@wix/data';
import { auth, httpClient } from '@wix/essentials';
import { members } from '@wix/members';
import { catalogVersioning, productsV3 } from '@wix/stores';

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
 * The site's time zone, kept for five minutes: it is read before almost every flow and changes when the owner changes
 * the site's settings, rarely (a Wix call saved on each visit, widget load and redemption).
 */
let zone: { value: string; until: number } | undefined;
async function siteTimeZone(site: typeof siteProperties): Promise<string> {
  if (zone && zone.until > Date.now()) return zone.value;
  const { properties } = await site.getSiteProperties({ fields: ['timeZone'] });
  zone = { value: properties?.timeZone ?? 'UTC', until: Date.now() + 5 * 60_000 };
  return zone.value;
}

/**
 * The Wix APIs the flows take, as the app's own identity (elevated). Backend code calls this only after it has
 * authorized its caller: an event from Wix, a web method's permission and session, a signed request.
 */
export function elevatedWix(): WixApis {
  const site = elevated(siteProperties);
  // Calls over the site's 200-a-minute budget are retried with backoff; the app's collections are made when missing.
  return withRetries({
    programDefinitions: elevated(programDefinitions),
    poolDefinitions: elevated(poolDefinitions),
    items: elevated(items),
    programs: elevated(programs),
    pools: elevated(pools),
    balances: elevated(balances),
    transactions: elevated(transactions),
    productsV3: elevated(productsV3),
    catalogVersioning: elevated(catalogVersioning),
    members: elevated(members),
    data: elevated(data),
    dataCollections: elevated(dataCollections),
    fetchWithAuth: auth.elevate(httpClient.fetchWithAuth) as WixApis['fetchWithAuth'],
    siteTimeZone: () => siteTimeZone(site),
  });
}
