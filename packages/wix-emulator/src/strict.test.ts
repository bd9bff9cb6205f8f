import { balances, pools, programs, transactions } from '@wix/benefit-programs';
import { items } from '@wix/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES_APP_ID } from './services/benefit-programs/common.ts';
import { setUpGymProgram } from './services/benefit-programs/gym-fixture.ts';
import { errorOf, guidFor, startTestEmulator, type TestEmulator } from './testing/index.ts';

/**
 * Strict mode (README, "Strict mode"): every behaviour, through the real SDK or raw calls, against an emulator started
 * with `strict: true` and small tunables. Nothing here asserts on timing: what is transient is polled until it settles,
 * with a bound.
 */

let emu: TestEmulator;
let gym: Awaited<ReturnType<typeof setUpGymProgram>>;
const modules = { programs, pools, balances, transactions };
const TRANSIENT_MS = 200;

beforeAll(async () => {
  // A high rate limit for everything but the rate limit's own test.
  emu = await startTestEmulator({
    strict: true,
    tunables: { transientMs: TRANSIENT_MS, dataLagMs: 300, rateLimitPerMinute: 100_000 },
  });
  gym = await setUpGymProgram(emu, 'gym', { amount: '30', cap: '5' });
});
afterAll(async () => emu?.close());

/** Calls `read` until `done` holds of its answer, at most `boundMs`; answers the last answer. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, boundMs = 10_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not settled after ${boundMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Provisions a program for a new member and waits until its pool is active. */
async function activePool(name: string) {
  const app = await emu.client({ type: 'APP' }, modules);
  const memberId = guidFor(name);
  const { program } = await app.programs.provisionProgram(
    { programDefinitionId: gym.programDefinition._id! },
    { beneficiary: { memberId }, namespace: gym.namespace, externalProgramId: guidFor(`program-${name}`) },
  );
  const found = await until(
    () => app.pools.queryPools().eq('programId', program!._id).find(),
    (page) => page.items.length === 1 && page.items[0]?.status === 'ACTIVE',
  );
  return { app, memberId, program: program!, pool: found.items[0]! };
}

describe('the switch', () => {
  it('answers the settings, changes tunables and refuses unknown fields and strict itself', async () => {
    expect(await emu.admin('/_emulator/v1/settings')).toEqual({
      strict: true,
      transientMs: TRANSIENT_MS,
      dataLagMs: 300,
      rateLimitPerMinute: 100_000,
      webhookSeed: 1,
    });
    expect(await emu.admin('/_emulator/v1/settings', { webhookSeed: 7 })).toMatchObject({
      strict: true,
      webhookSeed: 7,
    });
    await emu.admin('/_emulator/v1/settings', { webhookSeed: 1 });
    for (const [body, field] of [
      [{ nope: 1 }, 'nope'],
      [{ strict: false }, 'strict'],
      [{ transientMs: -1 }, 'transientMs'],
      [{ rateLimitPerMinute: 1.5 }, 'rateLimitPerMinute'],
    ] as const) {
      const { status, body: answer } = await emu.call(null, 'POST', '/_emulator/v1/settings', body);
      expect(status).toBe(400);
      expect(answer.details.applicationError).toMatchObject({ code: 'INVALID_ARGUMENT', data: { field } });
    }
    expect(await emu.admin('/_emulator/v1/settings')).toMatchObject({ transientMs: TRANSIENT_MS, webhookSeed: 1 });
  });

  it('is off by default', async () => {
    const plain = await startTestEmulator();
    try {
      expect(plain.strict).toBe(false);
      expect(await plain.admin('/_emulator/v1/settings')).toEqual({
        strict: false,
        transientMs: 1500,
        dataLagMs: 1000,
        rateLimitPerMinute: 200,
        webhookSeed: 1,
      });
      // d: outside strict mode reads never lag, whatever dataLagMs says.
      await plain.admin('/_emulator/v1/settings', { dataLagMs: 60_000 });
      const wix = await plain.client({ type: 'APP' }, { items });
      await wix.items.insert('Pickups', { _id: 'p-1', status: 'WAITING' });
      expect(await wix.items.get('Pickups', 'p-1')).toMatchObject({ status: 'WAITING' });
      await wix.items.update('Pickups', { _id: 'p-1', status: 'HANDED_OVER' });
      expect((await wix.items.query('Pickups').find()).items).toMatchObject([{ status: 'HANDED_OVER' }]);
      await wix.items.remove('Pickups', 'p-1');
      expect(await wix.items.query('Pickups').count()).toBe(0);
    } finally {
      await plain.close();
    }
  });
});

