import type { pools } from '@wix/benefit-programs';
import { type CatchUpResult, catchUpPool } from './membership.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

export type Pool = pools.Pool;

/**
 * What a pool's status means to a member. Provisioning, renewing and ending are jobs Wix runs after answering
 * (`jobId`): the pool shows a transient status meanwhile, which is "updating", never "paused".
 */
export type PoolState = 'NONE' | 'ACTIVE' | 'PAUSED' | 'ENDED' | 'UPDATING';

export function poolState(pool: Pool | undefined): PoolState {
  switch (pool?.status) {
    case undefined:
      return 'NONE';
    case 'ACTIVE':
      return 'ACTIVE';
    case 'PAUSED':
      return 'PAUSED';
    case 'ENDED':
      return 'ENDED';
    default:
      return 'UPDATING';
  }
}

/** How long a flow waits for a pool's job to finish before answering "updating": about 3 s in all. */
const SETTLE_WAITS_MS = [200, 400, 800, 1600];

/** The pool once its transient status is over, or as it stands after a few short waits. */
async function settled(wix: WixApis, pool: Pool): Promise<Pool> {
  let current = pool;
  for (const wait of SETTLE_WAITS_MS) {
    if (poolState(current) !== 'UPDATING') return current;
    await new Promise((resolve) => setTimeout(resolve, wait));
    current = await wix.pools.getPool(current._id!);
  }
  return current;
}

/**
 * A member's pool in the program, caught up to `now` (renewals due applied, ended when the membership is over), its
 * job waited out when it is updating, and the site's time zone. Undefined pool when the member has no program. One
 * round of Wix calls when nothing is due.
 */
export async function currentPool(
  wix: WixApis,
  memberId: string,
  now: Date,
): Promise<{ pool?: Pool; catchUp?: CatchUpResult; timeZone: string }> {
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
  return { pool: await settled(wix, latest), catchUp: caughtUp, timeZone };
}
