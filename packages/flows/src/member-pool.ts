import type { pools } from '@wix/benefit-programs';
import { type CatchUpResult, catchUpPool } from './membership.ts';
import { settled } from './pool-state.ts';
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
