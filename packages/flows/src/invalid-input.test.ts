import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInput } from './errors.ts';
import { catchUp, memberJoined } from './membership.ts';
import { adjustTokens, listMembers, memberLedger, monthlyFigures } from './operations.ts';
import { handOver, pickupsToHandOver, redeem, revertRedemption } from './pickups.ts';
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
      [
        'redeem',
        () => redeem(env.wix, clock, { memberId: memberGuid('m'), productId: 'p', requestId: '' }),
        'requestId',
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
});
