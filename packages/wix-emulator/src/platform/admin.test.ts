import { programDefinitions } from '@wix/benefit-programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the emulator API (/_emulator/v1)', () => {
  it('issues a token for each kind of identity and refuses a malformed one', async () => {
    for (const identity of [
      { type: 'APP' },
      { type: 'ADMIN' },
      { type: 'MEMBER', memberId: 'm-1' },
      { type: 'VISITOR' },
    ]) {
      const response = await fetch(`${emu.url}/_emulator/v1/tokens`, json({ identity }));
      expect(response.status).toBe(200);
      const { token, identity: issued } = (await response.json()) as { token: string; identity: { type: string } };
      expect(token).toMatch(/^emu\./);
      expect(issued.type).toBe(identity.type);
    }
    const bad = await fetch(`${emu.url}/_emulator/v1/tokens`, json({ identity: { type: 'MEMBER' } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).details.applicationError.data.field).toBe('identity.memberId');
    const unknown = await fetch(`${emu.url}/_api/benefit-programs/v1/program-definitions/query`, {
      ...json({}),
      headers: { authorization: 'emu.app.not-issued' },
    });
    expect(unknown.status).toBe(401);
  });

  it('moves the clock, which stamps what the services write', async () => {
    const set = await emu.admin<{ now: string }>('/_emulator/v1/clock', {
      set: '2027-01-31T23:00:00.000Z',
      freeze: true,
    });
    expect(set.now).toBe('2027-01-31T23:00:00.000Z');
    const advanced = await emu.admin<{ now: string }>('/_emulator/v1/clock', { advanceMs: 2 * 3600_000 });
    expect(advanced.now).toBe('2027-02-01T01:00:00.000Z');
    expect((await emu.admin<{ now: string }>('/_emulator/v1/clock')).now).toBe('2027-02-01T01:00:00.000Z');
    const app = await emu.client({ type: 'APP' }, { programDefinitions });
    const created = await app.programDefinitions.createProgramDefinition({ namespace: 'clock', externalId: 'c' });
    expect(created._createdDate?.toISOString()).toBe('2027-02-01T01:00:00.000Z');
    for (const body of [{ set: 'yesterday' }, { advanceMs: 1.5 }, { set: '2027-01-01T00:00:00Z', advanceMs: 1 }]) {
      const response = await fetch(`${emu.url}/_emulator/v1/clock`, json(body));
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const running = await emu.admin<{ now: string }>('/_emulator/v1/clock', { freeze: false });
    expect(running.now).toBe('2027-02-01T01:00:00.000Z');
  });

  it('lists the requests it served with who called and how it ended, and resets to empty', async () => {
    await emu.requests();
    const app = await emu.client({ type: 'APP', appId: 'gym' }, { programDefinitions });
    await app.programDefinitions.queryProgramDefinitions().find();
    await fetch(`${emu.url}/_api/benefit-programs/v1/program-definitions/query`, json({}));
    const served = await emu.requests();
    expect(served.map((r) => [r.method, r.path, r.status, r.identity?.type ?? null])).toEqual([
      ['POST', '/_api/benefit-programs/v1/program-definitions/query', 200, 'APP'],
      ['POST', '/_api/benefit-programs/v1/program-definitions/query', 401, null],
    ]);
    const { requests } = await emu.admin<{ requests: Array<{ durationMs: number; requestId: string }> }>(
      '/_emulator/v1/requests',
    );
    expect(requests.every((r) => r.durationMs >= 0 && r.requestId)).toBe(true);

    await emu.admin('/_emulator/v1/reset', {});
    const stale = await fetch(`${emu.url}/_api/benefit-programs/v1/program-definitions/query`, {
      ...json({}),
      headers: { authorization: await emu.token({ type: 'APP' }) },
    });
    expect(((await stale.json()) as any).programDefinitions).toEqual([]);
  });

  it('answers unknown routes, bad JSON and bad .r input with Wix-style errors and a request id', async () => {
    const unknown = await fetch(`${emu.url}/no/such/route`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).details.applicationError.code).toBe('ROUTE_NOT_FOUND');
    const token = await emu.token({ type: 'APP' });
    const badJson = await fetch(`${emu.url}/_api/benefit-programs/v1/program-definitions`, {
      method: 'POST',
      headers: { authorization: token },
      body: '{"programDefinition":',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('x-wix-request-id')).toMatch(/[0-9a-f-]{36}/);
    const dotR = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    await fetch(`${emu.url}/_api/benefit-programs/v1/program-definitions`, {
      method: 'POST',
      headers: { authorization: token },
      body: JSON.stringify({ programDefinition: { namespace: 'r', externalId: 'by-r' } }),
    });
    const viaR = await fetch(
      `${emu.url}/_api/benefit-programs/v1/program-definitions/by-namespace-and-external-id?.r=${dotR({ namespace: 'r', externalId: 'by-r' })}`,
      { headers: { authorization: token } },
    );
    expect(viaR.status).toBe(200);
    expect(((await viaR.json()) as any).programDefinition.externalId).toBe('by-r');
    const badR = await fetch(
      `${emu.url}/_api/benefit-programs/v1/program-definitions/by-namespace-and-external-id?.r=!!!`,
      {
        headers: { authorization: token },
      },
    );
    expect(badR.status).toBe(400);
  });

  it('keeps the site settings, refusing unknown values', async () => {
    await emu.admin('/_emulator/v1/site', { timeZone: 'Europe/Berlin' });
    const bad = await fetch(`${emu.url}/_emulator/v1/site`, json({ timeZone: 'Mars/Olympus' }));
    expect(bad.status).toBe(400);
    const badVersion = await fetch(`${emu.url}/_emulator/v1/site`, json({ catalogVersion: 'V9' }));
    expect(badVersion.status).toBe(400);
  });
});
