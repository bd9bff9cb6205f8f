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

/** Methods that only read: sent again when the kept connection they went out on closed under them. */
const READS = new Set(['GET', 'HEAD']);

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
          new ReceivedResponse(BODILESS.has(status) ? null : Buffer.concat(chunks), {
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
      // A kept connection closed under a read (a server closing it as the request went out): sent anew, once. A
      // write is not: the server may have done it before the connection went (a server stopped mid-request, the
      // emulator's `reset` fault); whether it may be made again is its caller's to say (an idempotency key).
      if (retry && READS.has(request.method) && request.reusedSocket && error.code === 'ECONNRESET') {
        send(url, init, body, false).then(resolve, reject);
        return;
      }
      reject(new TypeError('fetch failed', { cause: error }));
    });
    request.end(body);
  });
}

/**
 * A `Response` whose body is the bytes already received: `text`, `json` and `arrayBuffer` read them as they are, once
 * (a second read is `fetch`'s `TypeError`), without the web stream a `Response` builds around its body (undici's
 * streams and body reading were about a seventh of the client's CPU; a check-in's client spends about 0.6 ms less).
 * `body`, `blob`, `formData` and a clone after those go to a real `Response` made from the bytes when first asked for.
 */
class ReceivedResponse extends Response {
  readonly #bytes: Buffer | null;
  #used = false;
  #real: Response | undefined;

  constructor(bytes: Buffer | null, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  /** The same answer as a plain `Response` (its body a stream), read or not as this one was. */
  #asReal(): Response {
    if (!this.#real) {
      this.#real = new Response(this.#bytes, {
        status: this.status,
        statusText: this.statusText,
        headers: this.headers,
      });
      if (this.#used) void this.#real.arrayBuffer();
    }
    return this.#real;
  }

  /** The bytes, for the one read a body allows. */
  #take(): Uint8Array {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes ?? new Uint8Array();
  }

  override get body() {
    return this.#asReal().body;
  }

  override get bodyUsed() {
    return this.#real ? this.#real.bodyUsed : this.#used;
  }

  override async text(): Promise<string> {
    if (this.#real) return this.#real.text();
    return new TextDecoder().decode(this.#take());
  }

  override async json(): Promise<unknown> {
    if (this.#real) return this.#real.json();
    return JSON.parse(new TextDecoder().decode(this.#take()));
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#real) return this.#real.arrayBuffer();
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  override blob(): Promise<Blob> {
    return this.#asReal().blob();
  }

  override formData(): Promise<FormData> {
    return this.#asReal().formData();
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    if (this.#real) return this.#real.clone();
    return new ReceivedResponse(this.#bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
  }
}
