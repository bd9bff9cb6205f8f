import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { type Devsite, startDevsite } from '../devsite.ts';
import { rawRequest } from '../testing/raw-http.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Issue 13 (4): no request made while the devsite starts waits unanswered. */
it('answers every request during start-up: refused, 503 until ready, then served', async () => {
  const port = await freePort();
  let devsite: Devsite | undefined;
  const starting = startDevsite({
    port,
    database: 'memory',
    sweepEveryMs: 0,
    clock: { set: '2026-06-15T09:00:00.000Z', freeze: true },
    log: () => {},
  }).then((d) => {
    devsite = d;
  });
  const outcomes: string[] = [];
  try {
    while (!devsite) {
      const outcome = await rawRequest(`http://127.0.0.1:${port}`, {
        path: '/_devsite/api/clock',
        timeoutMs: 5_000,
      }).then(
        (answer) => {
          if (answer.status === 503) {
            expect(JSON.parse(answer.body).details.applicationError.code).toBe('DEVSITE_STARTING');
            expect(answer.headers['retry-after']).toBe('1');
          }
          return String(answer.status);
        },
        (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? 'refused' : `failed: ${error.message}`),
      );
      outcomes.push(outcome);
      await new Promise((wait) => setTimeout(wait, 25));
    }
    await starting;
    const seen = new Set(outcomes);
    expect([...seen].filter((o) => !['refused', '503', '200'].includes(o))).toEqual([]);
    expect(seen.has('503')).toBe(true); // the window between listening and being ready was hit, and answered
    const ready = await rawRequest(devsite.url, { path: '/_devsite/api/clock' });
    expect(ready.status).toBe(200);
  } finally {
    await starting.catch(() => {});
    await devsite?.close();
  }
});
