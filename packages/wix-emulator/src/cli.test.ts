import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { members } from '@wix/members';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken, guidFor, startTestEmulator } from './testing/index.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(packageDir, 'bin/wix-emulator.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'wix-emulator-cli-'));
const started: ChildProcess[] = [];
afterAll(() => {
  // A failed test may leave an emulator running: stop the ones this file started (and their PostgreSQL).
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  output(): string;
}

/**
 * Starts `bin/wix-emulator.mjs` (what `npx wix-emulator` runs) in its own process group, so a crash can take its
 * PostgreSQL server down with it, and waits for the line with its URL.
 */
function start(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [bin, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const url = /wix-emulator listening on (http:\/\/127\.0\.0\.1:\d+) \(database: ([^)]+)\)/.exec(out)?.[1];
      if (url) resolve({ child, url, output: () => out });
    });
    child.stderr?.on('data', (chunk) => {
      out += String(chunk);
    });
    child.once('close', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** Runs a command to its end (in its own process group): exit code, everything it printed, and the process. */
function run(
  command: string,
  args: string[],
  cwd = packageDir,
): Promise<{ code: number | null; out: string; child: ChildProcess }> {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    out += String(chunk);
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, child })));
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** Whether any process of the emulator's process group (its PostgreSQL server included) is still there, after a grace period. */
async function groupAlive(child: ChildProcess): Promise<boolean> {
  for (let waited = 0; waited < 3_000; waited += 100) {
    try {
      process.kill(-(child.pid as number), 0);
    } catch {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

async function createDefinition(url: string, externalId: string) {
  const response = await fetch(`${url}/_api/benefit-programs/v1/program-definitions`, {
    method: 'POST',
    headers: { authorization: await createToken(url, { type: 'APP' }), 'content-type': 'application/json' },
    body: JSON.stringify({ programDefinition: { namespace: 'cli', externalId: guidFor(externalId) } }),
  });
  expect(response.status).toBe(200);
}

async function externalIds(url: string): Promise<string[]> {
  const response = await fetch(`${url}/_api/benefit-programs/v1/program-definitions/query`, {
    method: 'POST',
    headers: { authorization: await createToken(url, { type: 'APP' }), 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await response.json()) as { programDefinitions: Array<{ externalId: string }> };
  return body.programDefinitions.map((d) => d.externalId);
}

describe('npx wix-emulator', () => {
  it('starts on a throwaway database, prints its URL, answers with a line per request, and exits 0 on SIGTERM', async () => {
    const emulator = await start(['--port', '0', '--database', 'memory']);
    expect(emulator.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(database: memory\)/);
    const clock = await fetch(`${emulator.url}/_emulator/v1/clock`);
    expect(clock.status).toBe(200);
    await createDefinition(emulator.url, 'in-memory');
    expect(await externalIds(emulator.url)).toEqual([guidFor('in-memory')]);
    expect(emulator.output()).toMatch(/POST \/_api\/benefit-programs\/v1\/program-definitions 200 [\d.]+ms APP/);
    process.kill(emulator.child.pid as number, 'SIGTERM');
    expect(await exited(emulator.child)).toBe(0);
    expect(await groupAlive(emulator.child)).toBe(false);
    await expect(fetch(`${emulator.url}/_emulator/v1/clock`)).rejects.toThrow();
  });

  it('keeps every answered write when it and its database are killed, and stops cleanly on SIGTERM and SIGINT', async () => {
    const first = await start(['--port', '0', '--database', dataDir, '--quiet']);
    await createDefinition(first.url, 'before-crash');
    // A crash: the emulator and its PostgreSQL server die at once, with no shutdown.
    process.kill(-(first.child.pid as number), 'SIGKILL');
    await exited(first.child);

    const second = await start(['--port', '0', '--database', dataDir, '--quiet']);
    expect(second.output()).toContain(`(database: ${dataDir})`);
    expect(await externalIds(second.url)).toEqual([guidFor('before-crash')]);
    await createDefinition(second.url, 'after-restart');
    process.kill(second.child.pid as number, 'SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const third = await start(['--port', '0', '--database', dataDir, '--quiet']);
    expect((await externalIds(third.url)).sort()).toEqual([guidFor('after-restart'), guidFor('before-crash')].sort());
    expect(third.output()).not.toMatch(/program-definitions/);
    process.kill(third.child.pid as number, 'SIGINT');
    expect(await exited(third.child)).toBe(0);
    expect(await groupAlive(third.child)).toBe(false);
  }, 60_000);

  it('refuses a bad --port, an unknown option or an argument with exit code 2 and a message', async () => {
    const cases: Array<[string[], string]> = [
      [['--port', 'many'], '--port: "many" is not a port number'],
      [['--port', '70000'], '--port: "70000" is not a port number'],
      [['--port', '1.5'], '--port: "1.5" is not a port number'],
      [['--port='], '--port: "" is not a port number'],
      [['--bogus'], "Unknown option '--bogus'"],
      [['memory'], "Unexpected argument 'memory'"],
    ];
    const results = await Promise.all(cases.map(([args]) => run(process.execPath, [bin, ...args])));
    for (const [i, { code, out }] of results.entries()) {
      const [args, message] = cases[i] as [string[], string];
      expect(code, args.join(' ')).toBe(2);
      expect(out).toContain(message);
      expect(out).toContain('--database SPEC');
    }
  });

  it('fails with exit code 1 when it cannot start, leaving no database server behind', async () => {
    const unreachable = await run(process.execPath, [
      bin,
      '--port',
      '0',
      '--database',
      'postgres://u:secret@127.0.0.1:1/wix',
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.out).toContain('wix-emulator: could not start:');
    expect(unreachable.out).not.toContain('secret');

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const busy = await run(process.execPath, [bin, '--port', String(port), '--database', 'memory']);
      expect(busy.code).toBe(1);
      expect(busy.out).toContain('EADDRINUSE');
      // The PostgreSQL server it had started is gone with it.
      expect(await groupAlive(busy.child)).toBe(false);
    } finally {
      taken.close();
    }
  }, 30_000);

  it('is the `wix-emulator` bin of the workspace, with --help', async () => {
    const help = await run('npx', ['--no-install', 'wix-emulator', '--help'], join(packageDir, '../..'));
    expect(help.code).toBe(0);
    expect(help.out).toContain('--port N');
    expect(help.out).toContain('--database SPEC');
  });

  it('runs a test emulator in a process of its own (`startTestEmulator({ ownProcess: true })`), and stops it on close', async () => {
    const emu = await startTestEmulator({ ownProcess: true });
    let closed = false;
    try {
      expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // Its clock set through the admin API, and an SDK call answered from its own database.
      await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T08:00:00.000Z', freeze: true });
      const client = await emu.client({ type: 'APP', appId: 'own-process' }, { members });
      expect((await client.members.queryMembers().find()).items).toEqual([]);
      await emu.close();
      closed = true;
      await expect(fetch(`${emu.url}/_emulator/v1/clock`)).rejects.toThrow();
    } finally {
      if (!closed) await emu.close();
    }
  }, 30_000);
});
