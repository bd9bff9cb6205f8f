import http from 'node:http';

/**
 * A `fetch` for Node processes that call the emulator on this machine (the devsite's server, the tests, the
 * benchmarks), under `emulatorClient`'s rewrite: `node:http` over kept-alive connections, for plain-HTTP requests whose
 * body is absent or a string (the SDK's JSON). Anything else (HTTPS, a `Request` object, a stream or form body) goes
 * to Node's own `fetch`. Node's `fetch` (undici's web streams and objects) spent about a third of a check-in's CPU in
 * the client's process, about 0.5 ms a call more than this (emulator README, "Performance"); on two cores that CPU
 * is the emulator's. Failures look as `fetch`'s do: a `TypeError` "fetch failed" whose `cause` is the socket's
 * error, the signal's reason when aborted.
 */
export const keepAliveFetch: typeof fetch = (input, init) => {
  const body = init?.body;
  if (typeof input !== 'string' || !input.startsWith('http://') || (body != null && typeof body !== 'string')) {
    return fetch(input, init);
  }
  return send(input, init ?? {}, body ?? undefined, true);
};

// Idle connections close after 4 s, before the emulator's server drops them (Node's `keepAliveTimeout`, 5 s), so a
// request is not sent on a connection the server is closing. Idle connections do not keep a process alive.
const agent = new http.Agent({ keepAlive: true, timeout: 4_000 });

/** Statuses whose answer has no body (`new Response` refuses one). */
const BODILESS = new Set([101, 204, 205, 304]);

function send(url: string, init: RequestInit, body: string | undefined, retry: boolean) {
  const signal = init.signal;
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const request = http.request(url, { method: init.method ?? 'GET', headers, agent }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
      answer.on('end', () => {
        signal?.removeEventListener('abort', abort);
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const status = answer.statusCode ?? 502;
        resolve(
          new Response(BODILESS.has(status) ? null : Buffer.concat(chunks), {
            status,
            statusText: answer.statusMessage ?? '',
            headers: answerHeaders,
          }),
        );
      });
    });
    const abort = () => {
      request.destroy();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) return;
      // A kept connection the server closed just as the request went out: the server never read it; send it anew.
      if (retry && request.reusedSocket && error.code === 'ECONNRESET') {
        send(url, init, body, false).then(resolve, reject);
        return;
      }
      reject(new TypeError('fetch failed', { cause: error }));
    });
    request.end(body);
  });
}
