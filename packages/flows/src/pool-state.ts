import type { pools } from '@wix/benefit-programs';
import type { WixApis } from './wix.ts';

type Pool = pools.Pool;

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

/** The most reads `settled` makes. */
export const MAX_SETTLE_READS = SETTLE_WAITS_MS.length;

/** The pool once its transient status is over, or as it stands after a few short waits; `onRead` counts the reads. */
export async function settled(wix: WixApis, pool: Pool, onRead: () => void = () => {}): Promise<Pool> {
  let current = pool;
  for (const wait of SETTLE_WAITS_MS) {
    if (poolState(current) !== 'UPDATING') return current;
    await new Promise((resolve) => setTimeout(resolve, wait));
    current = await wix.pools.getPool(current._id!);
    onRead();
  }
  return current;
}
