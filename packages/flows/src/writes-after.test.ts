import { describe, expect, it } from 'vitest';
import type { WixApis } from './wix.ts';
import { writesAfter } from './writes-after.ts';

/** A stand-in for the Wix APIs that records what was called, in order. */
function recording() {
  const called: string[] = [];
  const method = (name: string) => async () => {
    called.push(name);
    return name;
  };
  const wix = {
    pools: { queryPools: method('queryPools'), getPool: method('getPool'), redeemBenefit: method('redeemBenefit') },
    balances: { getBalance: method('getBalance'), changeBalance: method('changeBalance') },
    data: { get: method('data.get'), query: method('data.query'), insert: method('data.insert') },
    activations: { reportEvent: method('reportEvent') },
    fetchWithAuth: method('fetchWithAuth'),
    siteTimeZone: method('siteTimeZone'),
  } as unknown as WixApis;
  return { wix, called };
}

function gate() {
  let open!: () => void;
  let shut!: (reason: unknown) => void;
  const allowed = new Promise<void>((resolve, reject) => {
    open = resolve;
    shut = reject;
  });
  allowed.catch(() => undefined);
  return { allowed, open, shut };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('writesAfter', () => {
  it('reads at once and holds every write until the gate opens', async () => {
    const { wix, called } = recording();
    const { allowed, open } = gate();
    const gated = writesAfter(wix, allowed);
    const writes = [
      gated.pools.redeemBenefit({} as never),
      gated.balances.changeBalance('p', 'k', {} as never),
      gated.data.insert('c', {} as never),
      gated.activations.reportEvent('t', {} as never),
      gated.fetchWithAuth('https://www.wixapis.com/x', {}),
    ];
    await Promise.all([
      gated.pools.getPool('p'),
      gated.balances.getBalance('p'),
      gated.data.get('c', 'i'),
      gated.siteTimeZone(),
    ]);
    await tick();
    expect(called).toEqual(['getPool', 'getBalance', 'data.get', 'siteTimeZone']);
    open();
    expect(await Promise.all(writes)).toEqual([
      'redeemBenefit',
      'changeBalance',
      'data.insert',
      'reportEvent',
      'fetchWithAuth',
    ]);
  });

  it('writes nothing when the gate shuts: each write fails with its reason', async () => {
    const { wix, called } = recording();
    const { allowed, shut } = gate();
    const gated = writesAfter(wix, allowed);
    const redeem = gated.pools.redeemBenefit({} as never);
    const insert = gated.data.insert('c', {} as never);
    shut(new Error('another member'));
    await expect(redeem).rejects.toThrow('another member');
    await expect(insert).rejects.toThrow('another member');
    expect(called).toEqual([]);
  });
});
