import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthenticationStrategy, Descriptors, WixClient } from '@wix/sdk';
import pg from 'pg';
import { adminCall, clientAs, createToken } from '../client.ts';
import { type Emulator, startEmulator } from '../index.ts';
import type { Identity } from '../platform/identity.ts';
import type { StrictTunables } from '../platform/settings.ts';
import { startEmbeddedPostgres } from '../storage/db.ts';

// Reaching the emulator is the client module's (`@gym-rewards/wix-emulator/client`); tests import it from here too.
export { adminCall, clientAs, createToken, emulatorClient, emulatorFetch, tokenAuth } from '../client.ts';
export { measureCeiling } from './ceiling.ts';

/**
 * Where tests keep their data: a fresh database on the server named by DATABASE_URL when it is set
 * (the storage battery against any PostgreSQL), else a throwaway embedded server.
 */
export async function testDatabase(): Promise<{ database: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { database: 'memory', drop: async () => {} };
  return freshDatabaseOn(url);
}

/** Creates an empty database on a PostgreSQL server; `drop` removes it. */
export async function freshDatabaseOn(serverUrl: string): Promise<{ database: string; drop(): Promise<void> }> {
  const name = `wix_emulator_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return {
    database: target.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A throwaway embedded PostgreSQL server whose data a test can watch: `everything()` is every row of every table but the
 * tokens, in one string, for "a refusal changed nothing" (compare it before and after). The emulator is started on
 * `url`, by the test or through the devsite.
 */
export async function watchedDatabase(): Promise<{
  url: string;
  everything(): Promise<string>;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'wix-emulator-watched-'));
  const server = await startEmbeddedPostgres(join(dir, 'pg'), false);
  const { host, port, user, password } = server.connection;
  const url = `postgres://${user}:${password}@${host}:${port}/wix`;
  const inspect = new pg.Client({ connectionString: url });
  await inspect.connect();
  return {
    url,
    async everything() {
      const { rows: tables } = await inspect.query<{ name: string }>(
        `select table_name as name from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'tokens' order by 1`,
      );
      if (tables.length === 0) return '';
      // One query for all tables: a test may compare after every call.
      const { rows } = await inspect.query<{ h: string }>(
        `select ${tables
          .map(
            ({ name }) =>
              `'${name}:' || (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from "${name}" t)`,
          )
          .join(` || ' ' || `)} as h`,
      );
      return rows[0]!.h;
    },
    async close() {
      await inspect.end();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestEmulator extends Emulator {
  token(identity: Identity): Promise<string>;
  /** A Wix SDK client bound to the emulator, calling as `identity`. */
  client<M extends Descriptors>(
    identity: Identity,
    modules: M,
  ): Promise<WixClient<undefined, AuthenticationStrategy<undefined>, M>>;
  /** POSTs to the emulator's own API (clock, apps, site, reset). */
  admin<T = unknown>(path: string, body?: unknown, method?: string): Promise<T>;
  /**
   * Calls a route directly, as `identity`, with no SDK in between: the way to test what the server does with
   * input the SDK's own validation would stop. Answers the status and the JSON body.
   */
  call(identity: Identity | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Requests served since the last call, oldest first. */
  requests(): Promise<Array<{ method: string; path: string; status: number; identity: Identity | null }>>;
}

/**
 * Starts an emulator for a test file on its own database (see `testDatabase`), or on `options.database` (which the
 * test then owns: it is not dropped on close). `strict` starts it in strict mode, with `tunables` (README, "Strict mode").
 * `ownProcess` runs it in a child process of its own (the `wix-emulator` command), so what drives it (the SDK client,
 * the flows, a benchmark's load) does not share a Node process, and its one thread, with the platform.
 */
export async function startTestEmulator(
  options: { database?: string; strict?: boolean; tunables?: Partial<StrictTunables>; ownProcess?: boolean } = {},
): Promise<TestEmulator> {
  const db = options.database ? { database: options.database, drop: async () => {} } : await testDatabase();
  if (options.ownProcess && options.tunables) throw new Error('tunables are set in this process: not with ownProcess');
  const emulator = options.ownProcess
    ? await emulatorProcess(db.database, options.strict === true)
    : await startEmulator({
        port: 0,
        database: db.database,
        ...(options.strict ? { strict: true } : {}),
        ...(options.tunables ? { tunables: options.tunables } : {}),
      });
  const admin = <T>(path: string, body?: unknown, method?: string) => adminCall<T>(emulator.url, path, body, method);
  return {
    ...emulator,
    token: (identity) => createToken(emulator.url, identity),
    client: (identity, modules) => clientAs(emulator.url, identity, modules),
    admin,
    async call(identity, method, path, body) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (identity) headers.authorization = await createToken(emulator.url, identity);
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    },
    async requests() {
      const { requests } = await admin<{
        requests: Array<{ method: string; path: string; status: number; identity: Identity | null }>;
      }>('/_emulator/v1/requests');
      await admin('/_emulator/v1/requests', undefined, 'DELETE');
      return requests.filter((r) => !r.path.startsWith('/_emulator/'));
    },
    async close() {
      await emulator.close();
      await db.drop();
    },
  };
}

/** The `wix-emulator` command in a child process, on a free port: started once it says where it listens. */
async function emulatorProcess(database: string, strict: boolean): Promise<Emulator> {
  const bin = fileURLToPath(new URL('../../bin/wix-emulator.mjs', import.meta.url));
  const args = [bin, '--port', '0', '--database', database, '--quiet', ...(strict ? ['--strict'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // A process that ends without closing it (an uncaught error, process.exit) takes it, and its PostgreSQL, along.
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  void exited.then(() => process.off('exit', stop));
  const url = await new Promise<string>((resolve, reject) => {
    let said = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      said += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(said);
      if (listening) resolve(listening[1]!);
    });
    void exited.then((code) => reject(new Error(`wix-emulator exited (${code}) before it listened: ${said}`)));
  });
  return {
    url,
    database,
    strict,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The Wix error code an SDK call failed with (`details.applicationError.code`). */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ code: string; status: number; message: string; data: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      details?: {
        applicationError?: { code?: string; data?: unknown };
        validationError?: { fieldViolations?: Array<{ field?: string; description?: string }> };
      };
      status?: number;
      message?: string;
      httpStatus?: number;
    };
    // With a validation error the SDK keeps only `validationError`: report it as Wix's INVALID_ARGUMENT with the field.
    const violation = e.details?.validationError?.fieldViolations?.[0];
    if (!e.details?.applicationError && violation) {
      return {
        code: 'INVALID_ARGUMENT',
        status: e.status ?? e.httpStatus ?? 0,
        message: e.message ?? '',
        data: { field: violation.field, reason: violation.description },
      };
    }
    return {
      code: e.details?.applicationError?.code ?? 'UNKNOWN',
      status: e.status ?? e.httpStatus ?? 0,
      message: e.message ?? '',
      data: e.details?.applicationError?.data,
    };
  }
  throw new Error('expected the call to fail, and it succeeded');
}

const guids = new Map<string, string>();

/**
 * A GUID standing for a readable name in tests (`guidFor('member-kim')`): random, and the same for one name within the
 * test process. Wix declares member ids, external ids and item ids as GUIDs (`@format GUID`), and the emulator refuses
 * anything else there.
 */
export function guidFor(name: string): string {
  let id = guids.get(name);
  if (id === undefined) {
    id = randomUUID();
    guids.set(name, id);
  }
  return id;
}
