import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseMember, resumeMember } from './member-lifecycle.ts';
import { listMembers } from './operations.ts';
import { redeem } from './pickups.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, joinAndSettle, memberGuid, startStrictEmulator } from './testing/wix.ts';
import { recordVisit } from './visits.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
let towel: string;
let now = new Date('2026-05-03T09:00:00.000Z');
const clock = () => now;
async function travel(to: string) {
  now = new Date(to);
  await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
}
const kim = memberGuid('kim');
const lee = memberGuid('lee');

beforeAll(async () => {
  emu = await startStrictEmulator();
  await travel(now.toISOString());
  env = await emulatedWix(emu);
  const products = await createProducts(emu, [{ name: 'Towel', price: '5' }]);
  towel = products.Towel!;
  await setUpProgram(env.wix, {
    programName: 'Rewards',
    initialTokens: 10,
    rollover: { enabled: true, cap: null },
    membershipMonths: 3,
    tiers: [{ price: 5, productIds: [towel] }],
  });
  await joinAndSettle(env.wix, kim);
  await joinAndSettle(env.wix, lee);
});
afterAll(async () => emu?.close());

const statusOf = async (memberId: string) =>
  (await listMembers(env.wix, clock)).members.find((m) => m.memberId === memberId);

describe('pausing and resuming a member', () => {
  it('a paused member earns nothing for a visit and redeems nothing; the tokens held stay', async () => {
    expect(await pauseMember(env.wix, clock, { memberId: kim, requestId: 'pause-1' })).toEqual({ status: 'PAUSED' });
    expect(await statusOf(kim)).toMatchObject({ status: 'PAUSED', balance: 10 });
    expect(await recordVisit(env.wix, clock, { memberId: kim, visitId: 'kim-visit-1' })).toEqual({
      status: 'PROGRAM_PAUSED',
    });
    expect(await redeem(env.wix, clock, { memberId: kim, productId: towel, requestId: 'kim-towel-1' })).toMatchObject({
      status: 'PROGRAM_PAUSED',
    });
    expect(await statusOf(kim)).toMatchObject({ status: 'PAUSED', balance: 10 });
  });

  it('a retried or repeated pause answers the same and changes nothing more', async () => {
    expect(await pauseMember(env.wix, clock, { memberId: kim, requestId: 'pause-1' })).toEqual({ status: 'PAUSED' });
    expect(await pauseMember(env.wix, clock, { memberId: kim, requestId: 'pause-2' })).toEqual({ status: 'PAUSED' });
    expect(await statusOf(kim)).toMatchObject({ status: 'PAUSED', balance: 10 });
  });

  it('renewals still arrive while paused; resumed, the member earns and redeems again', async () => {
    await travel('2026-06-02T09:00:00.000Z');
    expect(await resumeMember(env.wix, clock, { memberId: kim, requestId: 'resume-1' })).toEqual({ status: 'ACTIVE' });
    // Joined in May: the end of May renewed while paused (10 kept, no cap, and 10 more).
    expect(await statusOf(kim)).toMatchObject({ status: 'ACTIVE', balance: 20 });
    expect(await resumeMember(env.wix, clock, { memberId: kim, requestId: 'resume-1' })).toEqual({ status: 'ACTIVE' });
    expect(await recordVisit(env.wix, clock, { memberId: kim, visitId: 'kim-visit-2' })).toMatchObject({
      status: 'TOKEN_ISSUED',
      balance: '21',
    });
    expect(await redeem(env.wix, clock, { memberId: kim, productId: towel, requestId: 'kim-towel-2' })).toMatchObject({
      status: 'REDEEMED',
    });
  });

  it('two pauses at once make one pause; others are untouched', async () => {
    const answers = await Promise.all([
      pauseMember(env.wix, clock, { memberId: lee, requestId: 'lee-a' }),
      pauseMember(env.wix, clock, { memberId: lee, requestId: 'lee-b' }),
    ]);
    expect(answers).toEqual([{ status: 'PAUSED' }, { status: 'PAUSED' }]);
    expect(await statusOf(lee)).toMatchObject({ status: 'PAUSED' });
    expect(await statusOf(kim)).toMatchObject({ status: 'ACTIVE' });
  });

  it('an ended membership is not paused; no program, nothing to pause', async () => {
    await travel('2026-08-04T09:00:00.000Z');
    expect(await pauseMember(env.wix, clock, { memberId: kim, requestId: 'pause-late' })).toEqual({
      status: 'PROGRAM_ENDED',
    });
    expect(await resumeMember(env.wix, clock, { memberId: memberGuid('nobody'), requestId: 'r' })).toEqual({
      status: 'NOT_IN_PROGRAM',
    });
  });

  it('refuses input without a member or a request id, naming the field', async () => {
    await expect(pauseMember(env.wix, clock, { memberId: '', requestId: 'x' })).rejects.toMatchObject({
      field: 'memberId',
    });
    await expect(
      resumeMember(env.wix, clock, { memberId: kim } as { memberId: string; requestId: string }),
    ).rejects.toMatchObject({ field: 'requestId' });
  });
});
