import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabaseOn } from '../testing/index.ts';
import { type EmbeddedServer, openStorage, type Storage, startEmbeddedPostgres } from './db.ts';

/**
 * The storage backends the battery runs on: a throwaway embedded server (`memory`), a persistent data directory, and a
 * server given by URL (a standalone embedded server here, plus `DATABASE_URL` when it is set).
 */
export interface Backend {
  name: string;
  /** The `database` option an emulator would be started with (known once `open` has been called). */
  spec: string;
  /** Whether what was committed is still there after a close and a new `open`. */
  persistent: boolean;
  open(): Promise<Storage>;
  /** For servers given by URL: the URL of the server's maintenance database, to create more databases on it. */
  server?(): Promise<string>;
  dispose(): Promise<void>;
}

export async function backends(): Promise<Backend[]> {
  const list: Backend[] = [
    { name: 'memory', spec: 'memory', persistent: false, open: () => openStorage('memory'), dispose: async () => {} },
  ];

  const dir = mkdtempSync(join(tmpdir(), 'wix-emulator-data-'));
  list.push({
    name: 'data directory',
    spec: dir,
    persistent: true,
    open: () => openStorage(dir),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  });

  let server: EmbeddedServer | undefined;
  let serverDir = '';
  let drop: (() => Promise<void>) | undefined;
  let url = '';
  const standalone = async () => {
    if (!server) {
      serverDir = mkdtempSync(join(tmpdir(), 'wix-emulator-url-'));
      server = await startEmbeddedPostgres(join(serverDir, 'pg'), false);
    }
    const { host, port, user, password } = server.connection;
    return `postgres://${user}:${password}@${host}:${port}/postgres`;
  };
  list.push({
    name: 'server by URL',
    get spec() {
      return url;
    },
    persistent: true,
    async open() {
      if (!url) {
        const fresh = await freshDatabaseOn(await standalone());
        url = fresh.database;
        drop = fresh.drop;
      }
      return openStorage(url);
    },
    server: standalone,
    async dispose() {
      await drop?.();
      await server?.stop();
      if (serverDir) rmSync(serverDir, { recursive: true, force: true });
    },
  });

  const shared = process.env.DATABASE_URL;
  if (shared) {
    let fresh: Awaited<ReturnType<typeof freshDatabaseOn>> | undefined;
    list.push({
      name: 'DATABASE_URL',
      get spec() {
        return fresh?.database ?? '';
      },
      persistent: true,
      async open() {
        fresh ??= await freshDatabaseOn(shared);
        return openStorage(fresh.database);
      },
      server: async () => shared,
      dispose: async () => fresh?.drop(),
    });
  }
  return list;
}