describe('a. a reused idempotency key is refused, even for the same request', () => {
  it('Change Balance: ALREADY_EXECUTED, and the balance changed once', async () => {
    const { app, pool } = await activePool('member-key-change');
    const change = () =>
      app.balances.changeBalance(pool._id!, 'key-1', { type: 'ADJUST', adjustOptions: { value: '2' } } as never);
    await change();
    expect(await errorOf(change())).toMatchObject({ code: 'ALREADY_EXECUTED', status: 409 });
    expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('32');
  });

  it('Redeem Benefit: BENEFIT_ALREADY_REDEEMED; Cancel Redemption: ALREADY_EXECUTED', async () => {
    const { app, memberId, pool } = await activePool('member-key-redeem');
    const redeem = () =>
      app.pools.redeemBenefit(pool._id!, {
        itemReference: { externalId: gym.productIds.gym10, providerAppId: STORES_APP_ID },
        benefitKey: 'gym10',
        idempotencyKey: 'redeem-1',
        beneficiary: { memberId },
        namespace: gym.namespace,
      });
    const { transactionId } = await redeem();
    expect(await errorOf(redeem())).toMatchObject({ code: 'BENEFIT_ALREADY_REDEEMED', status: 409 });
    const cancel = () =>
      emu.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/benefits/cancel-redemption', {
        transactionId,
        idempotencyKey: 'cancel-1',
      });
    expect((await cancel()).status).toBe(200);
    const again = await cancel();
    expect(again.status).toBe(409);
    expect(again.body.details.applicationError.code).toBe('ALREADY_EXECUTED');
    expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('30');
  });

  it("other methods: Wix's standard ALREADY_EXISTS (Renew Program)", async () => {
    const { app, program, pool } = await activePool('member-key-renew');
    await app.programs.renewProgram(program._id!, { idempotencyKey: 'renew-1' });
    expect(await errorOf(app.programs.renewProgram(program._id!, { idempotencyKey: 'renew-1' }))).toMatchObject({
      code: 'ALREADY_EXISTS',
      status: 409,
    });
    const renewed = await until(
      () => app.pools.getPool(pool._id!),
      (p) => p.status === 'ACTIVE' && p.renewalCount === 1,
    );
    expect(renewed.renewalCount).toBe(1);
  });
});

describe('b. read-only request fields are dropped before the service sees them', () => {
  it("Change Balance's transactionDetails.reason, effectiveDate and item are not stored as sent", async () => {
    const { app, pool } = await activePool('member-readonly');
    const { transactionId } = await app.balances.changeBalance(pool._id!, 'readonly-1', {
      type: 'ADJUST',
      adjustOptions: { value: '1' },
      transactionDetails: {
        reason: 'sent by the app',
        effectiveDate: new Date('2020-01-01T00:00:00.000Z'),
        item: { externalId: guidFor('some-item'), displayName: 'An item' },
        itemCount: 2,
      },
    } as never);
    const transaction = await app.transactions.getTransaction(transactionId!);
    expect(transaction.details?.reason ?? null).toBeNull();
    expect(transaction.details?.item ?? null).toBeNull();
    expect(new Date(transaction.details!.effectiveDate!).getFullYear()).not.toBe(2020);
    expect(transaction.details?.itemCount).toBe(2);
  });

  it('keeps read-only fields the table also marks required (a program definition created with its externalId)', () => {
    expect(gym.programDefinition.externalId).toBe(guidFor('gym-new-members'));
    expect(gym.poolDefinition.namespace).toBe('gym');
  });
});

