import { describe, expect, it } from 'vitest';
import { isRateLimited, RATE_LIMIT_WAITS_MS, withRetries } from './retries.ts';
import { backgroundShouldYield, type WixApis } from './wix.ts';

const limited = () => Object.assign(new Error('Too many requests'), { status: 429 });
const refused = () =>
  Object.assign(new Error('not enough'), { details: { applicationError: { code: 'NOT_ENOUGH_BALANCE' } } });

/** A fake SDK module whose calls fail with 429 `times` times before answering. */
function flaky(times: number) {
  let calls = 0;
  const answer = async <T>(value: T) => {
    calls += 1;
    if (calls <= times) throw limited();
    return value;
  };
  const page = (n: number): unknown => ({
    items: [n],
    hasNext: () => n < 2,
    next: () => answer(page(n + 1)),
  });
  const builder = { eq: () => builder, limit: () => builder, find: () => answer(page(1)) };
  return {
    calls: () => calls,
    module: {
      getPool: (id: string) => answer({ _id: id }),
      queryPools: () => builder,
      refuse: () => Promise.reject(refused()),
    },
  };
}

describe('calls over the rate limit', () => {
  it('tells 429 and RESOURCE_EXHAUSTED from other refusals', () => {
    expect(isRateLimited(limited())).toBe(true);
    expect(isRateLimited({ details: { applicationError: { code: 'RESOURCE_EXHAUSTED' } } })).toBe(true);
    expect(isRateLimited(refused())).toBe(false);
  });

  it('retries a call, a query builder and its pages with growing waits, and nothing else', async () => {
    const waits: number[] = [];
    const fake = flaky(2);
    const wix = withRetries({ pools: fake.module } as unknown as WixApis, {
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    const pools = wix.pools as unknown as typeof fake.module;
    expect(await pools.getPool('p1')).toEqual({ _id: 'p1' });
    expect(waits).toEqual(RATE_LIMIT_WAITS_MS.slice(0, 2));
    const page = (await pools.queryPools().eq().limit().find()) as { items: number[]; next(): Promise<unknown> };
    expect(page.items).toEqual([1]);
    expect(((await page.next()) as { items: number[] }).items).toEqual([2]);
    await expect(pools.refuse()).rejects.toMatchObject({ message: 'not enough' });
    expect(fake.calls()).toBe(5);
  });

  it('retries a REST call answered 429 (fetchWithAuth answers rather than throws)', async () => {
    let calls = 0;
    const fetchWithAuth = async () => new Response('{}', { status: ++calls < 3 ? 429 : 200 });
    const wix = withRetries({ fetchWithAuth } as unknown as WixApis, { wait: async () => {} });
    expect((await wix.fetchWithAuth('https://www.wixapis.com/x', {})).status).toBe(200);
    expect(calls).toBe(3);
  });

  it('gives up after its last wait and answers the refusal', async () => {
    const waits: number[] = [];
    const fake = flaky(100);
    const wix = withRetries({ pools: fake.module } as unknown as WixApis, {
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    await expect((wix.pools as unknown as typeof fake.module).getPool('p1')).rejects.toMatchObject({ status: 429 });
    expect(waits).toEqual(RATE_LIMIT_WAITS_MS);
    expect(fake.calls()).toBe(RATE_LIMIT_WAITS_MS.length + 1);
  });

  it("counts the calls that reach Wix, retries included, against the site's budget", async () => {
    const fake = flaky(1);
    const wix = withRetries({ pools: fake.module } as unknown as WixApis, { wait: async () => {}, callsPerMinute: 8 });
    const before = wix.callBudget!().used;
    const pools = wix.pools as unknown as typeof fake.module;
    await pools.getPool('p1');
    await pools.queryPools().eq().limit().find();
    // getPool twice (one retry), find once: the builder's chain stays local.
    expect(wix.callBudget!()).toEqual({ used: before + 3, limit: 8 });
    expect(backgroundShouldYield({ ...wix, callBudget: () => ({ used: 5, limit: 8 }) })).toBe(false);
    expect(backgroundShouldYield({ ...wix, callBudget: () => ({ used: 6, limit: 8 }) })).toBe(true);
  });
});
