import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeProducts } from './catalog.ts';
import { InvalidInput } from './errors.ts';
import { catchUp, enrollMembers, memberJoined, sweep } from './membership.ts';
import { adjustTokens, listMembers, memberLedger, monthlyFigures } from './operations.ts';
import { handOver, myPickups, pickupsToHandOver, redeem, revertRedemption } from './pickups.ts';
import { redeemableBenefits } from './rewards.ts';
import { setUpProgram } from './setup.ts';
import { emulatedWix, memberGuid, startStrictEmulator } from './testing/wix.ts';
import { recordVisit } from './visits.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
const clock = () => new Date('2026-02-01T10:00:00.000Z');

beforeAll(async () => {
  emu = await startStrictEmulator();
  env = await emulatedWix(emu);
});
afterAll(async () => emu?.close());

describe('invalid input to every flow', () => {
  it('is refused with the field and the reason, before any Wix call', async () => {
    const cases: Array<[string, () => Promise<unknown>, string]> = [
      [
        'setUpProgram',
        () => setUpProgram(env.wix, { programName: 'x', tiers: [{ price: 10, productIds: [] }], extra: 1 }),
        '',
      ],
      [
        'setUpProgram',
        () => setUpProgram(env.wix, { programName: 'x', tiers: [{ price: -1, productIds: [] }] }),
        'tiers.0.price',
      ],
      [
        'setUpProgram',
        () =>
          setUpProgram(env.wix, {
            programName: 'x',
            rollover: { enabled: true, cap: -1 },
            tiers: [{ price: 1, productIds: [] }],
          }),
        'rollover.cap',
      ],
      ['memberJoined', () => memberJoined(env.wix, { memberId: '' }), 'memberId'],
      ['catchUp', () => catchUp(env.wix, '', clock()), ''],
      ['recordVisit', () => recordVisit(env.wix, clock, { memberId: memberGuid('m'), visitId: 'a b' }), 'visitId'],
      ['recordVisit', () => recordVisit(env.wix, clock, { memberId: memberGuid('m') }), 'visitId'],
      ['redeemableBenefits', () => redeemableBenefits(env.wix, clock, { memberId: ' ' }), 'memberId'],
      ['myPickups', () => myPickups(env.wix, clock, { memberId: '' }), 'memberId'],
      [
        'redeem',
        () => redeem(env.wix, clock, { memberId: memberGuid('m'), productId: 'p', requestId: '' }),
        'requestId',
      ],
      [
        'redeem',
        () => redeem(env.wix, clock, { memberId: memberGuid('m'), contactId: 'c-1', productId: 'p', requestId: 'r' }),
        'contactId',
      ],
      [
        'adjustTokens',
        () => adjustTokens(env.wix, clock, { memberId: memberGuid('m'), amount: 0, reason: 'why not', requestId: 'r' }),
        'amount',
      ],
      ['memberLedger', () => memberLedger(env.wix, clock, { memberId: memberGuid('m'), limit: 0 }), 'limit'],
      ['listMembers', () => listMembers(env.wix, clock, { search: 'x'.repeat(101) }), 'search'],
      ['monthlyFigures', () => monthlyFigures(env.wix, { month: '2026-1' }), 'month'],
      ['pickupsToHandOver', () => pickupsToHandOver(env.wix, { limit: 1000 }), 'limit'],
      ['handOver', () => handOver(env.wix, clock, { pickupId: '' }), 'pickupId'],
      ['revertRedemption', () => revertRedemption(env.wix, clock, { pickupId: '' }), 'pickupId'],
    ];
    await emu.requests();
    for (const [flow, call, field] of cases) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, flow).toBeInstanceOf(InvalidInput);
      if (field) expect((error as InvalidInput).field, flow).toBe(field);
      expect((error as InvalidInput).reason.length, flow).toBeGreaterThan(0);
    }
    expect(await emu.requests()).toEqual([]);
  });

  it('refuses a NUL or a lone surrogate in any string (Wix stores neither) with the field, before any Wix call', async () => {
    const m = memberGuid('m');
    for (const bad of ['a\u0000b', 'a\uD800b', '\uDC00']) {
      const cases: Array<[string, () => Promise<unknown>, string]> = [
        [
          'setUpProgram',
          () => setUpProgram(env.wix, { programName: bad, tiers: [{ price: 1, productIds: [] }] }),
          'programName',
        ],
        [
          'setUpProgram',
          () => setUpProgram(env.wix, { programName: 'x', tiers: [{ price: 1, productIds: ['p', bad] }] }),
          'tiers.0.productIds.1',
        ],
        ['memberJoined', () => memberJoined(env.wix, { memberId: bad }), 'memberId'],
        ['catchUp', () => catchUp(env.wix, bad, clock()), ''],
        ['sweep', () => sweep(env.wix, clock, bad), 'cursor'],
        ['enrollMembers', () => enrollMembers(env.wix, { cursor: bad }), 'cursor'],
        ['recordVisit', () => recordVisit(env.wix, clock, { memberId: bad, visitId: 'v-1' }), 'memberId'],
        ['redeemableBenefits', () => redeemableBenefits(env.wix, clock, { memberId: bad }), 'memberId'],
        ['myPickups', () => myPickups(env.wix, clock, { memberId: bad }), 'memberId'],
        ['redeem', () => redeem(env.wix, clock, { memberId: m, productId: bad, requestId: 'r-1' }), 'productId'],
        [
          'adjustTokens',
          () => adjustTokens(env.wix, clock, { memberId: m, amount: 1, reason: bad, requestId: 'r-1' }),
          'reason',
        ],
        ['memberLedger', () => memberLedger(env.wix, clock, { memberId: m, cursor: bad }), 'cursor'],
        ['listMembers', () => listMembers(env.wix, clock, { search: bad }), 'search'],
        ['listMembers', () => listMembers(env.wix, clock, { cursor: bad }), 'cursor'],
        ['storeProducts', () => storeProducts(env.wix, { search: bad }), 'search'],
        ['storeProducts', () => storeProducts(env.wix, { cursor: bad }), 'cursor'],
        ['monthlyFigures', () => monthlyFigures(env.wix, { month: bad }), 'month'],
        ['handOver', () => handOver(env.wix, clock, { pickupId: bad }), 'pickupId'],
        ['revertRedemption', () => revertRedemption(env.wix, clock, { pickupId: bad }), 'pickupId'],
      ];
      await emu.requests();
      for (const [flow, call, field] of cases) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `${flow} ${JSON.stringify(bad)}`).toBeInstanceOf(InvalidInput);
        if (field) expect((error as InvalidInput).field, flow).toBe(field);
        expect((error as InvalidInput).reason, flow).toMatch(/NUL|surrogate/);
      }
      expect(await emu.requests()).toEqual([]);
    }
  });
});
