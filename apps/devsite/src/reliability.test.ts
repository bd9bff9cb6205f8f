import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devsite } from './devsite.ts';
import { DASHBOARD, JSON_TYPE, REWARDS, startTestDevsite, type TestDevsite } from './testing/devsite-fixture.ts';
import { rawRequest } from './testing/raw-http.ts';

/** The defects found by probing (issue 13), through the devsite's doors: each test failed before its fix. */
let fx: TestDevsite;
let devsite: Devsite;
let owner: string;
let member: string;
let memberId: string;
beforeAll(async () => {
  fx = await startTestDevsite();
  ({ devsite, owner, member, memberId } = fx);
});
afterAll(() => devsite?.close());
const call: TestDevsite['call'] = (...args) => fx.call(...args);
const signedPost: TestDevsite['signedPost'] = (...args) => fx.signedPost(...args);

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

describe('Wix failing for a moment, through the devsite', () => {
  const faults = (rules: unknown[] | null) =>
    fetch(`${devsite.emulatorUrl}/_emulator/v1/faults`, {
      method: rules ? 'POST' : 'DELETE',
      headers: JSON_TYPE,
      ...(rules ? { body: JSON.stringify({ seed: 3, rules }) } : {}),
    });
  const balance = async () => Number((await call(REWARDS, 'redeemableBenefits', member, '[]')).body.result.balance);

  it('answers "try again" (503 UNAVAILABLE) to a web method and a door endpoint; sent again, it counts once', async () => {
    const program = [{ programName: 'Harbor', tiers: [{ price: 1, productIds: [] }] }];
    expect((await call(DASHBOARD, 'setUpProgram', owner, JSON.stringify(program))).status).toBe(200);
    expect((await call(DASHBOARD, 'enrollMembers', owner, '[{}]')).body.result.next).toBeNull();
    const before = await balance();
    const { secret } = (await call(DASHBOARD, 'doorAccess', owner, '[]')).body.result;
    // Every Wix Data insert (one item or in bulk) answered 500 or 503, not made: a write without a key fails at once.
    const inserts = ['/wix-data/v2/items', '/wix-data/v2/bulk/items/insert'];
    expect((await faults(inserts.map((path) => ({ method: 'POST', path, errorRate: 1 })))).status).toBe(200);
    const visit = JSON.stringify([{ memberId, visitId: 'try-again-desk' }]);
    try {
      const desk = await call(DASHBOARD, 'recordVisit', owner, visit);
      expect(desk.status).toBe(503);
      expect(desk.body).toMatchObject({ exception: true, result: { code: 'UNAVAILABLE', status: 503 } });
      const door = await (
        await signedPost('/api/visits', JSON.stringify({ memberId, visitId: 'try-again-door' }), { secret })
      ).send();
      expect(door.status).toBe(503);
      expect(door.body.details.applicationError).toMatchObject({ code: 'UNAVAILABLE', data: { field: 'request' } });
    } finally {
      await faults(null);
    }
    const again = await call(DASHBOARD, 'recordVisit', owner, visit);
    expect(again.status).toBe(200);
    expect(['TOKEN_ISSUED', 'ALREADY_COUNTED']).toContain(again.body.result.status);
    expect(await balance()).toBe(before + 1);
    expect((await call(DASHBOARD, 'recordVisit', owner, visit)).body.result.status).toBe(again.body.result.status);
  });
});
