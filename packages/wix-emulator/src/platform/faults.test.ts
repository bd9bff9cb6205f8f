import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP } from '../testing/callers.ts';
import { adminCall, startTestEmulator, type TestEmulator } from '../testing/index.ts';
import { Faults, pathMatcher } from './faults.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());
afterEach(async () => {
  await emu.admin('/_emulator/v1/faults', undefined, 'DELETE');
});

const COLLECTION = 'FaultsTest';
const ITEMS = '/wix-data/v2/items';
const setFaults = (body: unknown) => emu.admin('/_emulator/v1/faults', body);
const insert = (id: string) =>
  emu.call(APP, 'POST', ITEMS, { dataCollectionId: COLLECTION, dataItem: { id, data: { n: 1 } } });
const stored = async (id: string) =>
  (await emu.call(APP, 'GET', `${ITEMS}/${id}?dataCollectionId=${COLLECTION}&consistentRead=true`)).status === 200;
const rawAdmin = async (method: string, body?: unknown) => {
  const response = await fetch(`${emu.url}/_emulator/v1/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as any };
};

describe('the faults control', () => {
  it('sets, reads and clears the faults; refuses bad rules with a 400 naming the field and changes nothing', async () => {
    const rule = { method: 'POST', path: '/wix-data/v2/**', errorRate: 0.5 };
    const set = await setFaults({ seed: 7, rules: [rule] });
    expect(set).toMatchObject({ seed: 7, rules: [{ ...rule, rateLimitRate: 0, dropRate: 0, latencyMs: 0 }] });
    const refusals: Array<[unknown, string]> = [
      [{ seed: 1, rules: [{ path: '**', errorRate: 2 }] }, 'rules.0.errorRate'],
      [{ seed: 1, rules: [{ path: '**', errorRate: 0.6, dropRate: 0.6 }] }, 'rules.0.errorRate'],
      [{ seed: 1, rules: [{ path: '/(/' }] }, 'rules.0.path'],
      [{ seed: 1, rules: [{ path: '**', method: 'FETCH' }] }, 'rules.0.method'],
      [{ seed: 1, rules: [{ path: '**', surprise: true }] }, 'rules.0.surprise'],
      [{ seed: 1.5, rules: [] }, 'seed'],
      [{ rules: [] }, 'seed'],
    ];
    for (const [body, field] of refusals) {
      const answer = await rawAdmin('POST', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.details.applicationError.data.field).toBe(field);
    }
    expect((await rawAdmin('GET')).body).toMatchObject({ seed: 7, rules: [rule] });
    expect((await rawAdmin('DELETE')).body).toMatchObject({ rules: [] });
  });

  it('matches globs within and across segments, and regular expressions', () => {
    expect(pathMatcher('/wix-data/v2/*').test('/wix-data/v2/items')).toBe(true);
    expect(pathMatcher('/wix-data/v2/*').test('/wix-data/v2/items/query')).toBe(false);
    expect(pathMatcher('/wix-data/**').test('/wix-data/v2/items/query')).toBe(true);
    expect(pathMatcher('/items\\/q/').test('/wix-data/v2/items/query')).toBe(true);
    expect(pathMatcher('/a.b').test('/aXb')).toBe(false);
  });
});

describe('injected faults', () => {
  it('answers 500 or 503 in Wix’s envelope without serving the request: nothing is written', async () => {
    await setFaults({ seed: 1, rules: [{ method: 'POST', path: ITEMS, errorRate: 1 }] });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const answer = await insert(`error-${i}`);
      statuses.add(answer.status);
      expect(answer.body.details.applicationError.code).toBe(answer.status === 500 ? 'INTERNAL' : 'UNAVAILABLE');
      expect(await stored(`error-${i}`)).toBe(false);
    }
    expect([...statuses].sort()).toEqual([500, 503]);
  });

  it('answers 429 as the rate limit does, without serving the request', async () => {
    await setFaults({ seed: 1, rules: [{ path: ITEMS, rateLimitRate: 1 }] });
    const answer = await insert('limited');
    expect(answer.status).toBe(429);
    expect(answer.body.details.applicationError).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      data: { limitPerMinute: 200, retryAfterMs: 0 },
    });
    await emu.admin('/_emulator/v1/faults', undefined, 'DELETE');
    expect(await stored('limited')).toBe(false);
  });

  it('commits, then answers 503 or resets the connection ("commit then drop")', async () => {
    await setFaults({ seed: 1, rules: [{ path: ITEMS, dropRate: 1, dropAs: '503' }] });
    expect((await insert('dropped-503')).status).toBe(503);
    await setFaults({ seed: 1, rules: [{ path: ITEMS, dropRate: 1, dropAs: 'reset' }] });
    await expect(insert('dropped-reset')).rejects.toThrow(/fetch failed/);
    await emu.admin('/_emulator/v1/faults', undefined, 'DELETE');
    expect(await stored('dropped-503')).toBe(true);
    expect(await stored('dropped-reset')).toBe(true);
    // The retry finds the write made: Wix Data refuses the same id again.
    expect((await insert('dropped-503')).status).toBe(409);
  });

  it('injects at most `limit` faults from a rule', async () => {
    await setFaults({ seed: 1, rules: [{ path: ITEMS, errorRate: 1, limit: 2 }] });
    const statuses = [];
    for (const id of ['limit-1', 'limit-2', 'limit-3', 'limit-4']) statuses.push((await insert(id)).status);
    expect(statuses.map((s) => s >= 500)).toEqual([true, true, false, false]);
  });

  it('adds latency, to the methods and paths the rule names only', async () => {
    await setFaults({ seed: 1, rules: [{ method: 'GET', path: `${ITEMS}/*`, latencyRate: 1, latencyMs: 300 }] });
    let started = performance.now();
    await stored('nothing');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    started = performance.now();
    expect((await insert('fast')).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(290);
    expect(await emu.admin('/_emulator/v1/faults')).toMatchObject({ counts: { latency: 1 } });
  });

  it("never faults the emulator's own routes", async () => {
    await setFaults({ seed: 1, rules: [{ path: '**', errorRate: 1 }] });
    expect(await adminCall(emu.url, '/_emulator/v1/clock')).toMatchObject({ frozen: expect.any(Boolean) });
    expect((await insert('any')).status).toBeGreaterThanOrEqual(500);
  });

  it('replays the same faults for the same seed and sequence of requests', async () => {
    const run = async (seed: number) => {
      await setFaults({
        seed,
        rules: [{ path: `${ITEMS}/*`, errorRate: 0.2, rateLimitRate: 0.2, dropRate: 0.2, dropAs: '503' }],
      });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const answer = await emu.call(APP, 'GET', `${ITEMS}/none?dataCollectionId=${COLLECTION}`);
        statuses.push(answer.status);
      }
      const { injected } = await emu.admin<{ injected: unknown[] }>('/_emulator/v1/faults');
      return { statuses, injected };
    };
    const first = await run(12345);
    expect(await run(12345)).toEqual(first);
    expect((await run(54321)).statuses).not.toEqual(first.statuses);
    expect(new Set(first.statuses)).toEqual(new Set([404, 500, 503, 429]));
  });
});

describe('the decisions alone', () => {
  it('draw the same outcome for a seed whatever else the rule says, and about the shares asked for', () => {
    const faults = new Faults();
    faults.set({ seed: 99, rules: [{ path: '**', errorRate: 0.1, rateLimitRate: 0.1, dropRate: 0.1 }] });
    const kinds = Array.from({ length: 3000 }, () => faults.decide('POST', '/x')?.kind ?? null);
    const share = (wanted: (k: string | null) => boolean) => kinds.filter(wanted).length / kinds.length;
    expect(share((k) => k === '500' || k === '503')).toBeCloseTo(0.1, 1);
    expect(share((k) => k === '429')).toBeCloseTo(0.1, 1);
    expect(share((k) => k?.startsWith('drop') ?? false)).toBeCloseTo(0.1, 1);
    expect(share((k) => k === null)).toBeCloseTo(0.7, 1);
  });
});
