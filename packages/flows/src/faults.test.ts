import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memberJoined } from './membership.ts';
import { adjustTokens } from './operations.ts';
import { redeem, revertRedemption } from './pickups.ts';
import { withRetries } from './retries.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator } from './testing/wix.ts';
import { isUnavailable, safeToRetry, TRANSIENT_WAITS_MS, WixUnavailable } from './transient.ts';
import { recordVisit } from './visits.ts';
import type { WixApis } from './wix.ts';

describe('what may be retried after Wix failed to answer', () => {
  it('tells reads and keyed writes from writes without a key', () => {
    expect(safeToRetry('getPool', ['p'])).toBe(true);
    expect(safeToRetry('find', [])).toBe(true);
    expect(safeToRetry('next', [])).toBe(true);
    expect(safeToRetry('changeBalance', ['p', 'visit:p:2026-01-01:0', {}])).toBe(true);
    expect(safeToRetry('changeBalance', ['p', '', {}])).toBe(false);
    expect(safeToRetry('redeemBenefit', ['p', { idempotencyKey: 'redeem:x' }])).toBe(true);
    expect(safeToRetry('renewProgram', ['p', { idempotencyKey: 'p:renewal:2026-01' }])).toBe(true);
    expect(safeToRetry('insert', ['C', { _id: 'x' }])).toBe(false);
    expect(safeToRetry('update', ['C', { _id: 'x' }])).toBe(false);
    expect(safeToRetry('provisionProgram', [['d'], {}])).toBe(false);
    const post = (body: unknown) => ['https://www.wixapis.com/x', { method: 'POST', body: JSON.stringify(body) }];
    expect(safeToRetry('fetchWithAuth', post({ transactionId: 't', idempotencyKey: 'cancel:x' }))).toBe(true);
    expect(safeToRetry('fetchWithAuth', post({ transactionId: 't' }))).toBe(false);
    expect(safeToRetry('fetchWithAuth', ['https://www.wixapis.com/x', {}])).toBe(true);
  });

  it('tells 5xx and no answer from refusals', () => {
    expect(isUnavailable({ status: 503 })).toBe(true);
    expect(isUnavailable({ httpStatus: 500 })).toBe(true);
    expect(isUnavailable(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toBe(true);
    expect(isUnavailable({ details: { applicationError: { code: 'UNAVAILABLE' } } })).toBe(true);
    expect(isUnavailable({ status: 429 })).toBe(false);
    expect(isUnavailable({ status: 409, details: { applicationError: { code: 'WDE0074' } } })).toBe(false);
    expect(isUnavailable(new Error('not enough'))).toBe(false);
  });
});

describe('withRetries when Wix fails for a moment', () => {
  /** A fake module whose calls fail with `failure` for their first `times` calls. */
  function failing(times: number, failure: () => unknown) {
    let calls = 0;
    const answer = async <T>(value: T) => {
      calls += 1;
      if (calls <= times) throw failure();
      return value;
    };
    return {
      calls: () => calls,
      module: {
        getPool: (id: string) => answer({ _id: id }),
        changeBalance: (poolId: string, key: string) => answer({ poolId, key }),
        insert: (_c: string, item: { _id: string }) => answer(item),
      },
    };
  }
  const unavailable = () => Object.assign(new Error('Service Unavailable'), { status: 503 });
  const reset = () => new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });

  it('retries reads and keyed writes with the same arguments and growing waits, counting every attempt', async () => {
    const waits: number[] = [];
    const fake = failing(3, reset);
    const wix = withRetries({ balances: fake.module } as unknown as WixApis, {
      wait: async (ms) => {
        waits.push(ms);
      },
      callsPerMinute: 1_000_000,
    });
    const balances = wix.balances as unknown as typeof fake.module;
    const before = wix.callBudget!().used;
    expect(await balances.changeBalance('p', 'adjust:r1')).toEqual({ poolId: 'p', key: 'adjust:r1' });
    expect(waits).toEqual(TRANSIENT_WAITS_MS.slice(0, 3));
    expect(wix.callBudget!().used - before).toBe(4);
    expect(fake.calls()).toBe(4);
  });

  it('fails a write without a key at once, as WixUnavailable saying to retry with the same request id', async () => {
    const fake = failing(1, unavailable);
    const wix = withRetries({ data: fake.module } as unknown as WixApis, { wait: async () => {} });
    const error = await (wix.data as unknown as typeof fake.module).insert('C', { _id: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(WixUnavailable);
    expect(error).toMatchObject({ call: 'data.insert', status: 503, retried: false, attempts: 1 });
    expect(error.message).toMatch(/data\.insert.*HTTP 503.*may or may not have been made.*same request id/);
    expect(fake.calls()).toBe(1);
  });

  it('gives up on a safe call after its last wait, as WixUnavailable', async () => {
    const fake = failing(100, unavailable);
    const wix = withRetries({ pools: fake.module } as unknown as WixApis, { wait: async () => {} });
    const error = await (wix.pools as unknown as typeof fake.module).getPool('p').catch((e) => e);
    expect(error).toMatchObject({ name: 'WixUnavailable', call: 'pools.getPool', retried: true });
    expect(error.attempts).toBe(TRANSIENT_WAITS_MS.length + 1);
    expect(fake.calls()).toBe(TRANSIENT_WAITS_MS.length + 1);
  });

  it('makes a missing collection through the same retries and counts it (it went around them before)', async () => {
    let inserts = 0;
    let creations = 0;
    const data = {
      insert: async (_c: string, item: { _id: string }) => {
        if (++inserts === 1) throw { details: { applicationError: { code: 'WDE0025' } } };
        return item;
      },
    };
    const dataCollections = {
      createDataCollection: async () => {
        if (++creations === 1) throw Object.assign(new Error('Too many requests'), { status: 429 });
        return {};
      },
    };
    const wix = withRetries({ data, dataCollections } as unknown as WixApis, {
      wait: async () => {},
      callsPerMinute: 1_000_000,
    });
    const before = wix.callBudget!().used;
    expect(await wix.data.insert('GymRewardsVisits', { _id: 'v' })).toEqual({ _id: 'v' });
    expect([inserts, creations]).toEqual([2, 2]);
    expect(wix.callBudget!().used - before).toBe(4);
  });

  it('retries a keyed REST call answered 503, and answers a 5xx of an unkeyed one as it came', async () => {
    let calls = 0;
    const fetchWithAuth = async () => new Response('{}', { status: ++calls < 3 ? 503 : 200 });
    const wix = withRetries({ fetchWithAuth } as unknown as WixApis, { wait: async () => {} });
    const keyed = { method: 'POST', body: JSON.stringify({ idempotencyKey: 'k' }) };
    expect((await wix.fetchWithAuth('https://www.wixapis.com/x', keyed)).status).toBe(200);
    expect(calls).toBe(3);
    calls = 0;
    expect((await wix.fetchWithAuth('https://www.wixapis.com/x', { method: 'POST', body: '{}' })).status).toBe(503);
    expect(calls).toBe(1);
  });
});

describe('the flows on a strict platform that fails', () => {
  let emu: TestEmulator;
  let env: Awaited<ReturnType<typeof emulatedWix>>;
  let products: Record<string, string>;
  const now = new Date('2026-04-14T09:00:00.000Z');
  const clock = () => now;
  const member = memberGuid('faulted-fay');
  const faults = (rules: unknown[]) => emu.admin('/_emulator/v1/faults', { seed: 7, rules });

  beforeAll(async () => {
    emu = await startStrictEmulator();
    await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
    env = await emulatedWix(emu, undefined, { retryWait: async () => {} });
    products = await createProducts(emu, [
      { name: 'Water bottle', price: '12' },
      { name: 'Towel', price: '8' },
    ]);
    await setUpProgram(env.wix, {
      programName: 'Rewards',
      visitsPerDay: 3,
      tiers: [{ price: 3, productIds: [products['Water bottle']!, products.Towel!] }],
    });
    await memberJoined(env.wix, { memberId: member });
  }, 60_000);
  afterAll(async () => emu?.close());
  afterEach(async () => {
    await emu.admin('/_emulator/v1/faults', undefined, 'DELETE');
  });

  /** The Wix APIs with every Wix Data insert refused for good (a pickup Wix will not record). */
  const refusingPickups = () =>
    ({
      ...env.wix,
      data: { ...env.wix.data, insert: async () => Promise.reject(new Error('refused for good')) },
    }) as WixApis;

  const ledger = async () => {
    const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', member).find();
    const pool = items[0]!;
    const page = await env.wix.transactions.queryTransactions().eq('pool.id', pool._id).limit(100).find();
    const balance = Number((await env.wix.balances.getBalance(pool._id!)).amount?.available);
    return { balance, transactions: page.items };
  };

  it('an adjustment whose answer is dropped after it was made is retried with its key and answers the change once', async () => {
    const before = await ledger();
    await faults([
      { method: 'POST', path: '/benefit-programs/v1/balances/*/change', dropRate: 1, dropAs: '503', limit: 1 },
    ]);
    const answer = await adjustTokens(env.wix, clock, {
      memberId: member,
      amount: 4,
      reason: 'Bonus',
      requestId: 'f-adj',
    });
    const after = await ledger();
    const made = after.transactions.filter((t) => t.idempotencyKey === 'adjust:f-adj');
    expect(made).toHaveLength(1);
    expect(answer).toEqual({ status: 'ADJUSTED', balance: before.balance + 4, transactionId: made[0]!._id });
    expect(after.balance).toBe(before.balance + 4);
    expect(await emu.admin('/_emulator/v1/faults')).toMatchObject({ counts: { 'drop-503': 1 } });
    // The caller's own retry answers the same.
    expect(
      await adjustTokens(env.wix, clock, { memberId: member, amount: 4, reason: 'Bonus', requestId: 'f-adj' }),
    ).toEqual(answer);
  });

  it('a redemption whose connection is reset after it was made is redeemed once, with one pickup', async () => {
    const before = await ledger();
    await faults([
      { method: 'POST', path: '/benefit-programs/v1/benefits/redeem', dropRate: 1, dropAs: 'reset', limit: 1 },
    ]);
    const input = { memberId: member, productId: products['Water bottle']!, requestId: 'f-redeem' };
    const answer = await redeem(env.wix, clock, input);
    if (answer.status !== 'REDEEMED') throw new Error(answer.status);
    const after = await ledger();
    expect(after.balance).toBe(before.balance - 3);
    const redemptions = after.transactions.filter((t) => t.idempotencyKey?.startsWith('redeem:'));
    expect(redemptions.map((t) => t._id)).toEqual([answer.pickup.transactionId]);
    expect(await emu.admin('/_emulator/v1/faults')).toMatchObject({ counts: { 'drop-reset': 1 } });
    expect(await redeem(env.wix, clock, input)).toEqual(answer);
  });

  it('a pickup Wix does not record for a moment keeps its redemption; the retry records it, and nothing is given back', async () => {
    await adjustTokens(env.wix, clock, { memberId: member, amount: 20, reason: 'Fund', requestId: 'f-fund' });
    const before = await ledger();
    await faults([{ method: 'POST', path: '/wix-data/v2/items', errorRate: 1, limit: 3 }]);
    const input = { memberId: member, productId: products['Water bottle']!, requestId: 'f-pickup-down' };
    expect(await redeem(env.wix, clock, input).catch((e) => e)).toBeInstanceOf(WixUnavailable);
    const answer = await redeem(env.wix, clock, input);
    if (answer.status !== 'REDEEMED') throw new Error(answer.status);
    const after = await ledger();
    // Before the fix the first attempt canceled the redemption and the retry recorded a pickup for it: tokens back.
    expect(after.balance).toBe(before.balance - 3);
    expect(after.transactions.filter((t) => t.relatedTransactionId === answer.pickup.transactionId)).toEqual([]);
  });

  it('a retry after a redemption was canceled (its pickup refused) redeems anew, never records a pickup for it', async () => {
    const before = await ledger();
    const input = { memberId: member, productId: products['Water bottle']!, requestId: 'f-pickup-refused' };
    const refusing = refusingPickups();
    await expect(redeem(refusing, clock, input)).rejects.toThrow('refused for good');
    expect((await ledger()).balance).toBe(before.balance);
    const answer = await redeem(env.wix, clock, input);
    if (answer.status !== 'REDEEMED') throw new Error(answer.status);
    const after = await ledger();
    expect(after.balance).toBe(before.balance - 3);
    const canceled = new Set(after.transactions.map((t) => t.relatedTransactionId).filter(Boolean));
    expect(canceled.has(answer.pickup.transactionId)).toBe(false);
    expect(await redeem(env.wix, clock, input)).toEqual(answer);
  });

  it('a void after a redemption was redone gives its tokens back (each redemption canceled under its own key)', async () => {
    await adjustTokens(env.wix, clock, {
      memberId: member,
      amount: 6,
      reason: 'Fund',
      requestId: 'fund-f-void-after-redo',
    });
    const before = await ledger();
    const input = { memberId: member, productId: products['Water bottle']!, requestId: 'f-void-after-redo' };
    const refusing = refusingPickups();
    await expect(redeem(refusing, clock, input)).rejects.toThrow('refused for good');
    const answer = await redeem(env.wix, clock, input);
    if (answer.status !== 'REDEEMED') throw new Error(answer.status);
    expect((await ledger()).balance).toBe(before.balance - 3);
    expect((await revertRedemption(env.wix, clock, { pickupId: answer.pickup._id })).status).toBe('VOIDED');
    expect((await ledger()).balance).toBe(before.balance);
    // Voided again (the owner's retry): nothing more given back.
    expect((await revertRedemption(env.wix, clock, { pickupId: answer.pickup._id })).status).toBe('VOIDED');
    expect((await ledger()).balance).toBe(before.balance);
  });

  it('a redemption whose pickup is refused on two attempts gives both redemptions back', async () => {
    await adjustTokens(env.wix, clock, {
      memberId: member,
      amount: 6,
      reason: 'Fund',
      requestId: 'fund-f-refused-twice',
    });
    const before = await ledger();
    const input = { memberId: member, productId: products['Water bottle']!, requestId: 'f-refused-twice' };
    const refusing = refusingPickups();
    await expect(redeem(refusing, clock, input)).rejects.toThrow('refused for good');
    await expect(redeem(refusing, clock, input)).rejects.toThrow('refused for good');
    expect((await ledger()).balance).toBe(before.balance);
  });

  it('refuses a request id used for another reward also when its first try did not get to record the pickup', async () => {
    await adjustTokens(env.wix, clock, { memberId: member, amount: 6, reason: 'Fund', requestId: 'fund-f-switched' });
    const before = await ledger();
    const noPickups = {
      ...env.wix,
      data: {
        ...env.wix.data,
        insert: async () => Promise.reject(new WixUnavailable('data.insert', new Error('down'), 1, true)),
      },
    } as WixApis;
    const first = { memberId: member, productId: products['Water bottle']!, requestId: 'f-switched' };
    await expect(redeem(noPickups, clock, first)).rejects.toBeInstanceOf(WixUnavailable);
    await expect(redeem(env.wix, clock, { ...first, productId: products.Towel! })).rejects.toMatchObject({
      field: 'requestId',
      reason: 'was used for another reward',
    });
    // The first reward's retry records its pickup: its tokens taken once.
    expect(await redeem(env.wix, clock, first)).toMatchObject({
      status: 'REDEEMED',
      pickup: { productName: 'Water bottle' },
    });
    expect((await ledger()).balance).toBe(before.balance - 3);
  });

  it('a visit whose token answer is dropped is counted once; reads failing 5xx are retried', async () => {
    const before = await ledger();
    await faults([
      { method: 'POST', path: '/benefit-programs/v1/balances/*/change', dropRate: 1, dropAs: 'either', limit: 2 },
      { path: '/benefit-programs/v1/pools/query', errorRate: 1, limit: 2 },
    ]);
    const visit = { memberId: member, visitId: 'f-visit-1' };
    const answer = await recordVisit(env.wix, clock, visit);
    expect(answer).toMatchObject({ status: 'TOKEN_ISSUED', balance: String(before.balance + 1) });
    expect((await ledger()).balance).toBe(before.balance + 1);
    expect(await recordVisit(env.wix, clock, visit)).toEqual(answer);
  });

  it('a Wix Data insert (no key) dropped fails the flow clearly; the caller’s retry with the visit id counts it once', async () => {
    const before = await ledger();
    // The visit's claim and its day's first place go in one bulk insert; the day's further places one by one.
    for (const [path, method] of [
      ['/wix-data/v2/bulk/items/insert', 'bulkInsert'],
      ['/wix-data/v2/items', 'insert'],
    ] as const) {
      await faults([{ method: 'POST', path, dropRate: 1, dropAs: '503', limit: 1 }]);
      const failed = await recordVisit(env.wix, clock, { memberId: member, visitId: `f-visit-2-${method}` }).catch(
        (e) => e,
      );
      expect(failed).toBeInstanceOf(WixUnavailable);
      expect(failed.message).toMatch(new RegExp(`data\\.${method} \\(UNAVAILABLE\\).*same request id`));
    }
    const visit = { memberId: member, visitId: 'f-visit-2-bulkInsert' };
    const answer = await recordVisit(env.wix, clock, visit);
    expect(answer).toMatchObject({ status: 'TOKEN_ISSUED', balance: String(before.balance + 1) });
    expect((await ledger()).balance).toBe(before.balance + 1);
    expect(await recordVisit(env.wix, clock, visit)).toEqual(answer);
  });
});
