import { createHmac } from 'node:crypto';
import type { Identity } from '@gym-rewards/wix-emulator';
import { createToken } from '@gym-rewards/wix-emulator/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devsite, startDevsite } from './devsite.ts';
import { STRICT_PLATFORM } from './testing/platform.ts';
import { rawRequest } from './testing/raw-http.ts';

/**
 * The devsite's backend runtime and routes, without a browser: web methods as RPC with the caller's identity and
 * permission, the signed door endpoints, webhooks verified by the SDK, and clear errors for bad requests.
 */
let devsite: Devsite;
let owner: string;
let member: string;
let memberId: string;
let visitorToken: string;
beforeAll(async () => {
  // The test owns its clock: a fixed instant, moved only by the devsite's controls.
  devsite = await startDevsite({
    port: 0,
    database: 'memory',
    sweepEveryMs: 0,
    strict: STRICT_PLATFORM,
    clock: { set: '2026-06-15T09:00:00.000Z', freeze: true },
    log: () => {},
  });
  const token = (identity: Identity) => createToken(devsite.emulatorUrl, identity);
  owner = await token({ type: 'ADMIN' });
  const { members } = (await (await fetch(`${devsite.url}/_devsite/api/members`)).json()) as {
    members: Array<{ id: string }>;
  };
  memberId = members[0]!.id;
  member = await token({ type: 'MEMBER', memberId });
  visitorToken = await token({ type: 'VISITOR' });
});
afterAll(() => devsite?.close());

const call = async (file: string, method: string, token: string | null, body: string) => {
  const response = await fetch(`${devsite.url}/_webMethods/${file}/${method}.ajax`, {
    method: 'POST',
    headers: token ? { Authorization: token } : {},
    body,
  });
  return { status: response.status, body: (await response.json()) as { result: any; exception?: boolean } };
};
const DASHBOARD = 'src/backend/dashboard.web.ts';
/** The devsite API takes JSON only (a cross-site form cannot send it). */
const JSON_TYPE = { 'content-type': 'application/json' };
const REWARDS = 'src/backend/rewards.web.ts';

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

