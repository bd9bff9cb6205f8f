import { describe, expect, it } from 'vitest';
import { call, tokens, useHttpTestApp } from './test-app.ts';

useHttpTestApp();

const dotR = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('identities', () => {
  it('answers 401 UNAUTHENTICATED on a service route without a token, or with one it never issued', async () => {
    for (const token of [undefined, 'emu.app.never-issued', 'Bearer ']) {
      const answer = await call('POST', '/_api/benefit-programs/v1/program-definitions/query', {
        body: {},
        ...(token ? { token } : {}),
      });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        message: expect.stringContaining('/_emulator/v1/tokens'),
        details: { applicationError: { code: 'UNAUTHENTICATED', description: expect.any(String), data: {} } },
      });
    }
    const ok = await call('POST', '/_api/benefit-programs/v1/program-definitions/query', {
      body: {},
      token: tokens.APP,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ programDefinitions: [], metadata: expect.objectContaining({ count: 0 }) });
  });

  it('tells the handler who calls, with or without "Bearer", and enforces the permission helpers', async () => {
    expect((await call('GET', '/test/echo/1', { token: `Bearer ${tokens.MEMBER}` })).body.identity).toEqual({
      type: 'MEMBER',
      memberId: 'm-1',
    });
    expect((await call('GET', '/test/echo/1')).body.identity).toBeNull();
    const statusOf = async (path: string, type?: keyof typeof tokens) =>
      (await call('POST', path, type ? { token: tokens[type] } : {})).status;
    expect(await statusOf('/test/caller')).toBe(401);
    expect(await statusOf('/test/caller', 'VISITOR')).toBe(200);
    expect(await statusOf('/test/manager', 'APP')).toBe(200);
    expect(await statusOf('/test/manager', 'ADMIN')).toBe(200);
    expect(await statusOf('/test/manager', 'MEMBER')).toBe(403);
    expect(await statusOf('/test/manager', 'VISITOR')).toBe(403);
    expect(await statusOf('/test/member', 'MEMBER')).toBe(200);
    expect(await statusOf('/test/member', 'VISITOR')).toBe(403);
  });
});

describe('input', () => {
  it('decodes ?.r= (base64url JSON) for GET, merged with the other query parameters', async () => {
    const query = { filter: { slug: { $startsWith: 'a' } }, cursorPaging: { limit: 5 } };
    const answer = await call('GET', `/test/echo/7?.r=${dotR({ query })}&fields=A&fields=B&single=1`);
    expect(answer.status).toBe(200);
    expect(answer.body.params).toEqual({ id: '7' });
    expect(answer.body.body).toEqual({ query, fields: ['A', 'B'], single: '1' });
    // Without .r, the query parameters alone.
    expect((await call('GET', '/test/echo/8?x=1')).body.body).toEqual({ x: '1' });
  });

  it('refuses a .r that is not base64url JSON with 400 naming it', async () => {
    for (const r of ['!!!', `${dotR('x').slice(0, -2)}%%`, Buffer.from('{"a":').toString('base64url')]) {
      const answer = await call('GET', `/test/echo/1?.r=${r}`);
      expect(answer.status, r).toBe(400);
      expect(answer.body.details.applicationError).toMatchObject({ code: 'INVALID_ARGUMENT', data: { field: '.r' } });
    }
  });

  it('reads JSON bodies of POST, PATCH and DELETE; an empty body is {}; bad JSON is 400 naming the body', async () => {
    expect((await call('POST', '/test/echo/1', { body: { a: [1, { b: null }] } })).body.body).toEqual({
      a: [1, { b: null }],
    });
    expect((await call('PATCH', '/test/echo/1', { body: { a: 2 } })).body.body).toEqual({ a: 2 });
    expect((await call('DELETE', '/test/echo/1', { body: { a: 3 } })).body.body).toEqual({ a: 3 });
    expect((await call('DELETE', `/test/echo/1?.r=${dotR({ a: 4 })}`)).body.body).toEqual({ a: 4 });
    expect((await call('POST', '/test/echo/1')).body.body).toEqual({});
    for (const body of ['{"programDefinition":', 'not json', '{a: 1}']) {
      const answer = await call('POST', '/test/echo/1', { body });
      expect(answer.status).toBe(400);
      expect(answer.body.details.applicationError).toMatchObject({ code: 'INVALID_ARGUMENT', data: { field: 'body' } });
      expect(answer.requestId).toMatch(UUID);
    }
  });
});

