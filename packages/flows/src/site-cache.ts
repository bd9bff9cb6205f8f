import type { WixApis } from './wix.ts';

/**
 * What does not change between requests, kept in the backend per site for a short life (`KEPT_MS`): the program
 * definition members join, the program's benefit items, the store's names and images of their products; per session,
 * the caller a session's token was found to be and the member's active pool for their next redemption (which Wix
 * checks itself: `member-pool.ts`). A Wix backend has no memory shared between requests guaranteed, so this is an
 * optimisation only: a cold cache reads from Wix, and nothing that must be exact (balances, the ledger, pickups) is
 * ever kept.
 *
 * The site is named without a Wix call (`wix.sessionKey`: on Wix a digest of the request's authorization, which belongs
 * to one site); a call whose site cannot be named reads afresh, never another site's. A process given no `sessionKey`
 * serves one site (tests). The owner saving the program forgets every site's (`forgetSiteCaches`): a save is rare, and
 * another site reading once more is never stale. Another backend process forgets what it kept after `KEPT_MS`.
 */
export const KEPT_MS = 60_000;
/** How many entries a process keeps before it forgets the oldest. */
const KEPT_MAX = 5_000;
const ONE_SITE = 'this-process';

const kept = new Map<string, { value: Promise<unknown>; until: number }>();

/** The key of the site a call serves, or undefined when it cannot be named (then nothing is kept). */
async function siteOf(wix: WixApis): Promise<string | undefined> {
  return wix.sessionKey ? await wix.sessionKey() : ONE_SITE;
}

/**
 * `make()`'s answer for this site, kept for `KEPT_MS`. Concurrent calls share one read; a failed read is not kept.
 * Options: `keep` decides whether an answer is kept (e.g. not "not set up yet"); `fresh` reads afresh (and keeps that);
 * `now` is the process's time (a cache's life is wall-clock, not the platform's); `site` names the site by what Wix
 * answered (an id of the site's own, such as its program definition's), for callers whose session cannot name it.
 */
export async function siteCached<T>(
  wix: WixApis,
  name: string,
  make: () => Promise<T>,
  options: { keep?: (value: T) => boolean; fresh?: boolean; now?: () => number; site?: string } = {},
): Promise<T> {
  const { keep = () => true, fresh = false, now = Date.now } = options;
  const site = options.site ?? (await siteOf(wix));
  if (site === undefined) return make();
  const key = `${site}\u0000${name}`;
  const entry = kept.get(key);
  if (entry && entry.until > now() && !fresh) return entry.value as Promise<T>;
  const value = make();
  kept.delete(key);
  kept.set(key, { value, until: now() + KEPT_MS });
  if (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value as string);
  const forget = () => {
    if (kept.get(key)?.value === value) kept.delete(key);
  };
  value.then((answer) => !keep(answer) && forget(), forget);
  return value;
}

/** What this site keeps under `name` now, without reading anything when nothing is kept. */
export async function keptNow<T>(
  wix: WixApis,
  name: string,
  now = Date.now,
  site?: string,
): Promise<Promise<T> | undefined> {
  site ??= await siteOf(wix);
  const entry = site === undefined ? undefined : kept.get(`${site}\u0000${name}`);
  return entry && entry.until > now() ? (entry.value as Promise<T>) : undefined;
}

/** Forgets what one site (or session) keeps under `name`. */
export function forgetKept(site: string, name: string): void {
  kept.delete(`${site}\u0000${name}`);
}

/**
 * Forgets what every site kept (`name`: only that): the owner saved the program (its definition, items or products
 * changed), or changed what `name` keeps.
 */
export function forgetSiteCaches(name?: string): void {
  for (const key of kept.keys()) if (!name || key.endsWith(`\u0000${name}`)) kept.delete(key);
}
