import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { moveClock } from '../platform/clock.ts';
import { products } from '../services/stores/tables.ts';
import { insertEntity } from '../storage/entities.ts';
import { inTransaction, RequestLog } from './app.ts';
import { call, lines, log, testDb, tokens, useHttpTestApp } from './test-app.ts';

useHttpTestApp();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('answers', () => {
  it('turns a zod error into 400 INVALID_ARGUMENT naming the field, with every violation', async () => {
    const answer = await call('POST', '/test/zod', { body: { thing: { name: '' } } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      message: 'thing.name: is required',
      details: {
        applicationError: {
          code: 'INVALID_ARGUMENT',
          description: 'thing.name: is required',
          data: { field: 'thing.name', reason: 'is required' },
        },
        validationError: {
          fieldViolations: [{ field: 'thing.name', description: 'is required', violatedRule: 'TOO_SMALL' }],
        },
      },
    });
    expect((await call('POST', '/test/zod', { body: [] })).body.details.applicationError.data.field).toBe('(body)');
  });

  it("answers a WixError with its status and Wix's error body", async () => {
    const answer = await call('POST', '/test/wix-error');
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      message: 'the thing is taken',
      details: {
        applicationError: { code: 'THING_TAKEN', description: 'the thing is taken', data: { thingId: 't-1' } },
      },
    });
  });

  it('answers an unexpected error with 500 INTERNAL, without its message (which goes to the console)', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await call('POST', '/test/crash');
    expect(consoleError).toHaveBeenCalledWith('[wix-emulator] POST /test/crash failed:', expect.any(Error));
    consoleError.mockRestore();
    expect(answer.status).toBe(500);
    expect(answer.body.details.applicationError.code).toBe('INTERNAL');
    expect(JSON.stringify(answer.body)).not.toContain('secret internals');
  });

  it('commits nothing of a request that fails after writing', async () => {
    expect((await call('POST', '/test/write-then-fail')).status).toBe(400);
    expect(await testDb().select().from(products).where(eq(products.id, 'half-written'))).toEqual([]);
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND in Wix shape, and a route with another method likewise', async () => {
    for (const [method, path] of [
      ['GET', '/no/such/route'],
      ['POST', '/_api/benefit-programs/v1/nothing-here'],
      ['PUT', '/test/echo/1'],
    ] as const) {
      const answer = await call(method, path);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        message: `no route ${method} ${path} in the emulator`,
        details: {
          applicationError: {
            code: 'ROUTE_NOT_FOUND',
            description: `no route ${method} ${path} in the emulator`,
            data: {},
          },
        },
      });
      expect(answer.requestId).toMatch(UUID);
    }
  });

  it('refuses a query with an unknown operator or a limit over 100 with 400 naming the field', async () => {
    const query = (q: object) =>
      call('POST', '/_api/benefit-programs/v1/program-definitions/query', { token: tokens.APP, body: { query: q } });
    const unknown = await query({ filter: { namespace: { $regex: '^a' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.applicationError.data.field).toBe('query.filter.namespace.$regex');
    const tooMany = await query({ cursorPaging: { limit: 101 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details.applicationError.data.field).toMatch(/cursorPaging\.limit$/);
    const badCursor = await query({ cursorPaging: { cursor: 'garbage' } });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.details.applicationError.data.field).toBe('query.cursorPaging.cursor');
  });

  it('prefers static path segments over parameters, whatever the order of registration', async () => {
    expect((await call('GET', '/test/things/special')).body).toEqual({ route: 'special' });
    expect((await call('GET', '/test/things/t-9')).body).toEqual({ route: 'by id', thingId: 't-9' });
  });

  it("gives handlers the emulator clock's time as ctx.now", async () => {
    await inTransaction(testDb(), (tx) => moveClock(tx, { set: new Date('2029-03-04T05:06:07.000Z'), freeze: true }));
    expect((await call('GET', '/test/echo/1')).body.now).toBe('2029-03-04T05:06:07.000Z');
    await inTransaction(testDb(), (tx) => moveClock(tx, { set: new Date(), freeze: false }));
  });
});

describe('the request log and x-wix-request-id', () => {
  it('gives every answer its own request id, and logs method, path, identity, status, duration and error code', async () => {
    log.clear();
    lines.length = 0;
    const answers = [
      await call('POST', '/test/caller', { token: tokens.MEMBER }),
      await call('POST', '/test/manager', { token: tokens.VISITOR }),
      await call('GET', '/nowhere'),
      await call('POST', '/test/echo/1', { body: '{' }),
    ];
    const ids = answers.map((a) => a.requestId);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(UUID);
    const entries = log.list();
    expect(
      entries.map((e) => [e.method, e.path, e.identity?.type ?? null, e.status, e.errorCode ?? null, e.requestId]),
    ).toEqual([
      ['POST', '/test/caller', 'MEMBER', 200, null, ids[0]],
      ['POST', '/test/manager', 'VISITOR', 403, 'PERMISSION_DENIED', ids[1]],
      ['GET', '/nowhere', null, 404, 'ROUTE_NOT_FOUND', ids[2]],
      ['POST', '/test/echo/1', null, 400, 'INVALID_ARGUMENT', ids[3]],
    ]);
    for (const entry of entries) {
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(entry.at)).not.toBeNaN();
      // Served before it was logged: its start and duration end within the millisecond of `at`.
      expect(entry.startedAtMs + entry.durationMs).toBeLessThanOrEqual(Date.parse(entry.at) + 1);
    }
    // In the order they were served, one after another.
    const starts = entries.map((e) => e.startedAtMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^POST \/test\/manager 403 [\d.]+ms VISITOR$/);
  });

  it('keeps the most recent entries up to its capacity', () => {
    const small = new RequestLog(3);
    const add = (i: number) =>
      small.add({
        at: '',
        method: 'GET',
        path: `/${i}`,
        identity: null,
        status: 200,
        durationMs: 0,
        startedAtMs: i,
        requestId: `${i}`,
      });
    for (let i = 0; i < 5; i++) add(i);
    expect(small.list().map((e) => e.path)).toEqual(['/2', '/3', '/4']);
    // Round the ring more than once: still the last three, oldest first.
    for (let i = 5; i < 12; i++) add(i);
    expect(small.list().map((e) => e.path)).toEqual(['/9', '/10', '/11']);
    small.clear();
    expect(small.list()).toEqual([]);
    for (let i = 0; i < 2; i++) add(i);
    expect(small.list().map((e) => e.path)).toEqual(['/0', '/1']);
  });
});

describe('inTransaction', () => {
  it('retries a transaction PostgreSQL aborted as a serialization failure or deadlock, up to 5 attempts', async () => {
    const failing = (code: string, times: number) => {
      let attempts = 0;
      return {
        attempts: () => attempts,
        work: async () => {
          attempts++;
          if (attempts <= times) throw Object.assign(new Error('aborted'), { cause: { code } });
          return 'done';
        },
      };
    };
    const serialization = failing('40001', 2);
    expect(await inTransaction(testDb(), serialization.work)).toBe('done');
    expect(serialization.attempts()).toBe(3);
    const deadlock = failing('40P01', 1);
    expect(await inTransaction(testDb(), deadlock.work)).toBe('done');
    const endless = failing('40001', 99);
    await expect(inTransaction(testDb(), endless.work)).rejects.toThrow('aborted');
    expect(endless.attempts()).toBe(5);
    const other = failing('23505', 1);
    await expect(inTransaction(testDb(), other.work)).rejects.toThrow('aborted');
    expect(other.attempts()).toBe(1);
  });

  it('retries a real serialization failure between two serializable transactions', async () => {
    await inTransaction(testDb(), (tx) => insertEntity(tx, products, 'contended', { name: '0' }, new Date()));
    let attempts = 0;
    const bump = () =>
      inTransaction(testDb(), async (tx) => {
        attempts++;
        await tx.execute(sql`set transaction isolation level serializable`);
        const [row] = await tx.select().from(products).where(eq(products.id, 'contended'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        // The product's name counts the bumps that committed.
        const count = Number(row?.data.name) + 1;
        await tx
          .update(products)
          .set({ data: { name: String(count) } })
          .where(eq(products.id, 'contended'));
      });
    await Promise.all([bump(), bump()]);
    const [row] = await testDb().select().from(products).where(eq(products.id, 'contended'));
    expect(row?.data).toEqual({ name: '2' });
    expect(attempts).toBe(3);
  });
});
