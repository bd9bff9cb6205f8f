import { activations } from '@wix/automations';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { APP } from '../../testing/callers.ts';
import { errorOf, startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());
beforeEach(async () => {
  await emu.admin('/_emulator/v1/reset', {});
  await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T10:00:00.000Z', freeze: true });
});

const modules = { activations };
const OTHER_APP: Identity = { type: 'APP', appId: 'another-app' };
const ENTITY = 'fc81a355-3429-40fc-a4c7-def486e828f3';
const REPORT = '/automations/v1/events/report';

type Recorded = { triggerKey: string; appId: string; payload: Record<string, unknown>; canceledDate: string | null };
const recorded = async (): Promise<Recorded[]> =>
  ((await emu.admin('/_emulator/v1/automations/events', undefined, 'GET')) as { events: Recorded[] }).events;
const app = async (identity: Identity = APP) => (await emu.client(identity, modules)).activations;

describe('Report Event through @wix/automations', () => {
  it('records what the app reports, with its payload and the time it was reported', async () => {
    const answer = await (await app()).reportEvent('reward_ready_for_pickup', {
      payload: { pickupCode: 'K7Q2', productName: 'Protein bar', tokens: 2 },
      externalEntityId: ENTITY,
      idempotency: { key: 'pickup-1' },
    });
    expect(answer.activationIds).toEqual([]);
    const [event] = await recorded();
    expect(event).toMatchObject({
      appId: 'gym-rewards',
      triggerKey: 'reward_ready_for_pickup',
      payload: { pickupCode: 'K7Q2', productName: 'Protein bar', tokens: 2 },
      externalEntityId: ENTITY,
      idempotencyKey: 'pickup-1',
      reportedDate: '2026-03-02T10:00:00.000Z',
      canceledDate: null,
    });
  });

  it('records an idempotency key once per app and trigger key, until it expires', async () => {
    const client = await app();
    const report = (key: string, triggerKey = 'program_ending', options: { ttl?: string } = {}) =>
      client.reportEvent(triggerKey, {
        payload: { months_left: 1 },
        idempotency: { key, ttlInMilliseconds: options.ttl },
      });
    await Promise.all([report('same'), report('same'), report('same')]);
    await report('same', 'tokens_expire_soon');
    await (await app(OTHER_APP)).reportEvent('program_ending', { idempotency: { key: 'same' } });
    expect(await recorded()).toHaveLength(3);

    await report('short', 'program_ending', { ttl: '60000' });
    await report('short', 'program_ending', { ttl: '60000' });
    expect(await recorded()).toHaveLength(4);
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T10:01:00.001Z', freeze: true });
    await report('short');
    await report('same'); // a week has not passed
    expect(await recorded()).toHaveLength(5);
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-09T10:00:00.001Z', freeze: true });
    await report('same');
    expect(await recorded()).toHaveLength(6);
  });

  it('records every report without an idempotency key (an empty key is no key, as proto3 reads an empty string)', async () => {
    const client = await app();
    await client.reportEvent('program_ending', { payload: { months_left: 1 } });
    await client.reportEvent('program_ending', { payload: { months_left: 1 } });
    await client.reportEvent('program_ending', { idempotency: { key: '' } });
    await client.reportEvent('program_ending', { idempotency: { key: '' } });
    expect(await recorded()).toHaveLength(4);
  });

  it('lets only an app report, and records nothing for anyone else', async () => {
    for (const identity of [{ type: 'ADMIN' }, { type: 'MEMBER', memberId: ENTITY }, { type: 'VISITOR' }] as const) {
      const error = await errorOf((await app(identity)).reportEvent('program_ending'));
      expect(error).toMatchObject({ status: 403, code: 'PERMISSION_DENIED' });
    }
    expect((await emu.call(null, 'POST', REPORT, { triggerKey: 'program_ending' })).status).toBe(401);
    expect(await recorded()).toEqual([]);
  });

  it.each([
    [{}, 'triggerKey'],
    [{ triggerKey: '' }, 'triggerKey'],
    [{ triggerKey: 'k'.repeat(101) }, 'triggerKey'],
    [{ triggerKey: 'program_ending', externalEntityId: 'member-1' }, 'externalEntityId'],
    [{ triggerKey: 'program_ending', idempotency: { key: 'k'.repeat(81) } }, 'idempotency.key'],
    [
      { triggerKey: 'program_ending', idempotency: { key: 'a', ttlInMilliseconds: '0' } },
      'idempotency.ttlInMilliseconds',
    ],
    [{ triggerKey: 'program_ending', payload: { _hidden: 1 } }, 'payload._hidden'],
    [{ triggerKey: 'program_ending', payload: { 'months-left': 1 } }, 'payload.months-left'],
    [{ triggerKey: 'program_ending', payload: { member: { id: 'x' } } }, 'payload.member'],
    [{ triggerKey: 'program_ending', payload: { left: null } }, 'payload.left'],
    [{ triggerKey: 'program_ending', payload: { items: ['x'] } }, 'payload.items.0'],
    [{ triggerKey: 'program_ending', payload: { items: [{ deep: { x: 1 } }] } }, 'payload.items.0.deep'],
  ])('refuses %j naming %s, and records nothing', async (body, field) => {
    const answer = await emu.call(APP, 'POST', REPORT, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ details: { applicationError: { code: 'INVALID_ARGUMENT', data: { field } } } });
    expect(await recorded()).toEqual([]);
  });

  it('accepts arrays of flat objects in the payload', async () => {
    await (await app()).reportEvent('tokens_expire_soon', {
      payload: { rewards: [{ name: 'Smoothie', tokens: 3, available: true }] },
    });
    expect((await recorded())[0]?.payload).toEqual({ rewards: [{ name: 'Smoothie', tokens: 3, available: true }] });
  });
});

describe('Cancel Event through @wix/automations', () => {
  it("cancels the app's events of that trigger key and external entity, and no others", async () => {
    const mine = await app();
    await mine.reportEvent('program_ending', { externalEntityId: ENTITY });
    await mine.reportEvent('tokens_expire_soon', { externalEntityId: ENTITY });
    await (await app(OTHER_APP)).reportEvent('program_ending', { externalEntityId: ENTITY });
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T11:00:00.000Z', freeze: true });
    await mine.cancelEvent('program_ending', ENTITY);
    const events = await recorded();
    const canceled = events.filter((e) => e.canceledDate);
    expect(canceled).toEqual([
      expect.objectContaining({
        appId: 'gym-rewards',
        triggerKey: 'program_ending',
        canceledDate: '2026-03-02T11:00:00.000Z',
      }),
    ]);
  });

  it('refuses a malformed external entity id and a non-app caller', async () => {
    const answer = await emu.call(APP, 'POST', '/automations/v1/events/cancel', {
      triggerKey: 'program_ending',
      externalEntityId: 'not-a-guid',
    });
    expect(answer.status).toBe(400);
    const error = await errorOf((await app({ type: 'ADMIN' })).cancelEvent('program_ending', ENTITY));
    expect(error).toMatchObject({ status: 403, code: 'PERMISSION_DENIED' });
  });
});
