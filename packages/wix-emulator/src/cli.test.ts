import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken } from './testing/index.ts';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../bin/wix-emulator.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'wix-emulator-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts the CLI in its own process group (so a crash can take its PostgreSQL server down with it) and waits for its URL. */
function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr?.on('data', (chunk) => {
      out += String(chunk);
    });
    child.once('close', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function createDefinition(url: string, externalId: string) {
  const response = await fetch(`${url}/_api/benefit-programs/v1/program-definitions`, {
    method: 'POST',
    headers: { authorization: await createToken(url, { type: 'APP' }), 'content-type': 'application/json' },
    body: JSON.stringify({ programDefinition: { namespace: 'cli', externalId } }),
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
  it('keeps every answered write when it and its database are killed, and stops cleanly on SIGTERM', async () => {
    const first = await start(['--port', '0', '--database', dataDir, '--quiet']);
    await createDefinition(first.url, 'before-crash');
    // A crash: the emulator and its PostgreSQL server die at once, with no shutdown.
    process.kill(-(first.child.pid as number), 'SIGKILL');
    await exited(first.child);

    const second = await start(['--port', '0', '--database', dataDir, '--quiet']);
    expect(await externalIds(second.url)).toEqual(['before-crash']);
    await createDefinition(second.url, 'after-restart');
    process.kill(second.child.pid as number, 'SIGTERM');
    expect(await exited(second.child)).toBe(0);

    const third = await start(['--port', '0', '--database', dataDir, '--quiet']);
    expect((await externalIds(third.url)).sort()).toEqual(['after-restart', 'before-crash']);
    process.kill(third.child.pid as number, 'SIGTERM');
    expect(await exited(third.child)).toBe(0);
  }, 60_000);

  it('refuses a bad --port with exit code 2', async () => {
    const child = spawn(process.execPath, [bin, '--port', 'many'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += String(chunk);
    });
    expect(await exited(child)).toBe(2);
    expect(err).toContain('--port');
  });
});
