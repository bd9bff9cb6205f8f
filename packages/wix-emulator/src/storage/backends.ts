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
  /** The `database` option an emulator would be started with. */
  spec: string;
  open(): Promise<Storage>;
  dispose(): Promise<void>;
}

export async function backends(): Promise<Backend[]> {
  const list: Backend[] = [
    { name: 'memory', spec: 'memory', open: () => openStorage('memory'), dispose: async () => {} },
  ];

  const dir = mkdtempSync(join(tmpdir(), 'wix-emulator-data-'));
  list.push({
    name: 'data directory',
    spec: dir,
    open: () => openStorage(dir),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  });

  let server: EmbeddedServer | undefined;
  let drop: (() => Promise<void>) | undefined;
  let url = '';
  list.push({
    name: 'server by URL',
    get spec() {
      return url;
    },
    async open() {
      if (!server) {
        server = await startEmbeddedPostgres(join(mkdtempSync(join(tmpdir(), 'wix-emulator-url-')), 'pg'), false);
        const { host, port, user, password } = server.connection;
        const fresh = await freshDatabaseOn(`postgres://${user}:${password}@${host}:${port}/postgres`);
        url = fresh.database;
        drop = fresh.drop;
      }
      return openStorage(url);
    },
    async dispose() {
      await drop?.();
      await server?.stop();
    },
  });

  if (process.env.DATABASE_URL) {
    let fresh: Awaited<ReturnType<typeof freshDatabaseOn>> | undefined;
    list.push({
      name: 'DATABASE_URL',
      get spec() {
        return fresh?.database ?? '';
      },
      async open() {
        fresh ??= await freshDatabaseOn(process.env.DATABASE_URL as string);
        return openStorage(fresh.database);
      },
      dispose: async () => fresh?.drop(),
    });
  }
  return list;
}
