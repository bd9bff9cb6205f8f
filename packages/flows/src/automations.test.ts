import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { members } from '@wix/members';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_TRIGGERS, payloadSchema } from './automation-triggers.ts';
import { sweep } from './membership.ts';
import { adjustTokens } from './operations.ts';
import { redeem } from './pickups.ts';
import { settled } from './pool-state.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, joinAndSettle, startStrictEmulator, testClock } from './testing/wix.ts';
import type { WixApis } from './wix.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
const time = testClock(() => emu, '2026-06-10T09:00:00.000Z');
const clock = time.clock;
const travel = time.travel;
let towel: string;

type Reported = { triggerKey: string; payload: Record<string, unknown>; idempotencyKey: string; canceledDate: null };
const reported = async (trigger?: keyof typeof AUTOMATION_TRIGGERS): Promise<Reported[]> => {
  const { events } = await emu.admin<{ events: Reported[] }>('/_emulator/v1/automations/events', undefined, 'GET');
  return trigger ? events.filter((e) => e.triggerKey === AUTOMATION_TRIGGERS[trigger].key) : events;
};
/** Site members (their contacts are what the sweep's moments connect to), made in `beforeAll`. */
let ana = '';
let ben = '';
let cy = '';
const contactOf: Record<string, string> = {};

/** Sweeps until nothing is left to renew, every pool's job settled in between (the reminders come on a quiet run). */
async function sweepQuietly() {
  for (let run = 0; run < 5; run++) {
    const { items } = await env.wix.pools.queryPools().find();
    for (const pool of items) await settled(env.wix, pool);
    const result = await sweep(env.wix, clock);
    if (result.renewed === 0 && result.ended === 0) return result;
  }
  throw new Error('the sweep kept renewing');
}

beforeAll(async () => {
  emu = await startStrictEmulator();
  await travel(clock().toISOString());
  env = await emulatedWix(emu);
  towel = (await createProducts(emu, [{ name: 'Towel', price: '5' }])).Towel!;
  await setUpProgram(env.wix, {
    programName: 'Rewards',
    initialTokens: 2,
    membershipMonths: 2,
    rollover: { enabled: true, cap: 3 },
    tiers: [{ price: 5, productIds: [towel] }],
  });
  const owner = await emu.client({ type: 'ADMIN' }, { members });
  const made = [];
  for (const name of ['ana', 'ben', 'cy']) {
    const member = await owner.members.createMember({ member: { loginEmail: `${name}@gym.example` } });
    contactOf[member._id!] = member.contactId!;
    made.push(member._id!);
  }
  [ana, ben, cy] = made as [string, string, string];
  for (const [member, extra] of [
    [ana, 5],
    [ben, 6],
    [cy, 5],
  ] as const) {
    await joinAndSettle(env.wix, member);
    await adjustTokens(env.wix, clock, { memberId: member, amount: extra, reason: 'Visits', requestId: `v-${member}` });
  }
});
afterAll(async () => emu?.close());

describe('the moments the app reports to Wix Automations', () => {
  it('reports "reward ready for pickup" when a redemption makes a pickup, once however often it is retried', async () => {
    // As the member's web method calls it: with the session member's contact.
    const tap = { memberId: ana, contactId: contactOf[ana], productId: towel, requestId: 'tap-1' };
    const first = await redeem(env.wix, clock, tap);
    const again = await redeem(env.wix, clock, tap);
    expect(first.status).toBe('REDEEMED');
    expect(again).toEqual(first);
    const pickup = first.status === 'REDEEMED' ? first.pickup : undefined;
    const events = await reported('rewardReadyForPickup');
    expect(events).toEqual([
      expect.objectContaining({
        payload: {
          member_id: ana,
          contact_id: contactOf[ana],
          pickup_code: pickup?.code,
          product_name: 'Towel',
          tokens: 5,
        },
        externalEntityId: pickup?._id,
        idempotencyKey: `pickup:${pickup?._id}`,
      }),
    ]);
  });

  it('never fails or undoes the redemption when reporting fails, and tells the pickup on a retry', async () => {
    const down = async () => {
      throw Object.assign(new Error('Wix Automations is down'), { status: 500 });
    };
    const wix: WixApis = { ...env.wix, activations: { reportEvent: down, cancelEvent: down } };
    const before = await reported();
    const answer = await redeem(wix, clock, { memberId: cy, productId: towel, requestId: 'tap-down' });
    expect(answer.status).toBe('REDEEMED');
    const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', cy).find();
    const balance = await env.wix.balances.getBalance(items[0]!._id!);
    expect(Number(balance.amount?.available)).toBe(2);
    expect(await reported()).toEqual(before);
    // The member's widget retries the confirmation once Automations is back: the pickup is told then, once.
    expect(await redeem(env.wix, clock, { memberId: cy, productId: towel, requestId: 'tap-down' })).toEqual(answer);
    await redeem(env.wix, clock, { memberId: cy, productId: towel, requestId: 'tap-down' });
    const told = await reported('rewardReadyForPickup');
    expect(told.filter((e) => e.payload.member_id === cy)).toHaveLength(1);
  });

  it('reports "tokens expire soon" in the week before the month\'s turn, once per member and month', async () => {
    await travel('2026-06-20T09:00:00.000Z'); // ten days before the turn: not yet
    await sweepQuietly();
    expect(await reported('tokensExpireSoon')).toEqual([]);

    await travel('2026-06-25T09:00:00.000Z');
    expect(await sweepQuietly()).toMatchObject({ reported: 1 });
    await travel('2026-06-29T09:00:00.000Z');
    await sweepQuietly(); // reports again; Wix ignores the key it saw
    // Ben holds 8 with a cap of 3; Ana and Cy hold 2 after their towels: nothing of theirs expires.
    expect(await reported('tokensExpireSoon')).toEqual([
      expect.objectContaining({
        payload: {
          member_id: ben,
          contact_id: contactOf[ben],
          tokens_expiring: 5,
          tokens_carrying_over: 3,
          renewal_date: '2026-07-01T00:00:00.000Z',
        },
      }),
    ]);
  });

  it('reports "program ending" in the first week of the last month, once per program', async () => {
    await travel('2026-07-05T09:00:00.000Z'); // the July renewal applied; more than a month left
    await sweepQuietly();
    expect(await reported('programEnding')).toEqual([]);
    await travel('2026-07-11T09:00:00.000Z');
    await sweepQuietly();
    await travel('2026-07-14T09:00:00.000Z');
    await sweepQuietly();
    const events = await reported('programEnding');
    expect(events.map((e) => e.payload.member_id).sort()).toEqual([ana, ben, cy].sort());
    expect(events.find((e) => e.payload.member_id === ben)?.payload).toEqual({
      member_id: ben,
      contact_id: contactOf[ben],
      end_date: '2026-08-10T09:00:00.000Z',
      tokens_left: 5, // 3 carried over and 2 monthly
    });
  });

  it('declares each trigger with a payload schema that names every property it reports', () => {
    for (const trigger of Object.keys(AUTOMATION_TRIGGERS) as (keyof typeof AUTOMATION_TRIGGERS)[]) {
      const schema = payloadSchema(trigger);
      expect(schema.required).toContain('member_id');
      expect(AUTOMATION_TRIGGERS[trigger].key).toMatch(/^gym_rewards-[a-z_]+$/);
    }
  });
});
