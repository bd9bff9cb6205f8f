import { adminCall, createToken } from '@gym-rewards/wix-emulator/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devsite } from './devsite.ts';
import { DASHBOARD, JSON_TYPE, REWARDS, startTestDevsite, type TestDevsite } from './testing/devsite-fixture.ts';

/**
 * The devsite's backend runtime and routes, without a browser: web methods as RPC with the caller's identity and
 * permission, the signed door endpoints, webhooks verified by the SDK, and clear errors for bad requests.
 */
let fx: TestDevsite;
let devsite: Devsite;
let owner: string;
let member: string;
let memberId: string;
let visitorToken: string;
beforeAll(async () => {
  fx = await startTestDevsite();
  ({ devsite, owner, member, memberId, visitorToken } = fx);
});
afterAll(() => devsite?.close());
const call: TestDevsite['call'] = (...args) => fx.call(...args);
const signedPost: TestDevsite['signedPost'] = (...args) => fx.signedPost(...args);

describe('web methods', () => {
  it('run with the caller’s session, after the permission check', async () => {
    expect(await call(REWARDS, 'redeemableBenefits', member, '[]')).toEqual({
      status: 200,
      body: { result: { status: 'NOT_IN_PROGRAM' } },
    });
    expect((await call(DASHBOARD, 'currentProgram', owner, '[]')).body).toEqual({ result: null });
  });

  it('refuse callers without the permission, and callers with no session', async () => {
    const asMember = await call(DASHBOARD, 'currentProgram', member, '[]');
    expect(asMember.status).toBe(403);
    expect(asMember.body).toMatchObject({ exception: true, result: { code: 'NOT_ALLOWED' } });
    const visitor = await call(REWARDS, 'redeemableBenefits', visitorToken, '[]');
    expect(visitor.status).toBe(403);
    expect(visitor.body).toMatchObject({ exception: true, result: { code: 'NOT_ALLOWED' } });
    // The site owner passes SiteMember, but has no member of their own to show.
    const ownerAsMember = await call(REWARDS, 'redeemableBenefits', owner, '[]');
    expect(ownerAsMember.body).toMatchObject({ exception: true, result: { code: 'NOT_ALLOWED' } });
    const anonymous = await call(REWARDS, 'redeemableBenefits', null, '[]');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.result.code).toBe('NOT_ALLOWED');
    // Every call the widget makes checks its caller: a member's own, never a visitor's or the owner's.
    for (const method of ['redeemableBenefits', 'redeem', 'myPickups']) {
      for (const [token, status] of [
        [visitorToken, 403],
        [owner, 403],
        [null, 401],
      ] as const) {
        const refused = await call(REWARDS, method, token, '[{"productId":"p","requestId":"r"}]');
        expect(refused.status, method).toBe(status);
        expect(refused.body.result.code, method).toBe('NOT_ALLOWED');
      }
    }
    // The member comes from the session: a member id in the input is not the caller's.
    expect(await call(REWARDS, 'myPickups', member, `[{"memberId":"someone-else"}]`)).toEqual({
      status: 200,
      body: { result: { waiting: [], history: [] } },
    });
  });

  it("look a session's member up once, and never take one session for another", async () => {
    const log = () => adminCall<{ requests: Array<{ path: string }> }>(devsite.emulatorUrl, '/_emulator/v1/requests');
    const lookups = async () => {
      const { requests } = await log();
      await adminCall(devsite.emulatorUrl, '/_emulator/v1/requests', undefined, 'DELETE');
      return requests.filter((r) => r.path === '/members/v1/members/my').length;
    };
    const { members } = (await (await fetch(`${devsite.url}/_devsite/api/members`)).json()) as {
      members: Array<{ id: string }>;
    };
    const otherId = members.find((m) => m.id !== memberId)!.id;
    const other = await createToken(devsite.emulatorUrl, { type: 'MEMBER', memberId: otherId });
    await lookups();
    // A session of its own: looked up on its first call, kept for the next.
    await call(REWARDS, 'myPickups', other, '[]');
    expect(await lookups()).toBe(1);
    await call(REWARDS, 'myPickups', other, '[]');
    expect(await lookups()).toBe(0);
    // Another token is another session, looked up on its own, whoever it names.
    const fresh = await createToken(devsite.emulatorUrl, { type: 'MEMBER', memberId });
    await call(REWARDS, 'myPickups', fresh, JSON.stringify([{ memberId: otherId }]));
    expect(await lookups()).toBe(1);
    // A refused session (a visitor's) is refused again, never kept as a member.
    for (let i = 0; i < 2; i++) {
      expect((await call(REWARDS, 'myPickups', visitorToken, '[]')).body.result.code).toBe('NOT_ALLOWED');
    }
  });

  it('answer invalid input with the field, and unknown methods and bad bodies clearly', async () => {
    const invalid = await call(
      DASHBOARD,
      'adjustTokens',
      owner,
      JSON.stringify([{ memberId, amount: 0, reason: 'x' }]),
    );
    expect(invalid.body).toMatchObject({ exception: true, result: { code: 'INVALID_INPUT', field: 'amount' } });
    expect((await call(DASHBOARD, 'nope', owner, '[]')).status).toBe(404);
    expect((await call('src/backend/nope.web.ts', 'x', owner, '[]')).status).toBe(404);
    const notJson = await call(DASHBOARD, 'currentProgram', owner, '{');
    expect(notJson.status).toBe(400);
    expect(notJson.body.result).toMatchObject({ field: 'body' });
  });
});

