import type { WixApis } from './wix.ts';
import { wixErrorCode } from './wix.ts';

/**
 * The app's own Wix Data collections, all of them, in one place. The legacy Wix CLI has no data-collections extension
 * (the new CLI's is in developer preview), so the app creates them itself with the Data Collections API the first time
 * one is needed (`withRetries` in `retries.ts`). Only the app reads and writes them, as itself: every permission is
 * `ADMIN`.
 */
export const COLLECTIONS = {
  /** What members redeemed and pick up at the front desk (`pickups.ts`). */
  pickups: 'GymRewardsPickups',
  /** The front desk's decision on each pickup: handed over or voided, once (`pickups.ts`). */
  handovers: 'GymRewardsHandovers',
  /** Each visit once, and each day's visit slots of a member (`visits.ts`). */
  visits: 'GymRewardsVisits',
  /** The site's settings of the app: the door secret. */
  settings: 'GymRewardsSettings',
  /** The payment links the app made: the request that made each (once), its amount (`payment-links.ts`). */
  paymentLinks: 'GymRewardsPaymentLinks',
  /** The last places of the plan's member limit, each taken by one member (`places.ts`). */
  places: 'GymRewardsPlaces',
} as const;

const ALL: ReadonlySet<string> = new Set(Object.values(COLLECTIONS));

/** Creates one of the app's collections; answers false for a collection that is not the app's. */
export async function ensureCollection(wix: WixApis, collection: string): Promise<boolean> {
  if (!ALL.has(collection)) return false;
  try {
    await wix.dataCollections.createDataCollection({
      _id: collection,
      displayName: collection,
      fields: [],
      permissions: { insert: 'ADMIN', read: 'ADMIN', update: 'ADMIN', remove: 'ADMIN' },
    });
  } catch (error) {
    // Made a moment ago by another call.
    if (wixErrorCode(error) !== 'ALREADY_EXISTS') throw error;
  }
  return true;
}
