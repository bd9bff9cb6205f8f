import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { emulatorClient } from '@gym-rewards/wix-emulator/client';
import { keepAliveFetch } from '@gym-rewards/wix-emulator/node-fetch';
import { AppStrategy } from '@wix/sdk';
import type { ViteDevServer } from 'vite';
import { wixErrorResponse as wixError } from '../../../gym-rewards/src/backend/wix-error.ts';

/** Who a request to the app's backend comes from, as Wix's Token Info tells it. */
export interface Caller {
  subjectType: 'APP' | 'USER' | 'MEMBER' | 'VISITOR';
  subjectId: string;
}

interface BackendAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const PERMITTED: Record<string, Caller['subjectType'][]> = {
  Anyone: ['USER', 'MEMBER', 'VISITOR', 'APP'],
  SiteMember: ['USER', 'MEMBER'],
  Admin: ['USER'],
};

const json = (status: number, value: unknown): BackendAnswer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

/** A web method call refused before it runs, thrown back as the app's refusals are (`{ code, message, field? }`). */
const refusedCall = (status: number, code: string, message: string, field?: string) =>
  json(status, { exception: true, result: { code, message, ...(field ? { field } : {}) } });

/** The most arguments a web method call may carry. */
const MAX_ARGUMENTS = 100;

/**
 * The status a thrown value is answered with: an Error is the method failing (500); the app's refusals (a plain
 * `{ code, message, field? }`) are the caller's fault, 400 for invalid input and 403 for not allowed or a plan required; "try again" 503; anything else
 * thrown on purpose 200, as before. The CLI's `callWebMethod` reads only `exception` and `result`.
 */
function statusOfThrown(error: unknown): number {
  if (error instanceof Error) return 500;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'INVALID_INPUT') return 400;
  if (code === 'NOT_ALLOWED') return 403;
  // The owner's plan does not include what was asked (the app's PLAN_REQUIRED refusal): forbidden until an upgrade.
  if (code === 'PLAN_REQUIRED') return 403;
  // Wix failing for a moment (the app's "try again", Wix's code of a 503): not the caller's fault, to be sent again.
  if (code === 'UNAVAILABLE') return 503;
  return 200;
}

/** A thrown value as the caller receives it: an Error's name and message, anything else as it is. */
function thrown(error: unknown): unknown {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return error;
}

/**
 * The app's backend code run as Wix runs it. One global Wix client whose auth reads the caller's token from an
 * AsyncLocalStorage (so concurrent callers never mix), and one elevated client with the app's own token, which is what
 * `auth.elevate` switches to. Web methods run with the caller's session after their permission is checked; events and
 * HTTP endpoints run with the access token the request carries, if any (a system outside Wix calling an app's endpoint
 * for a site holds one), events with no identity at all: only elevated calls work in them, as on Wix.
 */
export class BackendRuntime {
  private readonly session = new AsyncLocalStorage<{ token: string | null }>();
  private readonly client;

  constructor(
    private readonly options: {
      appDir: string;
      appId: string;
      appToken: string;
      publicKey: string;
      emulatorUrl: string;
      vite: ViteDevServer;
      log: (line: string) => void;
    },
  ) {
    // Who calls is the token of the request being served (none in events and endpoints), read at each call.
    const app = AppStrategy({ appId: options.appId, publicKey: options.publicKey });
    // Both over kept-alive connections, as the app's calls are many and the emulator is on this machine.
    this.client = emulatorClient(options.emulatorUrl, () => this.session.getStore()?.token, undefined, {
      auth: app,
      fetch: keepAliveFetch,
    });
    this.client.enableContext('global');
    const elevated = emulatorClient(options.emulatorUrl, options.appToken, undefined, { fetch: keepAliveFetch });
    elevated.enableContext('global', { elevated: true });
  }

  /** Loads the app's event extensions: they register their handlers on the global client as they are imported. */
  async loadEvents(): Promise<string[]> {
    const dir = join(this.options.appDir, 'src/backend/events');
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    for (const name of names) await this.options.vite.ssrLoadModule(join(dir, name, 'event.ts'));
    return [...this.client.webhooks.getRegisteredEvents().keys()];
  }

