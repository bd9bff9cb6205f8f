import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseMember, restartMember, resumeMember } from './member-lifecycle.ts';
import { listMembers } from './operations.ts';
import { redeem } from './pickups.ts';
import { setUpProgram } from './setup.ts';
import {
  createProducts,
  emulatedWix,
  joinAndSettle,
  memberGuid,
  startStrictEmulator,
  testClock,
} from './testing/wix.ts';
import { recordVisit } from './visits.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
let towel: string;
const time = testClock(() => emu, '2026-05-03T09:00:00.000Z');
const clock = time.clock;
const travel = time.travel;
const kim = memberGuid('kim');
const lee = memberGuid('lee');

beforeAll(async () => {
  emu = await startStrictEmulator();
  await travel(clock().toISOString());
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
    // A visit refused while paused takes none of the day's visits (one a day here): paused and resumed the same day,
    // the member's next visit counts.
    expect(await pauseMember(env.wix, clock, { memberId: kim, requestId: 'pause-3' })).toEqual({ status: 'PAUSED' });
    expect(await recordVisit(env.wix, clock, { memberId: kim, visitId: 'kim-visit-paused' })).toEqual({
      status: 'PROGRAM_PAUSED',
    });
    expect(await resumeMember(env.wix, clock, { memberId: kim, requestId: 'resume-2' })).toEqual({ status: 'ACTIVE' });
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

  it('an ended member restarts: one new membership with welcome tokens, whatever the retries or races', async () => {
    // Kim's ended above (August 4th, three months after May): her 20 tokens stay in the ended one's ledger.
    expect(await restartMember(env.wix, clock, { memberId: kim })).toEqual({ status: 'RESTARTED' });
    const kimNow = (await listMembers(env.wix, clock)).members.filter((m) => m.memberId === kim);
    expect(kimNow).toHaveLength(1);
    expect(kimNow[0]).toMatchObject({ status: 'ACTIVE', balance: 10 });
    expect(await restartMember(env.wix, clock, { memberId: kim })).toEqual({ status: 'ACTIVE' });
    // Lee ended while paused; two restarts at once make one program.
    const both = await Promise.all([
      restartMember(env.wix, clock, { memberId: lee }),
      restartMember(env.wix, clock, { memberId: lee }),
    ]);
    expect(both).toEqual([{ status: 'RESTARTED' }, { status: 'RESTARTED' }]);
    const programs = await env.wix.programs.queryPrograms().limit(100).find();
    const of = (member: string) => programs.items.filter((p) => p.beneficiary?.memberId === member);
    expect(
      of(lee)
        .map((p) => p.status)
        .sort(),
    ).toEqual(['ACTIVE', 'ENDED']);
    expect(
      of(kim)
        .map((p) => p.status)
        .sort(),
    ).toEqual(['ACTIVE', 'ENDED']);
    expect(await restartMember(env.wix, clock, { memberId: memberGuid('nobody') })).toEqual({
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
