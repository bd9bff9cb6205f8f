import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import { issueToken, TokenResolver } from '../platform/identity.ts';
import { serviceRoutes } from '../services/index.ts';
import { products } from '../services/stores/tables.ts';
import { openStorage, type Storage } from '../storage/db.ts';
import { insertEntity } from '../storage/entities.ts';
import { testDatabase } from '../testing/index.ts';
import { createHttpApp, RequestLog } from './app.ts';
import { WixError } from './errors.ts';
import { Router, requireCaller, requireManager, requireMemberOrManager } from './router.ts';

/**
 * The HTTP layer on its own, for app.test.ts and answers.test.ts: a Hono app over a real database with every
 * service's routes plus a few made for the test (echoing what a handler receives, or failing in each way a handler
 * can fail).
 */

let storage: Storage;
let database: Awaited<ReturnType<typeof testDatabase>>;
let app: Hono;
export const log = new RequestLog();
export const lines: string[] = [];
export const tokens: Record<'APP' | 'ADMIN' | 'MEMBER' | 'VISITOR', string> = {
  APP: '',
  ADMIN: '',
  MEMBER: '',
  VISITOR: '',
};

function testRoutes(): Router {
  const r = new Router();
  const echo = async ({
    params,
    body,
    ctx,
  }: {
    params: unknown;
    body: unknown;
    ctx: { identity: unknown; now: Date };
  }) => ({
    params,
    body,
    identity: ctx.identity,
    now: ctx.now.toISOString(),
  });
  r.get('/test/echo/:id', echo);
  r.post('/test/echo/:id', echo);
  r.patch('/test/echo/:id', echo);
  r.delete('/test/echo/:id', echo);
  r.get('/test/things/:thingId', async ({ params }) => ({ route: 'by id', thingId: params.thingId }));
  r.get('/test/things/special', async () => ({ route: 'special' }));
  r.post('/test/zod', async ({ body }) =>
    z.object({ thing: z.object({ name: z.string().min(1, 'is required') }) }).parse(body),
  );
  r.post('/test/wix-error', async () => {
    throw new WixError(409, 'THING_TAKEN', 'the thing is taken', { thingId: 't-1' });
  });
  r.post('/test/crash', async () => {
    throw new Error('secret internals');
  });
  r.post('/test/write-then-fail', async ({ ctx }) =>
    ctx.tx(async (tx) => {
      await insertEntity(tx, products, 'half-written', { name: 'x' }, ctx.now);
      throw new WixError(400, 'INVALID_ARGUMENT', 'refused after writing', { field: 'x', reason: 'late' });
    }),
  );
  r.post('/test/caller', async ({ ctx }) => ({ type: requireCaller(ctx).type }));
  r.post('/test/manager', async ({ ctx }) => ({ type: requireManager(ctx, 'manage').type }));
  r.post('/test/member', async ({ ctx }) => ({ type: requireMemberOrManager(ctx, 'read').type }));
  return r;
}

/** Opens the app before the file's tests and drops its database after them. */
export function useHttpTestApp(): void {
  beforeAll(async () => {
    database = await testDatabase();
    storage = await openStorage(database.database);
    const resolver = new TokenResolver();
    app = createHttpApp({
      db: storage.db,
      tokens: resolver,
      log,
      routes: [...testRoutes().routes, ...serviceRoutes().flatMap((r) => r.routes)],
      logLine: (line) => lines.push(line),
    });
    for (const identity of [
      { type: 'APP' as const, appId: 'gym' },
      { type: 'ADMIN' as const },
      { type: 'MEMBER' as const, memberId: 'm-1' },
      { type: 'VISITOR' as const },
    ]) {
      tokens[identity.type] = (await issueToken(storage.db, identity)).token;
    }
  });
  afterAll(async () => {
    await storage?.close();
    await database?.drop();
  });
}

export async function call(method: string, path: string, options: { token?: string; body?: string | object } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = options.token;
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  return {
    status: response.status,
    requestId: response.headers.get('x-wix-request-id'),
    body: (await response.json()) as any,
  };
}

/** The test app's database. */
export const testDb = () => storage.db;
