import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` as a person runs it (`node --import tsx src/main.ts`, what the devsite's `start` script runs: no `tsx`
 * parent that relays signals and SIGKILLs a child that has not answered within 30 ms) in its own process group,
 * on a data directory and a port of the test's own, stopped with signals while it works: it closes in order, exits 0,
 * leaves no PostgreSQL server behind, and starts again on the same data directory.
 */
const devsiteDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(join(tmpdir(), 'devsite-main-'));
const started: ChildProcess[] = [];
const crashDirs: string[] = [];
afterAll(() => {
  // A failed test may leave a devsite running: stop the ones this file started, and any PostgreSQL of its directory.
  for (const child of started) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {}
  }
  for (const dir of [dataDir, ...crashDirs]) {
    for (const pid of postgresOf(dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The PostgreSQL server processes whose data directory is under `dir`. */
function postgresOf(dir: string): number[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  return lines
    .filter((line) => /\bpostgres\b/.test(line) && line.includes(dir))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Waits, with a bound, until no PostgreSQL server of `dir` is left. */
async function postgresLeft(dir: string): Promise<number[]> {
  for (let waited = 0; waited < 5_000; waited += 100) {
    if (postgresOf(dir).length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return postgresOf(dir);
}

interface Running {
  child: ChildProcess;
  url: string;
  exit: Promise<number | null>;
  output(): string;
}

/** Starts `node --import tsx src/main.ts` on a data directory and waits for the line with its URL. */
async function start(dir = dataDir): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: devsiteDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), DEVSITE_DATA: dir, DATABASE_URL: '', STRICT: '' },
  });
  started.push(child);
  let out = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const url = /Gym Rewards is running[^:]*: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ child, url, exit, output: () => out });
    });
    child.stderr?.on('data', (chunk) => {
      out += String(chunk);
    });
    child.once('close', (code) => reject(new Error(`exited ${code} before starting: ${out}`)));
  });
}

/**
 * Requests the devsite serves with work behind them (the platform, PostgreSQL), sent without waiting, each on a
 * connection of its own (`node:http` without an agent: undici's `fetch` pools connections, and a request queued on a
 * pooled connection the server reset at exit was seen to stay pending for good, with no socket left).
 */
const inFlight = (url: string) =>
  Array.from(
    { length: 12 },
    (_, i) =>
      new Promise<number | 'refused'>((resolve) => {
        const request = get(
          `${url}${i % 2 ? '/_devsite/api/members' : '/_devsite/api/clock'}`,
          { agent: false },
          (response) => {
            response.resume();
            // A body cut off by the server's exit counts as refused.
            response.once('close', () => resolve(response.complete ? (response.statusCode ?? 0) : 'refused'));
          },
        );
        request.once('error', () => resolve('refused'));
      }),
  );

describe('npm start (src/main.ts)', () => {
  it('stops cleanly on SIGTERM while serving, leaves no PostgreSQL behind, and starts again on the same data', async () => {
    const first = await start();
    expect(postgresOf(dataDir).length).toBeGreaterThan(0);
    const requests = inFlight(first.url);
    process.kill(first.child.pid as number, 'SIGTERM');
    expect(await first.exit, first.output()).toBe(0);
    // Every request was answered or refused; none hangs.
    for (const status of await Promise.all(requests)) expect([200, 503, 'refused']).toContain(status);
    expect(await postgresLeft(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    // The next start on the same data directory works, and stops as cleanly on SIGINT (Ctrl+C).
    const second = await start();
    expect((await fetch(`${second.url}/_devsite/api/members`)).status).toBe(200);
    process.kill(second.child.pid as number, 'SIGINT');
    expect(await second.exit, second.output()).toBe(0);
    expect(await postgresLeft(dataDir)).toEqual([]);
  }, 180_000);

  it('exits at once on a second signal, still leaving no PostgreSQL behind', async () => {
    const running = await start();
    const requests = inFlight(running.url);
    process.kill(running.child.pid as number, 'SIGTERM');
    process.kill(running.child.pid as number, 'SIGTERM');
    expect(await running.exit, running.output()).not.toBeNull();
    await Promise.all(requests);
    expect(await postgresLeft(dataDir)).toEqual([]);
    const again = await start();
    process.kill(again.child.pid as number, 'SIGTERM');
    expect(await again.exit, again.output()).toBe(0);
  }, 180_000);

  it('survives SIGKILL in the middle of writes: the next start stops the orphaned PostgreSQL, and every acknowledged adjustment is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devsite-crash-'));
    crashDirs.push(dir);
    const first = await start(dir);
    const owner = await ownerOf(first.url);
    await webMethod(first.url, owner, 'setUpProgram', [
      { programName: 'Harbor', tiers: [{ price: 1, productIds: [] }] },
    ]);
    await webMethod(first.url, owner, 'enrollMembers', [{}]);
    const balances = async (url: string) => {
      const { members } = (await webMethod(url, owner, 'listMembers', [{ limit: 50 }])) as {
        members: Array<{ memberId: string; balance: number }>;
      };
      return new Map(members.map((m) => [m.memberId, m.balance]));
    };
    const before = await balances(first.url);
    const memberIds = [...before.keys()];
    expect(memberIds.length).toBeGreaterThan(1);

    // Adjustments of one token, four at a time, each with its request id, across the members; at the 20th answered,
    // the devsite's process (not its group: PostgreSQL runs on) is killed with the others in flight.
    const sent = new Map<string, number>();
    const acknowledged = new Map<string, number>();
    let answered = 0;
    const worker = async (w: number) => {
      for (let i = 0; ; i++) {
        const memberId = memberIds[(w + i) % memberIds.length]!;
        sent.set(memberId, (sent.get(memberId) ?? 0) + 1);
        const args = [{ memberId, amount: 1, reason: 'crash test', requestId: randomUUID() }];
        const result = (await webMethod(first.url, owner, 'adjustTokens', args).catch(() => null)) as {
          status: string;
        } | null;
        if (result?.status !== 'ADJUSTED') return;
        acknowledged.set(memberId, (acknowledged.get(memberId) ?? 0) + 1);
        if (++answered === 20) process.kill(first.child.pid as number, 'SIGKILL');
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    expect(await first.exit).toBeNull();
    expect(answered).toBeGreaterThanOrEqual(20);
    expect(postgresOf(dir).length, 'the killed devsite left its PostgreSQL running').toBeGreaterThan(0);

    const second = await start(dir);
    const after = await balances(second.url);
    for (const memberId of memberIds) {
      const base = before.get(memberId)!;
      expect(after.get(memberId)).toBeGreaterThanOrEqual(base + (acknowledged.get(memberId) ?? 0));
      expect(after.get(memberId)).toBeLessThanOrEqual(base + (sent.get(memberId) ?? 0));
    }
    process.kill(second.child.pid as number, 'SIGTERM');
    expect(await second.exit, second.output()).toBe(0);
    expect(await postgresLeft(dir)).toEqual([]);
  }, 180_000);
});

/** The site owner's token, as the devsite's dashboard page hands it to the page. */
async function ownerOf(url: string): Promise<string> {
  const html = await (await fetch(`${url}/dashboard`)).text();
  const token = /"surface":"dashboard","token":"([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no owner token on the dashboard page');
  return token;
}

/** A dashboard web method called as the dashboard calls it; its result, or a throw on any other answer. */
async function webMethod(url: string, token: string, method: string, args: unknown[]): Promise<unknown> {
  const response = await fetch(`${url}/_webMethods/src/backend/dashboard.web.ts/${method}.ajax`, {
    method: 'POST',
    headers: { Authorization: token },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { result: unknown };
  if (response.status !== 200) throw new Error(`${method}: ${response.status} ${JSON.stringify(body)}`);
  return body.result;
}
