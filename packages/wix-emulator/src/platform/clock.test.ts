import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../storage/db.ts';
import { freshDatabaseOn, startTestEmulator, type TestEmulator } from '../testing/index.ts';

/**
 * The HTTP layer keeps the clock it read instead of reading its row on every request: the time a request is served at
 * must still follow every move of the clock, by this emulator or by another one on the same database.
 */
const APP = { type: 'APP' as const, appId: 'clock-test' };
let dir: string;
let stopServer: () => Promise<void>;
let drop: () => Promise<void>;
let one: TestEmulator;
let other: TestEmulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wix-emulator-clock-'));
  const server = await startEmbeddedPostgres(join(dir, 'pg'), false);
  stopServer = () => server.stop();
  const { host, port, user, password } = server.connection;
  const fresh = await freshDatabaseOn(`postgres://${user}:${password}@${host}:${port}/postgres`);
  drop = fresh.drop;
  one = await startTestEmulator({ database: fresh.database });
  other = await startTestEmulator({ database: fresh.database });
}, 60_000);

afterAll(async () => {
  await one?.close();
  await other?.close();
  await drop?.();
  await stopServer?.();
  rmSync(dir, { recursive: true, force: true });
});

/** The time `emu` serves a request at: the creation date of an item it inserts. */
async function servedAt(emu: TestEmulator, id: string): Promise<string> {
  const answer = await emu.call(APP, 'POST', '/wix-data/v2/items', {
    dataCollectionId: 'ClockProbe',
    dataItem: { id, data: {} },
  });
  expect(answer.status).toBe(200);
  return answer.body.dataItem.data._createdDate.$date;
}

describe('the time a request is served at', () => {
  it("follows this emulator's clock moves and a reset at once, and another emulator's as soon as it is told", async () => {
    await one.admin('/_emulator/v1/clock', { set: '2027-03-01T10:00:00.000Z', freeze: true });
    expect(await servedAt(one, 'a')).toBe('2027-03-01T10:00:00.000Z');
    expect(await servedAt(one, 'b')).toBe('2027-03-01T10:00:00.000Z');
    await one.admin('/_emulator/v1/clock', { advanceMs: 3_600_000 });
    expect(await servedAt(one, 'c')).toBe('2027-03-01T11:00:00.000Z');

    // The other emulator read the clock before; the move is announced when it commits.
    expect(await servedAt(other, 'd')).toBe('2027-03-01T11:00:00.000Z');
    await one.admin('/_emulator/v1/clock', { set: '2027-04-01T08:00:00.000Z', freeze: true });
    let seen = '';
    for (let attempt = 0; attempt < 100 && seen !== '2027-04-01T08:00:00.000Z'; attempt++) {
      seen = await servedAt(other, `e${attempt}`);
      if (seen !== '2027-04-01T08:00:00.000Z') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toBe('2027-04-01T08:00:00.000Z');

    // A reset puts the clock back to wall-clock time: the frozen instant is gone at once.
    await one.admin('/_emulator/v1/reset', {});
    expect(await servedAt(one, 'f')).not.toBe('2027-04-01T08:00:00.000Z');
  });
});
