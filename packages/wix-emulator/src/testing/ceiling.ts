/**
 * The ceiling of the platform's database: a plain loop of TPC-B-like transactions (pgbench's: an account, a teller and
 * a branch updated, the account read, a history row inserted) on an embedded PostgreSQL server started as the
 * emulator's `memory` database is (same binaries and flags), over 10 connections (the emulator's pool), for 5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../storage/db.ts';

const BRANCHES = 10;
const TELLERS = 100;
const ACCOUNTS = 100_000;

export async function measureCeiling(seconds = 5, connections = 10): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ceiling-'));
  const server = await startEmbeddedPostgres(join(dir, 'pg'), false);
  const client = new pg.Pool({ ...server.connection, database: 'wix', max: connections });
  client.on('error', () => {});
  try {
    await client.query(`
      create table branches (id int primary key, balance int not null default 0);
      create table tellers (id int primary key, branch int not null, balance int not null default 0);
      create table accounts (id int primary key, branch int not null, balance int not null default 0);
      create table history (teller int, branch int, account int, delta int, at timestamptz default now());
      insert into branches (id) select g from generate_series(1, ${BRANCHES}) g;
      insert into tellers (id, branch) select g, 1 + g % ${BRANCHES} from generate_series(1, ${TELLERS}) g;
      insert into accounts (id, branch) select g, 1 + g % ${BRANCHES} from generate_series(1, ${ACCOUNTS}) g;`);
    await client.query('vacuum analyze');
    let done = 0;
    let seed = 20261130;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 1 + (seed % n);
    };
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const c = await client.connect();
        try {
          while (performance.now() < until) {
            const [a, t, b, delta] = [random(ACCOUNTS), random(TELLERS), random(BRANCHES), random(10_000) - 5_000];
            await c.query('begin');
            await c.query('update accounts set balance = balance + $1 where id = $2', [delta, a]);
            await c.query('select balance from accounts where id = $1', [a]);
            await c.query('update tellers set balance = balance + $1 where id = $2', [delta, t]);
            await c.query('update branches set balance = balance + $1 where id = $2', [delta, b]);
            await c.query('insert into history (teller, branch, account, delta) values ($1, $2, $3, $4)', [
              t,
              b,
              a,
              delta,
            ]);
            await c.query('commit');
            done++;
          }
        } finally {
          c.release();
        }
      }),
    );
    return Math.round(done / seconds);
  } finally {
    await client.end();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
