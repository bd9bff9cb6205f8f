import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { keepAliveFetch } from './node-fetch.ts';

let server: Server | undefined;

/** A server on a free port answering with `handle`; its URL. */
async function serve(handle: (request: IncomingMessage, response: ServerResponse, body: string) => void) {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => handle(request, response, body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const closing = server;
  server = undefined;
  closing?.closeAllConnections();
  if (closing) await new Promise((resolve) => closing.close(resolve));
});

describe('keepAliveFetch', () => {
  it('sends the method, headers and body, and answers with the status, headers and body, on one kept connection', async () => {
    const sockets = new Set<unknown>();
    const url = await serve((request, response, body) => {
      sockets.add(request.socket);
      response.writeHead(201, { 'content-type': 'application/json', 'x-seen': String(request.headers.authorization) });
      response.end(JSON.stringify({ method: request.method, path: request.url, body }));
    });
    for (const n of [1, 2, 3]) {
      const answer = await keepAliveFetch(`${url}/v1/things?n=${n}`, {
        method: 'POST',
        headers: { Authorization: 'token-1', 'content-type': 'application/json' },
        body: JSON.stringify({ n }),
      });
      expect(answer.status).toBe(201);
      expect(answer.ok).toBe(true);
      expect(answer.headers.get('x-seen')).toBe('token-1');
      expect(await answer.json()).toEqual({ method: 'POST', path: `/v1/things?n=${n}`, body: `{"n":${n}}` });
    }
    expect(sockets.size).toBe(1);
  });

  it('answers a 204 with no body and a 4xx with its body', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/empty') return void response.writeHead(204).end();
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no such thing"}');
    });
    const empty = await keepAliveFetch(`${url}/empty`, { method: 'DELETE' });
    expect([empty.status, empty.body]).toEqual([204, null]);
    const missing = await keepAliveFetch(`${url}/missing`);
    expect([missing.status, missing.ok, await missing.json()]).toEqual([404, false, { message: 'no such thing' }]);
  });

  it('reads its body as a Response does: once, by any method or as a stream, and clones it before a read', async () => {
    const text = '{"name":"Müsli bar ✓","price":"2.50"}';
    const headers = { 'content-type': 'application/json; charset=utf-8' };
    const url = await serve((_request, response) => response.writeHead(200, headers).end(text));
    const reads: Record<string, (answer: Response) => Promise<unknown>> = {
      text: (answer) => answer.text(),
      json: (answer) => answer.json(),
      arrayBuffer: async (answer) => new TextDecoder().decode(await answer.arrayBuffer()),
      blob: async (answer) => {
        const blob = await answer.blob();
        return [blob.type, await blob.text()];
      },
      stream: async (answer) => new Response(answer.body).text(),
    };
    const outcome = (read: () => Promise<unknown>) =>
      read().then(
        (value) => ({ value }),
        (error: Error) => ({ error: error.constructor.name }),
      );
    for (const [first, read] of Object.entries(reads)) {
      for (const [second, readAgain] of Object.entries(reads)) {
        const ours = await keepAliveFetch(url);
        const fetchs = new Response(text, { headers });
        const seen = [await outcome(() => read(ours)), ours.bodyUsed, await outcome(() => readAgain(ours))];
        const expected = [await outcome(() => read(fetchs)), fetchs.bodyUsed, await outcome(() => readAgain(fetchs))];
        expect(seen, `${first}, then ${second}`).toEqual(expected);
      }
    }
    expect((await outcome(() => reads.json!(new Response(text, { headers })))) as object).toEqual({
      value: { name: 'Müsli bar ✓', price: '2.50' },
    });
    const answer = await keepAliveFetch(url);
    const copy = answer.clone();
    expect(await answer.json()).toEqual(await copy.json());
    expect(() => answer.clone()).toThrow(TypeError);
  });

  it("fails as fetch does when nothing answers: a TypeError whose cause is the socket's error", async () => {
    const url = await serve((_request, response) => response.end());
    const port = new URL(url).port;
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const failure = await keepAliveFetch(`http://127.0.0.1:${port}/v1/things`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe('fetch failed');
    expect(((failure as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('sends a read again once when the kept connection it went out on is closed under it; a write it does not', async () => {
    const perSocket = new Map<unknown, number>();
    const received: string[] = [];
    const url = await serve((request, response, body) => {
      received.push(`${request.method} ${request.url} ${body}`);
      const count = (perSocket.get(request.socket) ?? 0) + 1;
      perSocket.set(request.socket, count);
      // The second request on a connection: closed unanswered, as a server closing an idle connection (or stopping
      // after it did the request) does.
      if (count === 2) return void request.socket.destroy();
      response.end(`answer ${count}`);
    });
    expect(await (await keepAliveFetch(`${url}/a`)).text()).toBe('answer 1');
    expect(await (await keepAliveFetch(`${url}/b`)).text()).toBe('answer 1');
    expect(perSocket.size).toBe(2);
    // A write: the server may have done it; it fails as fetch does, sent once.
    const failure = await keepAliveFetch(`${url}/c`, { method: 'POST', body: '3' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(((failure as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    expect(received.filter((r) => r.startsWith('POST'))).toEqual(['POST /c 3']);
  });

  it("rejects with the signal's reason when aborted, before or during the request", async () => {
    const url = await serve(() => undefined); // never answers
    const before = new AbortController();
    before.abort(new Error('gave up before'));
    await expect(keepAliveFetch(`${url}/slow`, { signal: before.signal })).rejects.toThrow('gave up before');
    const during = new AbortController();
    const pending = keepAliveFetch(`${url}/slow`, { signal: during.signal });
    setTimeout(() => during.abort(new Error('gave up during')), 20);
    await expect(pending).rejects.toThrow('gave up during');
  });

  it("leaves to Node's fetch what it does not handle: a body that is not a string", async () => {
    const url = await serve((_request, response, body) => response.end(`got ${body}`));
    const answer = await keepAliveFetch(`${url}/bytes`, { method: 'POST', body: new TextEncoder().encode('bytes') });
    expect(await answer.text()).toBe('got bytes');
  });
});
