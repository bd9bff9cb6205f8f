import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_CALLS_PER_MINUTE,
  BackgroundBudget,
  backgroundRun,
  FIRST_PAUSE_MS,
  LIVE_CALLS_PER_VISIT_RECORD,
  LIVE_MARGIN,
  liveCallsLastMinute,
  MAX_PAUSE_MS,
  MAX_STRIKES,
  MIN_BACKGROUND_CALLS_PER_MINUTE,
  retryHintMs,
} from './call-budget.ts';
import { RATE_LIMIT_WAITS_MS, withinDeadline, withRetries } from './retries.ts';
import { WixUnavailable } from './transient.ts';
import type { WixApis } from './wix.ts';

/**
 * The budget on a clock the test owns: sleeping moves it on at once (no real waiting), and `at` lists the time of
 * every call let through. The jitter is given (`random`).
 */
function fakeClock(start = Date.UTC(2026, 2, 31, 22, 0)) {
  let now = start;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    start,
  };
}

/** A clock whose sleepers wake in time order when `run` finds nothing else to do: calls made at once, in turn. */
function virtualClock(start = Date.UTC(2026, 2, 31, 22, 0)) {
  let now = start;
  const timers: Array<{ at: number; wake: () => void }> = [];
  return {
    start,
    now: () => now,
    sleep: (ms: number) => new Promise<void>((wake) => timers.push({ at: now + ms, wake })),
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const finished = work.finally(() => {
        done = true;
      });
      while (!done) {
        await new Promise((resolve) => setImmediate(resolve));
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) continue;
        now = Math.max(now, next.at);
        next.wake();
      }
      return finished;
    },
  };
}

/** The most calls of `times` in any sliding minute. */
const busiestMinute = (times: number[]) =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));

const limited = () => Object.assign(new Error('Too many requests'), { status: 429 });