describe('strings PostgreSQL cannot store', () => {
  // JSON carries "\u0000" and lone surrogates; PostgreSQL's text and jsonb cannot hold them.
  const NUL = 'a\u0000b';
  const LONE = 'a\uD800b';

  it('answers 400 INVALID_ARGUMENT naming the field on every route, writes and queries alike, and changes nothing', async () => {
    const cases: Array<[string, string, object | undefined, string]> = [
      [
        'POST',
        '/wix-data/v2/items',
        { dataCollectionId: 'Nul', dataItem: { data: { name: NUL } } },
        'dataItem.data.name',
      ],
      [
        'POST',
        '/wix-data/v2/items',
        { dataCollectionId: 'Nul', dataItem: { data: { name: LONE } } },
        'dataItem.data.name',
      ],
      ['POST', '/wix-data/v2/items', { dataCollectionId: 'Nul', dataItem: { data: { [NUL]: 1 } } }, 'dataItem.data'],
      [
        'POST',
        '/wix-data/v2/items/query',
        { dataCollectionId: 'Nul', query: { filter: { name: { $eq: LONE } } } },
        'query.filter.name.$eq',
      ],
      ['POST', '/members/v1/members/query', { query: { filter: { loginEmail: NUL } } }, 'query.filter.loginEmail'],
      ['POST', '/stores/v3/bulk/products/create', { products: [{ name: 'ok' }, { name: LONE }] }, 'products.1.name'],
      ['GET', `/members/v1/members/${encodeURIComponent(NUL)}`, undefined, 'id'],
      [
        'GET',
        `/test/echo/1?.r=${dotR({ query: { cursorPaging: { cursor: NUL } } })}`,
        undefined,
        'query.cursorPaging.cursor',
      ],
      ['GET', `/test/echo/1?search=${encodeURIComponent(NUL)}`, undefined, 'search'],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await call(method, path, { token: tokens.APP, ...(body ? { body } : {}) });
      expect(answer.status, `${method} ${path} ${field}`).toBe(400);
      expect(answer.body.details.applicationError, field).toMatchObject({
        code: 'INVALID_ARGUMENT',
        data: { field, reason: expect.stringMatching(/NUL|surrogate/) },
      });
    }
    const stored = await call('POST', '/wix-data/v2/items/query', {
      token: tokens.APP,
      body: { dataCollectionId: 'Nul', query: {} },
    });
    expect(stored.body.dataItems ?? []).toEqual([]);
  });

  it('lets through paired surrogates (emoji) and other control characters', async () => {
    const answer = await call('POST', '/test/echo/1', { body: { name: 'gym \uD83D\uDCAA\u0001' } });
    expect(answer.status).toBe(200);
    expect(answer.body.body).toEqual({ name: 'gym \uD83D\uDCAA\u0001' });
  });
});

describe('cursors never issued', () => {
  it('are refused naming the field where the request carries it (search., query., or the top level)', async () => {
    const cursorPaging = { cursor: 'never-issued' };
    const cases: Array<[string, string]> = [
      [`/stores/v3/products/search?.r=${dotR({ search: { cursorPaging } })}`, 'search.cursorPaging.cursor'],
      [`/stores/v3/products/query?.r=${dotR({ query: { cursorPaging } })}`, 'query.cursorPaging.cursor'],
      [`/benefit-programs/v1/balances?.r=${dotR({ cursorPaging })}`, 'cursorPaging.cursor'],
    ];
    for (const [path, field] of cases) {
      const answer = await call('GET', path, { token: tokens.APP });
      expect(answer.status, path).toBe(400);
      expect(answer.body.details.applicationError.data.field, path).toBe(field);
      expect(answer.body.details.validationError.fieldViolations[0].field, path).toBe(field);
    }
  });
});
