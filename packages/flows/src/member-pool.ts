import type { pools } from '@wix/benefit-programs';
import { type CatchUpResult, catchUpPool } from './membership.ts';
import { poolState, settled } from './pool-state.ts';
import { forgetKept, keptNow, siteCached } from './site-cache.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

export type Pool = pools.Pool;
export { type PoolState, poolState } from './pool-state.ts';

/**
 * A member's pool in the program, caught up to `now` (renewals due applied, ended when the membership is over), its
 * job waited out when it is updating, and the site's time zone. Undefined pool when the member has no program. One
 * round of Wix calls when nothing is due.
 */
export async function currentPool(
  wix: WixApis,
  memberId: string,
  now: Date,
): Promise<{ pool?: Pool; catchUp?: CatchUpResult; timeZone: string; reread?: boolean }> {
  const [{ items }, timeZone] = await Promise.all([
    wix.pools
      .queryPools()
      .eq('beneficiary.memberId', memberId)
      .eq('namespace', NAMESPACE)
      .descending('_createdDate')
      .limit(10)
      .find(),
    wix.siteTimeZone(),
  ]);
  const pool = items.find((p) => p.status !== 'ENDED') ?? items[0];
  if (!pool) return { timeZone };
  const caughtUp = await catchUpPool(wix, pool, now, timeZone);
  const latest = caughtUp.calls === 0 ? pool : await wix.pools.getPool(pool._id!);
  let reread = caughtUp.calls > 0;
  const current = await settled(wix, latest, () => {
    reread = true;
  });
  // `reread`: a job ran or was waited out, so what was read alongside the pool (its balance) may be older than it.
  return { pool: current, catchUp: caughtUp, timeZone, reread };
}

/** The name a session keeps a member's pool under. */
const keptPoolName = (memberId: string) => `pool:${memberId}`;

/** The caller's session, when the Wix APIs can name one (nothing is kept for a call that cannot). */
const sessionOf = async (wix: WixApis) => (wix.sessionKey ? await wix.sessionKey() : undefined);

/**
 * Keeps a member's active pool for the caller's session (`site-cache.ts`, a short life), so the session's next
 * redemption need not read it again: Wix's Redeem Benefit checks the pool itself (it refuses a pool not active or not
 * found), and `redeem` reads afresh when it does, or when a renewal or the end is due by the kept pool's dates. The
 * pool's balance is never kept. A pool not active, or a call with no session, keeps nothing (and forgets what was kept).
 */
export async function keepPoolForSession(wix: WixApis, memberId: string, pool: Pool | undefined): Promise<void> {
  const session = await sessionOf(wix);
  if (!session) return;
  if (poolState(pool) !== 'ACTIVE') {
    forgetKept(session, keptPoolName(memberId));
    return;
  }
  await siteCached(wix, keptPoolName(memberId), async () => pool, { fresh: true, site: session });
}

/** Forgets the member's pool this session kept (Wix refused it: it changed since). */
export async function forgetPoolForSession(wix: WixApis, memberId: string): Promise<void> {
  const session = await sessionOf(wix);
  if (session) forgetKept(session, keptPoolName(memberId));
}

/** The member's pool as this session kept it (active when kept), or undefined; reads nothing. */
export async function poolKeptForSession(wix: WixApis, memberId: string): Promise<Pool | undefined> {
  const session = await sessionOf(wix);
  if (!session) return undefined;
  return (await keptNow<Pool | undefined>(wix, keptPoolName(memberId), Date.now, session)) ?? undefined;
}

/** Whether the kept pool has nothing due by `now` (no renewal, not its end, no job running): no Wix call. */
export async function nothingDue(wix: WixApis, pool: Pool, now: Date): Promise<boolean> {
  const result = await catchUpPool(wix, pool, now, await wix.siteTimeZone(), 0);
  return result.complete && result.calls === 0;
}