describe('c. provision, renew, end, pause and resume are jobs', () => {
  /** Jobs stay transient while a check runs (no race with the clock), then settle on the next request. */
  const holdJobs = () => emu.admin('/_emulator/v1/settings', { transientMs: 600_000 });
  const releaseJobs = () => emu.admin('/_emulator/v1/settings', { transientMs: TRANSIENT_MS });
  const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it('provision: PROVISIONING without credits, refusing what Wix refuses, then ACTIVE with its credits', async () => {
    await holdJobs();
    try {
      const app = await emu.client({ type: 'APP' }, modules);
      const memberId = guidFor('member-job-provision');
      const provision = () =>
        app.programs.provisionProgram(
          { programDefinitionId: gym.programDefinition._id! },
          { beneficiary: { memberId }, namespace: gym.namespace, externalProgramId: guidFor('program-job-provision') },
        );
      const { jobId, program } = await provision();
      expect(jobId).toMatch(GUID);
      expect(program?.status).toBe('PROVISIONING');
      const [pool] = (await app.pools.queryPools().eq('programId', program!._id).find()).items;
      expect(pool?.status).toBe('PROVISIONING');
      expect((await app.balances.getBalance(pool!._id!)).amount?.available).toBe('0');
      expect(await errorOf(provision())).toMatchObject({ code: 'IN_PROGRESS' });
      const redeem = app.pools.redeemBenefit(pool!._id!, {
        itemReference: { externalId: gym.productIds.gym10, providerAppId: STORES_APP_ID },
        benefitKey: 'gym10',
        idempotencyKey: 'redeem-while-provisioning',
        namespace: gym.namespace,
      });
      expect(await errorOf(redeem)).toMatchObject({ code: 'POOL_NOT_ACTIVE', status: 428 });
      const change = app.balances.changeBalance(pool!._id!, 'change-while-provisioning', {
        type: 'ADJUST',
        adjustOptions: { value: '1' },
      } as never);
      expect(await errorOf(change)).toMatchObject({ code: 'FAILED_PRECONDITION', status: 428 });
      await releaseJobs();
      const settled = await until(
        () => app.pools.getPool(pool!._id!),
        (p) => p.status === 'ACTIVE',
      );
      expect(settled.status).toBe('ACTIVE');
      expect((await app.balances.getBalance(pool!._id!)).amount?.available).toBe('30');
      expect((await app.programs.getProgram(program!._id!)).status).toBe('ACTIVE');
      expect(await errorOf(provision())).toMatchObject({ code: 'PROGRAM_ALREADY_EXISTS' });
    } finally {
      await releaseJobs();
    }
  });

  it('renew: RENEWING, another renew or an end refused meanwhile, then the renewed balance', async () => {
    const { app, program, pool } = await activePool('member-job-renew');
    await holdJobs();
    try {
      const { jobId } = await app.programs.renewProgram(program._id!, { idempotencyKey: 'renew-job-1' });
      expect(jobId).toMatch(GUID);
      expect((await app.pools.getPool(pool._id!)).status).toBe('RENEWING');
      expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('30');
      expect(await errorOf(app.programs.renewProgram(program._id!, { idempotencyKey: 'renew-job-2' }))).toMatchObject({
        code: 'FAILED_PRECONDITION',
        status: 428,
      });
      expect(await errorOf(app.programs.endProgram(program._id!))).toMatchObject({
        code: 'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED',
      });
      await releaseJobs();
      const renewed = await until(
        () => app.pools.getPool(pool._id!),
        (p) => p.status === 'ACTIVE',
      );
      expect(renewed.renewalCount).toBe(1);
      // Rollover capped at 5, then 30 new credits.
      expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('35');
    } finally {
      await releaseJobs();
    }
  });

  it('pause and resume: PAUSING / RESUMING with PENDING pools (IN_PROGRESS meanwhile), then PAUSED / ACTIVE', async () => {
    const { app, program, pool } = await activePool('member-job-pause');
    await holdJobs();
    try {
      await app.programs.pauseProgram(program._id!, { idempotencyKey: 'pause-1' });
      expect((await app.programs.getProgram(program._id!)).status).toBe('PAUSING');
      expect((await app.pools.getPool(pool._id!)).status).toBe('PENDING');
      expect(await errorOf(app.programs.resumeProgram(program._id!, { idempotencyKey: 'resume-1' }))).toMatchObject({
        code: 'IN_PROGRESS',
      });
      await releaseJobs();
      await until(
        () => app.programs.getProgram(program._id!),
        (p) => p.status === 'PAUSED',
      );
      expect((await app.pools.getPool(pool._id!)).status).toBe('PAUSED');
      await holdJobs();
      await app.programs.resumeProgram(program._id!, { idempotencyKey: 'resume-2' });
      expect((await app.programs.getProgram(program._id!)).status).toBe('RESUMING');
      await releaseJobs();
      await until(
        () => app.pools.getPool(pool._id!),
        (p) => p.status === 'ACTIVE',
      );
      expect((await app.programs.getProgram(program._id!)).status).toBe('ACTIVE');
    } finally {
      await releaseJobs();
    }
  });

  it('end: ENDING with PENDING pools, then ENDED; ending again is refused', async () => {
    const { app, program, pool } = await activePool('member-job-end');
    await holdJobs();
    try {
      const { jobId } = await app.programs.endProgram(program._id!);
      expect(jobId).toMatch(GUID);
      expect((await app.programs.getProgram(program._id!)).status).toBe('ENDING');
      expect((await app.pools.getPool(pool._id!)).status).toBe('PENDING');
      expect(await errorOf(app.programs.endProgram(program._id!))).toMatchObject({
        code: 'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED',
      });
      await releaseJobs();
      await until(
        () => app.pools.queryPools().eq('programId', program._id).find(),
        (page) => page.items[0]?.status === 'ENDED',
      );
      expect((await app.programs.getProgram(program._id!)).status).toBe('ENDED');
      expect(await errorOf(app.programs.endProgram(program._id!))).toMatchObject({
        code: 'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED',
      });
    } finally {
      await releaseJobs();
    }
  });
});
