import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programDefinitions } from '@wix/benefit-programs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedServer, startEmbeddedPostgres } from '../storage/db.ts';
import { freshDatabaseOn, guidFor, startTestEmulator, type TestEmulator } from '../testing/index.ts';

/**
 * The emulator's own API, /_emulator/v1: tokens, the clock, site settings, apps, the request log and reset. The
 * emulator runs on a database given by URL, so the test can look at its tables (DATABASE_URL's server when set,
 * else a standalone embedded server).
 */

let emu: TestEmulator;
let server: EmbeddedServer | undefined;
let serverDir = '';
let database: { database: string; drop(): Promise<void> };
beforeAll(async () => {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    serverDir = mkdtempSync(join(tmpdir(), 'wix-emulator-admin-'));
    server = await startEmbeddedPostgres(join(serverDir, 'pg'), false);
    const { host, port, user, password } = server.connection;
    serverUrl = `postgres://${user}:${password}@${host}:${port}/postgres`;
  }
  database = await freshDatabaseOn(serverUrl);
  emu = await startTestEmulator({ database: database.database });
});
afterAll(async () => {
  await emu?.close();
  await database?.drop();
  await server?.stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const QUERY_DEFINITIONS = '/_api/benefit-programs/v1/program-definitions/query';

/** A raw POST to the emulator API: status, body and the field a 400 names. */
async function post(path: string, body: unknown) {
  const response = await fetch(`${emu.url}/_emulator/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as any;
  return { status: response.status, body: json, field: json?.details?.applicationError?.data?.field };
}

const clockNow = async () => (await emu.admin<{ now: string }>('/_emulator/v1/clock')).now;

describe('POST /_emulator/v1/tokens', () => {
  it('issues a token for each kind of identity, which the services then see', async () => {
    const cases = [
      { identity: { type: 'APP', appId: 'gym-rewards' }, issued: { type: 'APP', appId: 'gym-rewards' }, status: 200 },
      { identity: { type: 'APP' }, issued: { type: 'APP' }, status: 200 },
      { identity: { type: 'ADMIN' }, issued: { type: 'ADMIN', userId: expect.any(String) }, status: 200 },
      { identity: { type: 'MEMBER', memberId: 'm-1' }, issued: { type: 'MEMBER', memberId: 'm-1' }, status: 403 },
      {
        identity: { type: 'VISITOR' },
        issued: { type: 'VISITOR', visitorId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        status: 403,
      },
    ];
    for (const { identity, issued, status } of cases) {
      const answer = await post('/tokens', { identity });
      expect(answer.status).toBe(200);
      expect(answer.body.identity).toEqual(issued);
      expect(answer.body.token).toMatch(new RegExp(`^emu\\.${identity.type.toLowerCase()}\\.`));
      // Program definitions need an app or a Wix user: members and visitors are refused.
      for (const authorization of [answer.body.token, `Bearer ${answer.body.token}`]) {
        const response = await fetch(`${emu.url}${QUERY_DEFINITIONS}`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: '{}',
        });
        expect(response.status, JSON.stringify(identity)).toBe(status);
        if (status === 403)
          expect(((await response.json()) as any).details.applicationError.code).toBe('PERMISSION_DENIED');
      }
    }
    expect((await emu.call({ type: 'ADMIN', userId: 'owner-2' }, 'POST', QUERY_DEFINITIONS, {})).status).toBe(200);
  });

  it('refuses a malformed identity with 400 naming the field', async () => {
    expect(await post('/tokens', { identity: { type: 'MEMBER' } })).toMatchObject({
      status: 400,
      field: 'identity.memberId',
    });
    expect(await post('/tokens', { identity: { type: 'MEMBER', memberId: '' } })).toMatchObject({
      status: 400,
      field: 'identity.memberId',
    });
    expect(await post('/tokens', { identity: { type: 'ROBOT' } })).toMatchObject({
      status: 400,
      field: 'identity.type',
    });
    expect(await post('/tokens', {})).toMatchObject({ status: 400, field: 'identity' });
    expect(await post('/tokens', '{"identity":')).toMatchObject({ status: 400, field: 'body' });
  });
});

describe('the clock', () => {
  it('answers { now, frozen } in ISO on GET and POST; set, advanceMs and freeze move it, and the services stamp with it', async () => {
    const wall = Date.parse(await clockNow());
    expect(Math.abs(wall - Date.now())).toBeLessThan(5_000);

    expect(await emu.admin('/_emulator/v1/clock')).toMatchObject({ frozen: false });
    expect(await emu.admin('/_emulator/v1/clock', { set: '2027-01-31T23:00:00.000Z', freeze: true })).toEqual({
      now: '2027-01-31T23:00:00.000Z',
      frozen: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await clockNow()).toBe('2027-01-31T23:00:00.000Z');
    expect(await emu.admin('/_emulator/v1/clock', { advanceMs: 2 * 3600_000 })).toEqual({
      now: '2027-02-01T01:00:00.000Z',
      frozen: true,
    });
    expect(await emu.admin('/_emulator/v1/clock', { advanceMs: -60_000 })).toEqual({
      now: '2027-02-01T00:59:00.000Z',
      frozen: true,
    });
    // An offset is read as the instant it names.
    expect(await emu.admin('/_emulator/v1/clock', { set: '2027-02-01T03:00:00+02:00' })).toEqual({
      now: '2027-02-01T01:00:00.000Z',
      frozen: true,
    });

    const app = await emu.client({ type: 'APP' }, { programDefinitions });
    const created = await app.programDefinitions.createProgramDefinition({
      namespace: 'clock',
      externalId: guidFor('c'),
    });
    expect(created._createdDate?.toISOString()).toBe('2027-02-01T01:00:00.000Z');

    // Unfrozen, it runs on from where it was.
    const running = await emu.admin<{ now: string; frozen: boolean }>('/_emulator/v1/clock', { freeze: false });
    expect(running.now).toMatch(ISO);
    expect(running.frozen).toBe(false);
    expect(Date.parse(running.now) - Date.parse('2027-02-01T01:00:00.000Z')).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const later = await clockNow();
    expect(Date.parse(later) - Date.parse(running.now)).toBeGreaterThanOrEqual(50);
    expect(Date.parse(later) - Date.parse(running.now)).toBeLessThan(5_000);
  });

  it('refuses bad input with 400 naming the field, and does not move', async () => {
    await emu.admin('/_emulator/v1/clock', { set: '2028-01-01T00:00:00.000Z', freeze: true });
    const cases: Array<[unknown, string]> = [
      [{ set: 'yesterday' }, 'set'],
      [{ set: '2028-13-01T00:00:00Z' }, 'set'],
      [{ set: 1_700_000_000_000 }, 'set'],
      [{ advanceMs: 1.5 }, 'advanceMs'],
      [{ advanceMs: '5' }, 'advanceMs'],
      [{ set: '2028-01-02T00:00:00Z', advanceMs: 1 }, 'set'],
      [{ freeze: 'yes' }, 'freeze'],
      [{ sett: '2028-01-02T00:00:00Z' }, 'sett'],
      [[], '(body)'],
    ];
    for (const [body, field] of cases) {
      expect(await post('/clock', body), JSON.stringify(body)).toMatchObject({ status: 400, field });
    }
    expect(await clockNow()).toBe('2028-01-01T00:00:00.000Z');
    await emu.admin('/_emulator/v1/clock', { set: new Date().toISOString(), freeze: false });
  });
});

const SITE_DEFAULTS = { timeZone: 'UTC', catalogVersion: 'V3_CATALOG', published: true, acceptsPayments: true };

describe('site settings', () => {
  it("starts with Wix's defaults, keeps what is set, and answers the settings", async () => {
    expect(await emu.admin('/_emulator/v1/site')).toEqual({ ...SITE_DEFAULTS });
    expect(await emu.admin('/_emulator/v1/site', { timeZone: 'Europe/Berlin' })).toEqual({
      ...SITE_DEFAULTS,
      timeZone: 'Europe/Berlin',
    });
    expect(
      await emu.admin('/_emulator/v1/site', { catalogVersion: 'V1_CATALOG', timeZone: 'America/New_York' }),
    ).toEqual({
      ...SITE_DEFAULTS,
      timeZone: 'America/New_York',
      catalogVersion: 'V1_CATALOG',
    });
  });

  it('refuses an unknown time zone, catalog version or setting with 400, changing nothing', async () => {
    const before = await emu.admin('/_emulator/v1/site');
    const cases: Array<[unknown, string]> = [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ timeZone: 'Europe/Atlantis' }, 'timeZone'],
      [{ timeZone: '+05:00' }, 'timeZone'],
      [{ timeZone: '' }, 'timeZone'],
      [{ timeZone: 5 }, 'timeZone'],
      [{ catalogVersion: 'V9' }, 'catalogVersion'],
      // Nothing of a request with one bad field is kept.
      [{ catalogVersion: 'STORES_NOT_INSTALLED', timeZone: 'Nowhere/Land' }, 'timeZone'],
      [{ locale: 'en' }, 'locale'],
    ];
    for (const [body, field] of cases) {
      expect(await post('/site', body), JSON.stringify(body)).toMatchObject({ status: 400, field });
    }
    expect(await emu.admin('/_emulator/v1/site')).toEqual(before);
  });
});

describe('apps', () => {
  it('registers an app for webhooks with a fresh RSA key, and refuses a bad registration', async () => {
    const first = await post('/apps', { appId: 'gym-app', webhookUrl: 'http://127.0.0.1:9/hooks' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ appId: 'gym-app', publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/) });
    const again = await post('/apps', { appId: 'gym-app', webhookUrl: 'http://127.0.0.1:9/other' });
    expect(again.body.publicKey).not.toBe(first.body.publicKey);
    expect(await post('/apps', { appId: 'gym-app', webhookUrl: 'not a url' })).toMatchObject({
      status: 400,
      field: 'webhookUrl',
    });
    expect(await post('/apps', { webhookUrl: 'http://127.0.0.1:9/' })).toMatchObject({ status: 400, field: 'appId' });
  });
});

describe('the request log', () => {
  it('lists method, path, identity, status, duration and request id of what was served, and empties on DELETE', async () => {
    await emu.admin('/_emulator/v1/requests', undefined, 'DELETE');
    const app = await emu.client({ type: 'APP', appId: 'gym' }, { programDefinitions });
    await app.programDefinitions.queryProgramDefinitions().find();
    const member = await emu.call({ type: 'MEMBER', memberId: 'm-9' }, 'POST', QUERY_DEFINITIONS, {});
    await fetch(`${emu.url}${QUERY_DEFINITIONS}`, { method: 'POST', body: '{}' });
    await fetch(`${emu.url}/_api/no/such/route`);

    const { requests } = await emu.admin<{ requests: any[] }>('/_emulator/v1/requests');
    const served = requests.filter((r) => !r.path.startsWith('/_emulator/'));
    expect(served).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: QUERY_DEFINITIONS,
        status: 200,
        identity: { type: 'APP', appId: 'gym' },
      }),
      expect.objectContaining({
        method: 'POST',
        path: QUERY_DEFINITIONS,
        status: 403,
        identity: { type: 'MEMBER', memberId: 'm-9' },
        errorCode: 'PERMISSION_DENIED',
      }),
      expect.objectContaining({
        method: 'POST',
        path: QUERY_DEFINITIONS,
        status: 401,
        identity: null,
        errorCode: 'UNAUTHENTICATED',
      }),
      expect.objectContaining({
        method: 'GET',
        path: '/_api/no/such/route',
        status: 404,
        errorCode: 'ROUTE_NOT_FOUND',
      }),
    ]);
    for (const entry of served) {
      expect(entry.at).toMatch(ISO);
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(served[0].errorCode).toBeUndefined();
    expect(member.status).toBe(403);

    await emu.admin('/_emulator/v1/requests', undefined, 'DELETE');
    const { requests: after } = await emu.admin<{ requests: any[] }>('/_emulator/v1/requests');
    // Only the DELETE itself, logged once it was served.
    expect(after.map((r) => [r.method, r.path])).toEqual([['DELETE', '/_emulator/v1/requests']]);
  });
});

describe('POST /_emulator/v1/reset', () => {
  it('empties every table, forgets every token, restores the clock and the site, and clears the log', async () => {
    const token = await emu.token({ type: 'APP' });
    const app = await emu.client({ type: 'APP' }, { programDefinitions });
    await app.programDefinitions.createProgramDefinition({ namespace: 'reset', externalId: guidFor('r') });
    await emu.admin('/_emulator/v1/clock', { set: '2030-01-01T00:00:00.000Z', freeze: true });
    await emu.admin('/_emulator/v1/site', { timeZone: 'Asia/Tokyo' });
    await emu.admin('/_emulator/v1/apps', { appId: 'reset-app', webhookUrl: 'http://127.0.0.1:9/' });

    const tables = await rowsPerTable();
    expect(Object.values(tables).some((n) => n > 0)).toBe(true);

    expect(await emu.admin('/_emulator/v1/reset', {})).toEqual({});
    const { requests } = await emu.admin<{ requests: any[] }>('/_emulator/v1/requests');
    expect(requests.map((r) => [r.method, r.path])).toEqual([['POST', '/_emulator/v1/reset']]);

    const emptied = await rowsPerTable();
    expect(Object.keys(emptied).sort()).toEqual(Object.keys(tables).sort());
    expect(Object.entries(emptied).filter(([, n]) => n > 0)).toEqual([]);

    const stale = await fetch(`${emu.url}${QUERY_DEFINITIONS}`, {
      method: 'POST',
      headers: { authorization: token },
      body: '{}',
    });
    expect(stale.status).toBe(401);
    expect(Math.abs(Date.parse(await clockNow()) - Date.now())).toBeLessThan(5_000);
    expect(await emu.admin('/_emulator/v1/site')).toEqual({ ...SITE_DEFAULTS });
    expect((await emu.call({ type: 'APP' }, 'POST', QUERY_DEFINITIONS, {})).body.programDefinitions).toEqual([]);
  });
});

/** The number of rows of every table of the emulator's schema (not drizzle's migration journal). */
async function rowsPerTable(): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: database.database });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of rows) {
      const { rows: n } = await client.query<{ n: number }>(`select count(*)::int as n from "${table_name}"`);
      counts[table_name] = n[0]?.n ?? 0;
    }
    return counts;
  } finally {
    await client.end();
  }
}

describe('token info (POST /oauth2/token-info, what auth.getTokenInfo() asks)', () => {
  const info = async (token: unknown) => {
    const response = await fetch(`${emu.url}/oauth2/token-info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('tells who each kind of token stands for', async () => {
    const cases = [
      [{ type: 'MEMBER', memberId: 'm-1' }, 'MEMBER', 'm-1'],
      [{ type: 'ADMIN', userId: 'u-1' }, 'USER', 'u-1'],
      [{ type: 'APP', appId: 'app-1' }, 'APP', 'app-1'],
      [{ type: 'VISITOR', visitorId: 'v-1' }, 'VISITOR', 'v-1'],
    ] as const;
    for (const [identity, subjectType, subjectId] of cases) {
      const { status, body } = await info(await emu.token(identity));
      expect(status).toBe(200);
      expect(body).toMatchObject({ active: true, subjectType, subjectId, siteId: expect.any(String) });
      expect(body.exp).toBeGreaterThan(body.iat);
    }
  });

  it('answers inactive for an unknown token and refuses a missing one with the field', async () => {
    expect((await info('emu.member.nope')).body).toEqual({ active: false });
    const missing = await info('');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('token');
  });
});