describe('background work paces itself within its share of the budget', () => {
  it('lets through at most 120 calls in any minute, one every half second', async () => {
    const clock = fakeClock();
    const budget = new BackgroundBudget({ now: clock.now, sleep: clock.sleep });
    const at: number[] = [];
    for (let i = 0; i < 300; i++) {
      await budget.take();
      at.push(clock.now());
    }
    expect(busiestMinute(at)).toBe(BACKGROUND_CALLS_PER_MINUTE);
    expect(at[1]! - at[0]!).toBe(500);
    expect(budget.calls).toBe(300);
  });

  it('keeps its pace across calls made at once, and to the end of a run (drain)', async () => {
    const clock = virtualClock();
    const budget = new BackgroundBudget({ now: clock.now, sleep: clock.sleep, perMinute: 60 });
    const at: number[] = [];
    const one = async () => {
      await budget.take();
      at.push(clock.now());
    };
    await clock.run(Promise.all(Array.from({ length: 5 }, one)));
    expect(at.map((t) => t - clock.start)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
    await clock.run(budget.drain());
    expect(clock.now() - clock.start).toBe(5_000);
    // Drained, the next run's first call goes at once.
    await clock.run(one());
    expect(at.at(-1)! - clock.start).toBe(5_000);
  });

  it('pauses on a 429 with growing jittered waits, at least the hint, halving its pace; gives up after the last', () => {
    const clock = fakeClock();
    let jitter = 0;
    const budget = new BackgroundBudget({ now: clock.now, sleep: clock.sleep, random: () => jitter });
    expect(budget.limited()).toBe(FIRST_PAUSE_MS / 2);
    expect(budget.callsPerMinute).toBe(BACKGROUND_CALLS_PER_MINUTE / 2);
    jitter = 0.999;
    const second = budget.limited()!;
    expect(second).toBeGreaterThan(FIRST_PAUSE_MS * 1.99);
    expect(second).toBeLessThan(FIRST_PAUSE_MS * 2);
    expect(budget.limited(30_000)).toBe(30_000);
    const pauses = [];
    for (let strike = 4; strike <= MAX_STRIKES; strike++) pauses.push(budget.limited());
    expect(Math.max(...(pauses as number[]))).toBeLessThan(MAX_PAUSE_MS);
    expect(budget.callsPerMinute).toBe(MIN_BACKGROUND_CALLS_PER_MINUTE);
    expect(budget.limited()).toBeNull();
    expect(budget.refusals).toBe(MAX_STRIKES + 1);
  });

  it('earns its pace back a call a minute per call answered, up to its share', () => {
    const budget = new BackgroundBudget({ ...fakeClock(), random: () => 0 });
    budget.limited();
    budget.limited();
    expect(budget.callsPerMinute).toBe(30);
    for (let i = 0; i < 10; i++) budget.answered();
    expect(budget.callsPerMinute).toBe(40);
    for (let i = 0; i < 200; i++) budget.answered();
    expect(budget.callsPerMinute).toBe(BACKGROUND_CALLS_PER_MINUTE);
    // Answered calls end the strikes: the next 429 waits the first pause again.
    expect(budget.limited()).toBe(FIRST_PAUSE_MS / 2);
  });

  it('reads a Retry-After in seconds or as a date, and nothing else', () => {
    const now = Date.UTC(2026, 2, 31, 22, 0);
    const answer = (value?: string) =>
      new Response('{}', { status: 429, headers: value ? { 'retry-after': value } : {} });
    expect(retryHintMs(answer('7'), now)).toBe(7_000);
    expect(retryHintMs(answer(new Date(now + 12_000).toUTCString()), now)).toBe(12_000);
    expect(retryHintMs(answer(), now)).toBe(0);
    expect(retryHintMs(answer('soon'), now)).toBe(0);
    // The emulator's `data.retryAfterMs` is not Wix's: not read.
    expect(retryHintMs({ details: { applicationError: { data: { retryAfterMs: 5 } } } }, now)).toBe(0);
  });
});

/** A fake module: `getPool` refused with 429 `times` times, then answered; a query builder whose `find` answers. */
function module(times: number) {
  let calls = 0;
  const builder = { eq: () => builder, limit: () => builder, find: async () => ({ items: [1] }) };
  return {
    calls: () => calls,
    pools: {
      getPool: async (id: string) => {
        calls++;
        if (calls <= times) throw limited();
        return { _id: id };
      },
      queryPools: () => builder,
    },
  };
}

describe('withRetries with a budget (background work)', () => {
  it('makes every call in its turn and waits out 429s on its clock, without giving up early', async () => {
    const clock = fakeClock();
    const budget = new BackgroundBudget({ now: clock.now, sleep: clock.sleep, random: () => 0 });
    const fake = module(RATE_LIMIT_WAITS_MS.length + 3);
    const wix = withRetries({ pools: fake.pools } as unknown as WixApis, { budget, callsPerMinute: 1_000_000 });
    const pools = wix.pools as unknown as typeof fake.pools;
    // More 429s than a live call takes: background work keeps pausing (1 s, 2 s, 4 s, ...) and gets through.
    expect(await pools.getPool('p1')).toEqual({ _id: 'p1' });
    expect(fake.calls()).toBe(RATE_LIMIT_WAITS_MS.length + 4);
    expect(budget.refusals).toBe(RATE_LIMIT_WAITS_MS.length + 3);
    expect(clock.now() - clock.start).toBeGreaterThanOrEqual(1_000 + 2_000 + 4_000 + 8_000 + 16_000 + 30_000);
    // A query builder's steps are local: only `find` takes a turn.
    const taken = budget.calls;
    expect(await pools.queryPools().eq().limit().find()).toEqual({ items: [1] });
    expect(budget.calls).toBe(taken + 1);
  });

  it('gives up as WixUnavailable after the last strike: its caller resumes later', async () => {
    const clock = fakeClock();
    const budget = new BackgroundBudget({ now: clock.now, sleep: clock.sleep, random: () => 0 });
    const fake = module(1_000);
    const wix = withRetries({ pools: fake.pools } as unknown as WixApis, { budget, callsPerMinute: 1_000_000 });
    const failure = await (wix.pools as unknown as typeof fake.pools).getPool('p1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WixUnavailable);
    expect(fake.calls()).toBe(MAX_STRIKES + 1);
  });
});

describe('live calls over the budget', () => {
  it('retry briefly, then fail as WixUnavailable ("try again"), never waiting a minute', async () => {
    const waits: number[] = [];
    const fake = module(1_000);
    const wix = withRetries({ pools: fake.pools } as unknown as WixApis, {
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    const failure = await (wix.pools as unknown as typeof fake.pools).getPool('p1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WixUnavailable);
    expect(failure).toMatchObject({ status: 429, retried: true });
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThan(2_000);
  });

  it('within a deadline, fail as soon as the next wait would pass it', async () => {
    const clock = fakeClock();
    const fake = module(1_000);
    const wix = withRetries({ pools: fake.pools } as unknown as WixApis, { wait: clock.sleep, now: clock.now });
    const pools = wix.pools as unknown as typeof fake.pools;
    const failure = await withinDeadline(clock.now() + 600, () => pools.getPool('p1')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WixUnavailable);
    // 250 ms fits in the 600 ms; 250 + 500 would not.
    expect(clock.slept).toEqual([RATE_LIMIT_WAITS_MS[0]]);
    expect(fake.calls()).toBe(2);
    // Outside a deadline the same call waits them all.
    await pools.getPool('p2').catch(() => undefined);
    expect(clock.slept.slice(1)).toEqual(RATE_LIMIT_WAITS_MS);
  });
});

describe('a run of background work leaves what live traffic used in the last minute', () => {
  /** Wix APIs whose visits collection holds `records` items created in the last minute (asked once). */
  const site = (records: number) => {
    const asked: unknown[] = [];
    const wix = {
      data: {
        query: (collection: string) => ({
          ge: (field: string, since: Date) => ({
            count: async () => {
              asked.push([collection, field, since.toISOString()]);
              return records;
            },
          }),
        }),
      },
    } as unknown as WixApis;
    return { wix, asked };
  };

  it('counts the visit records of the last minute, LIVE_CALLS_PER_VISIT_RECORD each, and the margin', async () => {
    const { wix, asked } = site(10);
    expect(await liveCallsLastMinute(wix, new Date('2026-04-01T07:01:00.000Z'))).toBe(
      10 * LIVE_CALLS_PER_VISIT_RECORD + LIVE_MARGIN,
    );
    expect(asked).toEqual([['GymRewardsVisits', '_createdDate', '2026-04-01T07:00:00.000Z']]);
  });

  it.each([
    [0, BACKGROUND_CALLS_PER_MINUTE],
    [20, 200 - 20 * LIVE_CALLS_PER_VISIT_RECORD - LIVE_MARGIN],
    [100, MIN_BACKGROUND_CALLS_PER_MINUTE],
  ])('with %i visit records, goes at %i calls a minute, and drains at its end', async (records, pace) => {
    const clock = fakeClock();
    const budget = new BackgroundBudget({ now: clock.now, sleep: clock.sleep });
    const { wix } = site(records);
    const answer = await backgroundRun(budget, wix, async (paced) => {
      expect(paced).toBe(wix);
      await budget.take();
      return budget.callsPerMinute;
    });
    expect(answer).toBe(pace);
    expect(clock.now() - clock.start).toBeCloseTo(60_000 / pace);
  });

  it('drains even when the work fails', async () => {
    const clock = fakeClock();
    const budget = new BackgroundBudget({ now: clock.now, sleep: clock.sleep });
    const failing = backgroundRun(budget, site(0).wix, async () => {
      await budget.take();
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect(clock.now() - clock.start).toBe(500);
  });
});
