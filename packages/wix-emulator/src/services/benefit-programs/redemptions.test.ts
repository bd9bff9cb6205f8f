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

describe('balances and redemptions', () => {
  it('changes a balance once per idempotency key, refuses a reused key with another request, never goes negative', async () => {
    const { app, pool } = await provision(guidFor('member-balance'));
    const first = await app.balances.changeBalance(pool._id!, 'visit-1', {
      type: 'ADJUST',
      adjustOptions: { value: '1' },
    });
    expect(first.balance?.amount?.available).toBe('4');
    const retry = await app.balances.changeBalance(pool._id!, 'visit-1', {
      type: 'ADJUST',
      adjustOptions: { value: '1' },
    });
    expect(retry.transactionId).toBe(first.transactionId);
    expect(retry.balance?.revision).toBe(first.balance?.revision);
    expect(
      await errorOf(
        app.balances.changeBalance(pool._id!, 'visit-1', { type: 'ADJUST', adjustOptions: { value: '2' } }),
      ),
    ).toMatchObject({
      status: 409,
      code: 'ALREADY_EXECUTED',
    });
    expect(
      await errorOf(
        app.balances.changeBalance(pool._id!, 'too-much', { type: 'ADJUST', adjustOptions: { value: '-5' } }),
      ),
    ).toMatchObject({
      status: 428,
      code: 'BALANCE_EXCEEDED_LIMITS',
      data: { balance: { available: '4' }, requested: '5', lowerLimit: '0' },
    });
    const set = await app.balances.changeBalance(pool._id!, 'set-10', { type: 'SET', setOptions: { value: '10' } });
    expect(set.balance?.amount?.available).toBe('10');
    const before = Number((await app.balances.getBalance(pool._id!)).revision);
    const revert = await app.balances.revertBalanceChange(set.transactionId!, 'revert-set');
    expect(revert.transactionId).toBeTruthy();
    const after = await app.balances.getBalance(pool._id!);
    expect(after.amount?.available).toBe('4');
    expect(Number(after.revision)).toBe(before + 1);
    expect(await errorOf(app.balances.revertBalanceChange(set.transactionId!, 'revert-again'))).toMatchObject({
      status: 409,
      code: 'CHANGE_ALREADY_REVERTED',
    });
    expect(await expectLedgerBalanced(pool._id!)).toBe(4);
  });

  it('serialises concurrent changes on one balance: 30 parallel visits give 30 tokens and 30 revisions', async () => {
    const { app, pool } = await provision(guidFor('member-concurrent'));
    const start = await app.balances.getBalance(pool._id!);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.balances.changeBalance(pool._id!, `visit-${i}`, { type: 'ADJUST', adjustOptions: { value: '1' } }),
      ),
    );
    // and 30 duplicates of the same visits
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.balances.changeBalance(pool._id!, `visit-${i}`, { type: 'ADJUST', adjustOptions: { value: '1' } }),
      ),
    );
    const end = await app.balances.getBalance(pool._id!);
    expect(Number(end.amount?.available)).toBe(Number(start.amount?.available) + 30);
    expect(Number(end.revision)).toBe(Number(start.revision) + 30);
    await expectLedgerBalanced(pool._id!);
  });

  it('runs one change for 20 concurrent calls with one key, all answered the same; a refused change keeps no key', async () => {
    const { app, pool } = await provision(guidFor('member-same-key'));
    const start = await app.balances.getBalance(pool._id!);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.balances.changeBalance(pool._id!, 'door-visit', { type: 'ADJUST', adjustOptions: { value: '1' } }),
      ),
    );
    expect(new Set(answers.map((a) => a.transactionId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.balance?.revision)).size).toBe(1);
    const end = await app.balances.getBalance(pool._id!);
    expect(Number(end.amount?.available)).toBe(Number(start.amount?.available) + 1);
    expect(Number(end.revision)).toBe(Number(start.revision) + 1);
    // Refused (below zero): nothing kept under the key, so the key serves the next request.
    const tooMuch = { type: 'ADJUST' as const, adjustOptions: { value: '-100' } };
    expect(await errorOf(app.balances.changeBalance(pool._id!, 'take-back', tooMuch))).toMatchObject({
      code: 'BALANCE_EXCEEDED_LIMITS',
    });
    const taken = await app.balances.changeBalance(pool._id!, 'take-back', {
      type: 'ADJUST',
      adjustOptions: { value: '-1' },
    });
    expect(taken.balance?.amount?.available).toBe(start.amount?.available);
    // A key another pool used is this pool's to use: keys are the pool's own.
    const other = await provision(guidFor('member-same-key-other'));
    const elsewhere = await other.app.balances.changeBalance(other.pool._id!, 'door-visit', {
      type: 'ADJUST',
      adjustOptions: { value: '1' },
    });
    expect(elsewhere.transactionId).not.toBe(answers[0]!.transactionId);
    await expectLedgerBalanced(pool._id!);
  });

  it('redeems a benefit for its price, returns the first answer to a retry, and cancels a redemption once', async () => {
    const { app, pool } = await provision(guidFor('member-redeem'));
    await app.balances.changeBalance(pool._id!, 'earn-20', { type: 'ADJUST', adjustOptions: { value: '20' } }); // 23
    const redeem = (benefitKey: string, externalId: string, idempotencyKey: string) =>
      app.pools.redeemBenefit(pool._id!, {
        itemReference: { externalId, providerAppId: STORES_APP_ID },
        benefitKey,
        idempotencyKey,
        namespace: gym.namespace,
      });
    // Sent five times at once (a double tap and its retries): one redemption, every call answered with it.
    const sent = await Promise.all(
      Array.from({ length: 5 }, () => redeem('gym20', gym.productIds.gym20, 'redeem-towel')),
    );
    const first = sent[0]!;
    expect(new Set(sent.map((answer) => answer.transactionId)).size).toBe(1);
    expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('3');
    expect((await redeem('gym20', gym.productIds.gym20, 'redeem-towel')).transactionId).toBe(first.transactionId);
    expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('3');
    expect(await errorOf(redeem('gym10', gym.productIds.gym10, 'redeem-towel'))).toMatchObject({
      status: 409,
      code: 'BENEFIT_ALREADY_REDEEMED',
    });
    expect(await errorOf(redeem('gym10', gym.productIds.gym10, 'redeem-bottle'))).toMatchObject({
      status: 428,
      code: 'NOT_ENOUGH_BALANCE',
    });
    expect(await errorOf(redeem('gym10', gym.productIds.gym30, 'wrong-tier'))).toMatchObject({
      status: 404,
      code: 'BENEFIT_NOT_FOUND',
    });
    expect(await errorOf(redeem('gym99', gym.productIds.gym10, 'no-such-benefit'))).toMatchObject({
      code: 'BENEFIT_NOT_FOUND',
    });
    const redemption = await app.transactions.getTransaction(first.transactionId!);
    expect(redemption).toMatchObject({ amount: '20', source: 'AVAILABLE', target: 'EXTERNAL', status: 'COMPLETED' });
    expect(redemption.details).toMatchObject({
      benefitKey: 'gym20',
      itemCount: 1,
      item: { externalId: gym.productIds.gym20 },
    });
    // Cancel Redemption has no SDK method: apps call its REST route with the client's auth.
    const cancelRedemption = async (idempotencyKey: string) => {
      const response = await app.fetchWithAuth(
        'https://www.wixapis.com/benefit-programs/v1/benefits/cancel-redemption',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ transactionId: first.transactionId, idempotencyKey }),
        },
      );
      return { status: response.status, body: (await response.json()) as any };
    };
    const cancel = await cancelRedemption('cancel-towel');
    expect(cancel.status).toBe(200);
    expect((await app.balances.getBalance(pool._id!)).amount?.available).toBe('23');
    expect((await cancelRedemption('cancel-towel')).body.transactionId).toBe(cancel.body.transactionId);
    const again = await cancelRedemption('cancel-again');
    expect(again.status).toBe(409);
    expect(again.body.details.applicationError.code).toBe('REDEMPTION_ALREADY_CANCELED');
    expect(await expectLedgerBalanced(pool._id!)).toBe(23);
  });

  it('answers eligibility per benefit: eligible at exactly the price, not enough balance, pool not active, not found', async () => {
    const { app, program, pool } = await provision(guidFor('member-eligibility'));
    await app.balances.changeBalance(pool._id!, 'to-20', { type: 'SET', setOptions: { value: '20' } });
    const selector = (externalId: string, poolId = pool._id!) => ({
      poolId,
      itemReference: { externalId, providerAppId: STORES_APP_ID },
    });
    const { results } = await app.pools.bulkCheckBenefitEligibility({
      namespace: gym.namespace,
      benefitSelectors: [
        selector(gym.productIds.gym10),
        selector(gym.productIds.gym20),
        selector(gym.productIds.gym30),
        selector(guidFor('unknown')),
        selector(gym.productIds.gym10, '00000000-0000-4000-8000-000000000000'),
      ],
    });
    expect(results!.map((r) => r.result?.benefitResults?.[0]?.type)).toEqual([
      'ELIGIBLE_BENEFIT',
      'ELIGIBLE_BENEFIT',
      'NOT_ENOUGH_BALANCE',
      'BENEFIT_NOT_FOUND',
      'POOL_NOT_FOUND',
    ]);
    expect(results![1]!.result!.benefitResults![0]!.eligibleBenefitOptions).toMatchObject({
      benefitKey: 'gym20',
      price: '20',
      poolId: pool._id,
    });
    expect(results![2]!.result!.benefitResults![0]!.notEnoughBalanceOptions).toMatchObject({
      availableBalance: '20',
      requestedBalance: '30',
    });

    const member = await emu.client({ type: 'MEMBER', memberId: guidFor('member-eligibility') }, modules);
    const single = await member.pools.checkBenefitEligibility(pool._id!, {
      itemReference: { externalId: gym.productIds.gym20, providerAppId: STORES_APP_ID },
      namespace: gym.namespace,
    });
    expect(single.result?.benefitResults?.[0]?.type).toBe('ELIGIBLE_BENEFIT');
    const eligible = await member.pools.getEligibleBenefits(
      { externalId: gym.productIds.gym20, providerAppId: STORES_APP_ID },
      { namespace: gym.namespace },
    );
    expect(eligible.eligibleBenefits?.map((b) => b.benefitKey)).toEqual(['gym20']);

    await app.programs.pauseProgram(program._id!, { idempotencyKey: 'pause-eligibility' });
    const paused = await app.pools.bulkCheckBenefitEligibility({
      namespace: gym.namespace,
      benefitSelectors: [selector(gym.productIds.gym10)],
    });
    expect(paused.results?.[0]?.result?.benefitResults?.[0]).toMatchObject({
      type: 'POOL_NOT_ACTIVE',
      poolNotActiveOptions: { poolStatus: 'PAUSED' },
    });
    expect(
      (
        await member.pools.getEligibleBenefits(
          { externalId: gym.productIds.gym10, providerAppId: STORES_APP_ID },
          { namespace: gym.namespace },
        )
      ).eligibleBenefits,
    ).toEqual([]);
  });
});