describe('door endpoints', () => {
  it('answer a signed visit, and its replay with the same answer (a visit counts once by its visitId)', async () => {
    const visit = await signedPost('/api/visits', JSON.stringify({ memberId, visitId: 'door-1' }));
    expect(await visit.send()).toEqual({ status: 200, body: { status: 'NOT_IN_PROGRAM' } });
    expect(await visit.send()).toEqual({ status: 200, body: { status: 'NOT_IN_PROGRAM' } });
  });

  it('refuse unsigned, wrongly signed and stale requests, and name the field of bad input', async () => {
    const unsigned = await fetch(`${devsite.url}/api/visits`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(401);
    const forged = await signedPost('/api/visits', '{}', { secret: 'not-the-secret' });
    expect((await forged.send()).body.details.applicationError.code).toBe('BAD_SIGNATURE');
    // Five minutes either side of the platform's time is the window.
    for (const skewMs of [-301_000, 301_000]) {
      const stale = await signedPost('/api/visits', '{}', { skewMs });
      expect((await stale.send()).body.details.applicationError.code).toBe('STALE_REQUEST');
    }
    const invalid = await signedPost('/api/visits', JSON.stringify({ memberId }));
    const answer = await invalid.send();
    expect(answer.status).toBe(400);
    expect(answer.body.details.applicationError.data.field).toBe('visitId');
    const notJson = await signedPost('/api/renewals', '{');
    expect((await notJson.send()).status).toBe(400);
  });

  it('run the renewal sweep, signed like a door, also when the devsite moves its clock', async () => {
    const sweep = await signedPost('/api/renewals', JSON.stringify({ cursor: null }));
    expect(await sweep.send()).toMatchObject({ status: 200, body: { next: null, programs: 0 } });
    // The devsite's own sweep after a move of the clock: a door request with the site's access token.
    const moved = await fetch(`${devsite.url}/_devsite/api/clock`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: '{"advance":"day"}',
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({
      now: '2026-06-16T09:00:00.000Z',
      sweep: { programs: 0, renewed: 0, ended: 0 },
    });
  });
});

describe('the devsite', () => {
  it('refuses webhooks not signed for the app, unknown routes and bad devsite input with the field', async () => {
    const forged = await fetch(`${devsite.url}/_wix/webhooks`, { method: 'POST', body: 'e30.e30.c2ln' });
    expect(forged.status).toBe(401);
    const noEndpoint = await fetch(`${devsite.url}/api/nowhere`, { method: 'POST', body: '{}' });
    expect(noEndpoint.status).toBe(404);
    expect(((await noEndpoint.json()) as any).details.applicationError.code).toBe('NOT_FOUND');
    expect((await fetch(`${devsite.url}/api/visits`)).status).toBe(405);
    const platformControls = await fetch(`${devsite.url}/_wix/api/_emulator/v1/tokens`, {
      method: 'POST',
      body: JSON.stringify({ identity: { type: 'ADMIN' } }),
    });
    expect(platformControls.status).toBe(404);
    const unknown = await fetch(`${devsite.url}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).details.applicationError.data.field).toBe('path');
    const badClock = await fetch(`${devsite.url}/_devsite/api/clock`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: '{"advance":"year"}',
    });
    expect(badClock.status).toBe(400);
    expect(((await badClock.json()) as any).details.applicationError.data.field).toBe('advance');
    const badJson = await fetch(`${devsite.url}/_devsite/api/login`, { method: 'POST', headers: JSON_TYPE, body: '{' });
    expect(badJson.status).toBe(400);
  });

  it("moves the clock a calendar day or month in the gym's time zone", async () => {
    const setClock = (set: string) =>
      fetch(`${devsite.emulatorUrl}/_emulator/v1/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ set }),
      });
    const advance = async (unit: 'day' | 'month') => {
      const moved = await fetch(`${devsite.url}/_devsite/api/clock`, {
        method: 'POST',
        headers: JSON_TYPE,
        body: `{"advance":"${unit}"}`,
      });
      return ((await moved.json()) as { now: string }).now;
    };
    // 31 January and a month is the last day of February, not 3 March.
    await setClock('2027-01-31T12:00:00.000Z');
    expect(await advance('month')).toBe('2027-02-28T12:00:00.000Z');
    // Over the night the clocks go forward in London, a day is 23 hours: noon stays noon.
    await setClock('2027-03-27T12:00:00.000Z');
    expect(await advance('day')).toBe('2027-03-28T11:00:00.000Z');
  });
});