  /** Who a token stands for (Wix's Token Info), or null for no token or an unknown one. */
  async caller(token: string | null): Promise<Caller | null> {
    if (!token) return null;
    const response = await fetch(`${this.options.emulatorUrl}/oauth2/token-info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: token.replace(/^Bearer\s+/i, '') }),
    });
    const info = (await response.json()) as { active?: boolean } & Partial<Caller>;
    return info.active && info.subjectType ? { subjectType: info.subjectType, subjectId: info.subjectId ?? '' } : null;
  }

  /** `POST /_webMethods/<file>/<method>.ajax`: the CLI's RPC, answered `{ result }` or `{ exception: true, result }`. */
  async webMethod(file: string, method: string, token: string | null, body: string): Promise<BackendAnswer> {
    const validFile = /^src\/[\w/.-]+\.web\.ts$/.test(file) && !file.includes('..');
    if (!validFile || !existsSync(join(this.options.appDir, file))) {
      return refusedCall(404, 'NOT_FOUND', `no web method file ${file}`);
    }
    const module: Record<string, unknown> = await this.options.vite.ssrLoadModule(join(this.options.appDir, file));
    const fn = module[method] as ((...args: unknown[]) => unknown) & { permission?: string };
    if (typeof fn !== 'function' || !fn.permission) {
      return refusedCall(404, 'NOT_FOUND', `${file} has no web method ${method}`);
    }
    let args: unknown;
    try {
      args = body ? JSON.parse(body) : [];
    } catch {
      return refusedCall(400, 'INVALID_INPUT', 'is not JSON', 'body');
    }
    if (!Array.isArray(args)) return refusedCall(400, 'INVALID_INPUT', 'must be the array of arguments', 'body');
    // Spread into the call, an absurd array overflows the stack: no web method takes more than a few arguments.
    if (args.length > MAX_ARGUMENTS) {
      return refusedCall(400, 'INVALID_INPUT', `must hold at most ${MAX_ARGUMENTS} arguments`, 'body');
    }
    const caller = await this.caller(token);
    if (!caller) return refusedCall(401, 'NOT_ALLOWED', 'No session: log in first');
    if (!PERMITTED[fn.permission]?.includes(caller.subjectType)) {
      return refusedCall(403, 'NOT_ALLOWED', `${method} needs ${fn.permission}; the caller is ${caller.subjectType}`);
    }
    try {
      const result = await this.session.run({ token }, () => fn(...args));
      return json(200, { result: result ?? null });
    } catch (error) {
      if (error instanceof Error) this.options.log(`web method ${method} failed: ${error.stack ?? error.message}`);
      return json(statusOfThrown(error), { exception: true, result: thrown(error) });
    }
  }

  /**
   * An HTTP endpoint of the app (`src/backend/api/<name>/api.ts`), called with the access token the request carries
   * (`Authorization`, which names the site: the app keeps what it may per site, `sessionKey`), or none.
   */
  async endpoint(name: string, request: Request): Promise<Response> {
    if (!/^[a-z0-9-]+$/.test(name)) return wixError(404, 'NOT_FOUND', 'path', `no endpoint /api/${name}`);
    const file = join(this.options.appDir, 'src/backend/api', name, 'api.ts');
    if (!existsSync(file)) return wixError(404, 'NOT_FOUND', 'path', `no endpoint /api/${name}`);
    const module: Record<string, unknown> = await this.options.vite.ssrLoadModule(file);
    const handler = module[request.method];
    if (typeof handler !== 'function') {
      return wixError(405, 'METHOD_NOT_ALLOWED', 'method', `/api/${name} does not answer ${request.method}`);
    }
    try {
      const token = request.headers.get('authorization');
      return await this.session.run({ token }, () => (handler as (r: Request) => Promise<Response>)(request));
    } catch (error) {
      this.options.log(`endpoint /api/${name} failed: ${(error as Error)?.stack ?? error}`);
      return wixError(500, 'ENDPOINT_FAILED', 'request', 'the endpoint failed; see the devsite log');
    }
  }

  /**
   * A webhook from the platform: the JWT is verified with the app's public key by the real SDK, then handed to the
   * handlers the app registered. Events the app has no handler for are acknowledged and dropped, as Wix only sends an
   * app the events it subscribed to.
   */
  async event(jwt: string): Promise<{ status: number; eventType?: string; message?: string }> {
    let event: Awaited<ReturnType<typeof this.client.webhooks.parseJWT>>;
    try {
      event = await this.client.webhooks.parseJWT(jwt);
    } catch (error) {
      return { status: 401, message: `not a webhook signed for this app: ${(error as Error).message}` };
    }
    if (!this.client.webhooks.getRegisteredEvents().has(event.eventType)) {
      return { status: 200, eventType: event.eventType, message: 'no handler' };
    }
    await this.session.run({ token: null }, () => this.client.webhooks.executeHandlers(event));
    return { status: 200, eventType: event.eventType };
  }
}