/** A door request signed at the platform's time, or `skewMs` off it. */
const signedPost = async (path: string, body: string, options: { secret?: string; skewMs?: number } = {}) => {
  const secret = options.secret ?? (await call(DASHBOARD, 'doorAccess', owner, '[]')).body.result.secret;
  const { now } = (await (await fetch(`${devsite.url}/_devsite/api/clock`)).json()) as { now: string };
  const timestamp = String(Date.parse(now) + (options.skewMs ?? 0));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  const send = async () => {
    const response = await fetch(`${devsite.url}${path}`, {
      method: 'POST',
      headers: { 'x-gym-rewards-timestamp': timestamp, 'x-gym-rewards-signature': signature },
      body,
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return { send };
};

describe('door endpoints', () => {
  it('answer a signed visit once, and refuse its replay', async () => {
    const visit = await signedPost('/api/visits', JSON.stringify({ memberId, visitId: 'door-1' }));
    expect(await visit.send()).toEqual({ status: 200, body: { status: 'NOT_IN_PROGRAM' } });
    const replay = await visit.send();
    expect(replay.status).toBe(409);
    expect(replay.body.details.applicationError).toMatchObject({ code: 'REPLAYED' });
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

  it('run the renewal sweep, which forgets signatures too old to replay', async () => {
    const sweep = await signedPost('/api/renewals', JSON.stringify({ cursor: null }));
    expect(await sweep.send()).toMatchObject({ status: 200, body: { next: null, programs: 0 } });
    const seen = async () => {
      const response = await fetch(`${devsite.emulatorUrl}/wix-data/v2/items/query`, {
        method: 'POST',
        headers: { Authorization: owner, 'content-type': 'application/json' },
        body: JSON.stringify({
          dataCollectionId: 'GymRewardsSignedRequests',
          query: {},
          returnTotalCount: true,
          consistentRead: true,
        }),
      });
      return ((await response.json()) as { pagingMetadata: { total: number } }).pagingMetadata.total;
    };
    expect(await seen()).toBeGreaterThan(3);
    // A day later the devsite's own sweep (signed like a door) leaves only its own, fresh signature.
    const moved = await fetch(`${devsite.url}/_devsite/api/clock`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: '{"advance":"day"}',
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { now: string }).now).toBe('2026-06-16T09:00:00.000Z');
    expect(await seen()).toBe(1);
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

describe('reliability (issue 13)', () => {
  const fieldOf = (body: string) => (JSON.parse(body) as any).details.applicationError.data.field;

  it('answers bodies over 1 MB with 413 naming the body, and keeps serving (7)', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(1_100_000) });
    const targets: Array<{ path: string; headers: Record<string, string> }> = [
      { path: '/api/visits', headers: {} },
      { path: `/_webMethods/${DASHBOARD}/currentProgram.ajax`, headers: { Authorization: owner } },
      { path: '/_wix/webhooks', headers: {} },
      { path: '/_devsite/api/login', headers: JSON_TYPE },
    ];
    for (const target of targets) {
      const sized = await fetch(`${devsite.url}${target.path}`, { method: 'POST', headers: target.headers, body: big });
      expect(sized.status, target.path).toBe(413);
      expect(((await sized.json()) as any).details.applicationError.data.field, target.path).toBe('body');
    }
    // Sent in chunks, with no length said up front: counted as it comes.
    const chunked = await fetch(`${devsite.url}/_devsite/api/login`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 12; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(100_000)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as any).details.applicationError.data.field).toBe('body');
    // The devsite still answers, on the same connections.
    expect((await call(REWARDS, 'redeemableBenefits', member, '[]')).status).toBe(200);
  });

  it("keeps the platform's controls from pages, however the path is spelled (9)", async () => {
    for (const path of [
      '/_wix/api/_emulator/v1/tokens',
      '/_wix/api/%5Femulator/v1/tokens',
      '/_wix/api/%5femulator/v1/tokens',
      '/_wix/api/x/../_emulator/v1/tokens',
      '/_wix/api/x/%2e%2e/_emulator/v1/tokens',
      '/_wix/api/members/%2E%2E/%5Femulator/v1/tokens',
      '/_wix/api/members%2F..%2F_emulator/v1/tokens',
      '/_wix/api/./_emulator/v1/tokens',
      '/_wix/api//_emulator/v1/tokens',
      '/_wix/api/_api/_emulator/v1/tokens',
      '/_wix/api/members%5C..%5C_emulator/v1/tokens',
    ]) {
      const answer = await rawRequest(devsite.url, {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identity: { type: 'ADMIN' } }),
      });
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('token":');
      expect(fieldOf(answer.body), path).toBe('path');
    }
    // Wix's own APIs still pass, with the caller's identity.
    const info = await fetch(`${devsite.url}/_wix/api/oauth2/token-info`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ token: member }),
    });
    expect(await info.json()).toMatchObject({ active: true, subjectType: 'MEMBER', subjectId: memberId });
  });

  it('refuses cross-site POSTs to the devsite API (9)', async () => {
    const logout = (headers: Record<string, string>) =>
      rawRequest(devsite.url, { method: 'POST', path: '/_devsite/api/logout', headers, body: '{}' });
    // A cross-site form can send only text/plain, urlencoded or multipart bodies.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const form = await logout({ 'content-type': type });
      expect(form.status, type).toBe(415);
      expect(fieldOf(form.body)).toBe('content-type');
      expect(form.headers['set-cookie']).toBeUndefined();
    }
    const elsewhere = await logout({ 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(elsewhere.status).toBe(403);
    expect(fieldOf(elsewhere.body)).toBe('origin');
    const crossSite = await logout({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(fieldOf(crossSite.body)).toBe('sec-fetch-site');
    // The devsite's own pages pass.
    const own = await logout({
      'content-type': 'application/json',
      origin: devsite.url,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(200);
    expect(own.headers['set-cookie']).toBeDefined();
  });

  it('refuses strings PostgreSQL cannot store with 400 naming the field, through every door (5)', async () => {
    const redeem = await call(
      REWARDS,
      'redeem',
      member,
      JSON.stringify([{ productId: 'towel\u0000', requestId: 'r-nul' }]),
    );
    expect(redeem.status).toBe(400);
    expect(redeem.body).toMatchObject({ exception: true, result: { code: 'INVALID_INPUT', field: 'productId' } });
    const dashboard: Array<[string, unknown, string]> = [
      ['listMembers', { search: 'a\uD800' }, 'search'],
      ['storeProducts', { search: 'a\u0000b' }, 'search'],
      ['memberLedger', { memberId: `${memberId}\u0000` }, 'memberId'],
      ['adjustTokens', { memberId, amount: 1, reason: 'x\uDC00', requestId: 'r-lone' }, 'reason'],
      ['recordVisit', { memberId, visitId: 'v\u0000' }, 'visitId'],
      ['handOver', { pickupId: '\u0000' }, 'pickupId'],
      ['setUpProgram', { programName: 'Gym\u0000', tiers: [{ price: 1, productIds: [] }] }, 'programName'],
    ];
    for (const [method, input, field] of dashboard) {
      const answer = await call(DASHBOARD, method, owner, JSON.stringify([input]));
      expect(answer.status, method).toBe(400);
      expect(answer.body, method).toMatchObject({ exception: true, result: { code: 'INVALID_INPUT', field } });
    }
    const visit = await signedPost('/api/visits', JSON.stringify({ memberId: '\uD800', visitId: 'door-lone' }));
    const visitAnswer = await visit.send();
    expect(visitAnswer.status).toBe(400);
    expect(visitAnswer.body.details.applicationError.data.field).toBe('memberId');
    const renewals = await signedPost('/api/renewals', JSON.stringify({ cursor: 'a\u0000' }));
    const renewalsAnswer = await renewals.send();
    expect(renewalsAnswer.status).toBe(400);
    expect(renewalsAnswer.body.details.applicationError.data.field).toBe('cursor');
    // The platform itself, as the pages reach it.
    const query = await fetch(`${devsite.url}/_wix/api/members/v1/members/query`, {
      method: 'POST',
      headers: { ...JSON_TYPE, Authorization: owner },
      body: JSON.stringify({ query: { filter: { loginEmail: 'a\u0000' } } }),
    });
    expect(query.status).toBe(400);
    expect(fieldOf(await query.text())).toBe('query.filter.loginEmail');
  });

  it("answers Wix's refusals of bad input, and absurd input, as 4xx naming the field, never a 500 (6)", async () => {
    const saved = await call(
      DASHBOARD,
      'setUpProgram',
      owner,
      JSON.stringify([{ programName: 'Harbor', tiers: [{ price: 1, productIds: [] }] }]),
    );
    expect(saved.status).toBe(200);
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
      const page = await call(DASHBOARD, 'enrollMembers', owner, JSON.stringify([{ cursor }]));
      expect(page.status).toBe(200);
      cursor = page.body.result.next;
    }
    // Cursors Wix never issued: the flows hand them to Wix, which refuses them.
    const never = Buffer.from('{"o":-1}').toString('base64url');
    for (const cursor of ['never-issued', never]) {
      for (const [method, input] of [
        ['storeProducts', { cursor }],
        ['listMembers', { cursor }],
        ['memberLedger', { memberId, cursor }],
      ] as const) {
        const answer = await call(DASHBOARD, method, owner, JSON.stringify([input]));
        expect(answer.status, `${method} ${cursor}`).toBe(400);
        expect(answer.body, method).toMatchObject({
          exception: true,
          result: { code: 'INVALID_INPUT', field: 'cursor' },
        });
      }
    }
    for (const method of ['handOver', 'revertRedemption']) {
      const answer = await call(DASHBOARD, method, owner, JSON.stringify([{ pickupId: 'p'.repeat(100_000) }]));
      expect(answer.status, method).toBe(400);
      expect(answer.body, method).toMatchObject({
        exception: true,
        result: { code: 'INVALID_INPUT', field: 'pickupId' },
      });
    }
    const many = await call(DASHBOARD, 'currentProgram', owner, JSON.stringify(new Array(100_000).fill(0)));
    expect(many.status).toBe(400);
    expect(many.body).toMatchObject({ exception: true, result: { code: 'INVALID_INPUT', field: 'body' } });
    // And the devsite serves on.
    expect((await call(DASHBOARD, 'currentProgram', owner, '[]')).status).toBe(200);
  });
});
