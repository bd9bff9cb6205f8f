import type { pools } from '@wix/benefit-programs';
import { type CatchUpResult, catchUpPool } from './membership.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

export type Pool = pools.Pool;

/**
 * A member's pool in the program, caught up to `now` (renewals due applied, ended when the membership is over).
 * Undefined when the member has no program. One Wix call when nothing is due.
 */
export async function currentPool(
  wix: WixApis,
  memberId: string,
  now: Date,
): Promise<{ pool?: Pool; catchUp?: CatchUpResult }> {
  const { items } = await wix.pools
    .queryPools()
    .eq('beneficiary.memberId', memberId)
    .eq('namespace', NAMESPACE)
    .descending('_createdDate')
    .limit(10)
    .find();
  const pool = items.find((p) => p.status !== 'ENDED') ?? items[0];
  if (!pool) return {};
  const caughtUp = await catchUpPool(wix, pool, now);
  if (caughtUp.calls === 0) return { pool, catchUp: caughtUp };
  return { pool: await wix.pools.getPool(pool._id!), catchUp: caughtUp };
}
