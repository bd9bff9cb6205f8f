import { balances, pools, programs, transactions } from '@wix/benefit-programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, guidFor, startTestEmulator, type TestEmulator } from '../../testing/index.ts';
import { STORES_APP_ID } from './common.ts';
import { setUpGymProgram } from './gym-fixture.ts';
import { expectLedgerBalanced as expectBalanced, provision as provisionFor } from './program-checks.ts';

let emu: TestEmulator;
let gym: Awaited<ReturnType<typeof setUpGymProgram>>;
const modules = { programs, pools, balances, transactions };

beforeAll(async () => {
  emu = await startTestEmulator();
  gym = await setUpGymProgram(emu, 'gym', { amount: '3', cap: '5' });
});
afterAll(async () => emu?.close());

const provision = (memberId: string) => provisionFor(emu, gym, memberId);
const expectLedgerBalanced = (poolId: string) => expectBalanced(emu, poolId);

describe('programs', () => {
  it('provisions a program with one pool per pool definition, its balance opened with the credit amount', async () => {
    const { app, program, pool } = await provision(guidFor('member-provision'));
    expect(program.status).toBe('ACTIVE');
    expect(program.beneficiary?.memberId).toBe(guidFor('member-provision'));
    expect(program.programDefinition?._id).toBe(gym.programDefinition._id);
    expect(pool.status).toBe('ACTIVE');
    expect(pool.renewalCount).toBe(0);
    expect(pool.details?.benefits?.map((b) => b.benefitKey)).toEqual(['gym10', 'gym20', 'gym30']);
    const balance = await app.balances.getBalance(pool._id!);
    expect(balance.amount).toMatchObject({ available: '3', reserved: '0' });
    expect(await expectLedgerBalanced(pool._id!)).toBe(3);
    expect(await app.programs.getProgram(program._id!)).toMatchObject({ _id: program._id, status: 'ACTIVE' });
    const byExternal = await app.programs.getProgramByExternalIdAndNamespace(gym.namespace, {
      externalId: guidFor(`${gym.programDefinition._id}_${guidFor('member-provision')}`),
    });
    expect(byExternal.program?._id).toBe(program._id);
  });

  it('refuses a second program with the same externalProgramId, also when the requests race', async () => {
    const app = await emu.client({ type: 'APP' }, modules);
    const request = () =>
      app.programs.provisionProgram(
        { programDefinitionId: gym.programDefinition._id! },
        {
          beneficiary: { memberId: guidFor('member-race') },
          namespace: gym.namespace,
          externalProgramId: guidFor('race'),
        },
      );
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, request));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect(await errorOf(Promise.reject((o as PromiseRejectedResult).reason))).toMatchObject({
        status: 409,
        code: 'PROGRAM_ALREADY_EXISTS',
      });
    }
    const found = await app.programs.queryPrograms().eq('externalId', guidFor('race')).find();
    expect(found.items).toHaveLength(1);
    const allPools = await app.pools.queryPools().eq('programId', found.items[0]!._id).find();
    expect(allPools.items).toHaveLength(1);
  });

  it('renews with rollover min(available, cap) + amount, once per idempotency key, over several months', async () => {
    const { app, program, pool } = await provision(guidFor('member-rollover'));
    const adjust = (value: number, key: string) =>
      app.balances.changeBalance(pool._id!, key, { type: 'ADJUST', adjustOptions: { value: String(value) } });
    await adjust(9, 'month1-visits'); // 3 + 9 = 12
    await app.programs.renewProgram(program._id!, { idempotencyKey: 'renew-2026-01' });
    expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('8'); // min(12, 5) + 3
    await app.programs.renewProgram(program._id!, { idempotencyKey: 'renew-2026-01' }); // a retry
    expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('8');
    await app.programs.renewProgram(program._id!, { idempotencyKey: 'renew-2026-02' }); // min(8, 5) + 3
    expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('8');
    await adjust(-6, 'spend'); // 2
    await app.programs.renewProgram(program._id!, { idempotencyKey: 'renew-2026-03' }); // min(2, 5) + 3
    expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('5');
    expect((await app.pools.getPool(pool._id!)).renewalCount).toBe(3);
    expect(await expectLedgerBalanced(pool._id!)).toBe(5);
    const ledger = await app.transactions.queryTransactions().eq('pool.id', pool._id).find();
    expect(
      ledger.items
        .filter((t) => t.details?.reason?.includes('forfeited'))
        .map((t) => t.amount)
        .sort(),
    ).toEqual(['3', '7']);
  });

  it('pauses, resumes and ends a program with its pools; paused and ended pools neither earn nor redeem', async () => {
    const { app, program, pool } = await provision(guidFor('member-lifecycle'));
    await app.programs.pauseProgram(program._id!, { idempotencyKey: 'pause-1' });
    expect((await app.pools.getPool(pool._id!)).status).toBe('PAUSED');
    expect(
      await errorOf(
        app.balances.changeBalance(pool._id!, 'earn-paused', { type: 'ADJUST', adjustOptions: { value: '1' } }),
      ),
    ).toMatchObject({
      // Change Balance declares no code for an inactive pool: Wix's standard FAILED_PRECONDITION.
      status: 428,
      code: 'FAILED_PRECONDITION',
    });
    expect(await errorOf(app.programs.pauseProgram(program._id!, { idempotencyKey: 'pause-2' }))).toMatchObject({
      code: 'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED',
    });
    await app.programs.resumeProgram(program._id!, { idempotencyKey: 'resume-1' });
    expect((await app.programs.getProgram(program._id!)).status).toBe('ACTIVE');
    await app.balances.changeBalance(pool._id!, 'earn-active', { type: 'ADJUST', adjustOptions: { value: '1' } });
    await app.programs.endProgram(program._id!);
    await app.programs.endProgram(program._id!); // a retry changes nothing
    expect((await app.programs.getProgram(program._id!)).status).toBe('ENDED');
    expect((await app.pools.getPool(pool._id!)).status).toBe('ENDED');
    expect(
      await errorOf(
        app.balances.changeBalance(pool._id!, 'earn-ended', { type: 'ADJUST', adjustOptions: { value: '1' } }),
      ),
    ).toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    expect(
      await errorOf(
        app.pools.redeemBenefit(pool._id!, {
          itemReference: { externalId: gym.productIds.gym10, providerAppId: STORES_APP_ID },
          benefitKey: 'gym10',
          idempotencyKey: 'redeem-ended',
          namespace: gym.namespace,
        }),
      ),
    ).toMatchObject({ code: 'POOL_NOT_ACTIVE' });
    // Renew Program declares no error codes: an ended program's renewal is Wix's standard FAILED_PRECONDITION.
    expect(await errorOf(app.programs.renewProgram(program._id!, { idempotencyKey: 'renew-ended' }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    expect((await app.balances.getBalance(pool._id!)).poolInfo?.status).toBe('ENDED');
  });
});

describe('who may call', () => {
  it('lets a member read only their own programs, pools, balances and transactions, and change nothing', async () => {
    const mine = await provision(guidFor('member-me'));
    const theirs = await provision(guidFor('member-them'));
    const me = await emu.client({ type: 'MEMBER', memberId: guidFor('member-me') }, modules);
    expect((await me.pools.queryPools().find()).items.map((p) => p._id)).toEqual([mine.pool._id]);
    expect((await me.programs.queryPrograms().find()).items.map((p) => p._id)).toEqual([mine.program._id]);
    expect((await me.balances.getBalance(mine.pool._id!)).amount?.available).toBe('3');
    expect(await errorOf(me.balances.getBalance(theirs.pool._id!))).toMatchObject({ status: 403 });
    expect(await errorOf(me.pools.getPool(theirs.pool._id!))).toMatchObject({ status: 403 });
    expect(
      (await me.transactions.queryTransactions().find()).items.every(
        (t) => t.beneficiary?.memberId === guidFor('member-me'),
      ),
    ).toBe(true);
    expect(
      await errorOf(
        me.pools.getEligibleBenefits(
          { externalId: gym.productIds.gym10, providerAppId: STORES_APP_ID },
          { namespace: gym.namespace, beneficiary: { memberId: guidFor('member-them') } },
        ),
      ),
    ).toMatchObject({ status: 403 });
    for (const call of [
      () =>
        me.balances.changeBalance(mine.pool._id!, 'self-service', { type: 'ADJUST', adjustOptions: { value: '100' } }),
      () => me.programs.renewProgram(mine.program._id!, { idempotencyKey: 'self-renew' }),
      () => me.programs.endProgram(mine.program._id!),
      () =>
        me.programs.provisionProgram(
          { programDefinitionId: gym.programDefinition._id! },
          {
            beneficiary: { memberId: guidFor('member-me') },
            namespace: gym.namespace,
            externalProgramId: guidFor('self'),
          },
        ),
      () =>
        me.pools.redeemBenefit(mine.pool._id!, {
          itemReference: { externalId: gym.productIds.gym10, providerAppId: STORES_APP_ID },
          benefitKey: 'gym10',
          idempotencyKey: 'self-redeem',
          namespace: gym.namespace,
        }),
      () => me.pools.bulkCheckBenefitEligibility({ namespace: gym.namespace, benefitSelectors: [] }),
    ]) {
      expect(await errorOf(call())).toMatchObject({ status: 403, code: 'PERMISSION_DENIED' });
    }
    const visitor = await emu.client({ type: 'VISITOR' }, modules);
    expect((await visitor.pools.queryPools().find()).items).toEqual([]);
    expect(
      await errorOf(
        visitor.balances.changeBalance(mine.pool._id!, 'visitor', { type: 'ADJUST', adjustOptions: { value: '1' } }),
      ),
    ).toMatchObject({ status: 403 });
    const admin = await emu.client({ type: 'ADMIN' }, modules);
    expect((await admin.balances.getBalance(theirs.pool._id!)).amount?.available).toBe('3');
    const anonymous = await emu.call(null, 'POST', '/benefit-programs/v1/pools/query', {});
    expect(anonymous.status).toBe(401);
  });

  it('answers bad input with a 400 naming the field and changes nothing', async () => {
    const { pool } = await provision(guidFor('member-bad-input'));
    const path = `/benefit-programs/v1/balances/${pool._id}/change`;
    const cases: Array<[unknown, string]> = [
      [{ type: 'ADJUST', adjustOptions: { value: '1' } }, 'idempotencyKey'],
      [{ idempotencyKey: 'k1', type: 'ADJUST', adjustOptions: { value: 'lots' } }, 'adjustOptions.value'],
      [{ idempotencyKey: 'k2', type: 'ADJUST' }, 'operation'], // the SDK's required one-of: adjustOptions or setOptions
      [{ idempotencyKey: 'k5', type: 'ADJUST', setOptions: { value: '1' } }, 'adjustOptions'],
      [{ idempotencyKey: 'k3', type: 'BURN', adjustOptions: { value: '1' } }, 'type'],
      [{ idempotencyKey: 'k4', type: 'SET', setOptions: { value: '-1' } }, 'setOptions.value'],
    ];
    for (const [body, field] of cases) {
      const answer = await emu.call({ type: 'APP' }, 'POST', path, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.details.applicationError.data.field).toBe(field);
    }
    const provisionAnswer = await emu.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/programs/provision', {
      poolDefinitionLookupId: { programDefinitionId: gym.programDefinition._id },
      beneficiary: { memberId: guidFor('x') },
      externalProgramId: guidFor('no-namespace'),
    });
    expect(provisionAnswer.status).toBe(400);
    expect(provisionAnswer.body.details.applicationError.data.field).toBe('namespace');
    const app = await emu.client({ type: 'APP' }, modules);
    expect((await app.balances.getBalance(pool._id!)).revision).toBe('2');
    expect((await app.programs.queryPrograms().eq('externalId', guidFor('no-namespace')).find()).items).toEqual([]);
  });
});
