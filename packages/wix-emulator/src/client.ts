import { type AuthenticationStrategy, createClient, type Descriptors, type WixClient } from '@wix/sdk';
// A type only (erased): the client imports nothing of the emulator's server side at run time, so it is light and
// bundles for the browser.
import type { Identity } from './platform/identity.ts';

/**
 * Reaching the local Wix platform, once for every caller: tests, the devsite's server and the devsite's pages
 * (`@gym-rewards/wix-emulator/client`). Nothing here uses Node's modules.
 */

/** The hosts of Wix's REST APIs the SDK calls (`https://www.wixapis.com/<path>`). */
const isWixApi = (url: URL) => url.hostname === 'wixapis.com' || url.hostname.endsWith('.wixapis.com');

const hrefOf = (input: RequestInfo | URL) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/**
 * A `fetch` for `createClient` that sends the SDK's requests to Wix's APIs (`https://www.wixapis.com/<path>?<query>`)
 * to `<origin>/<path>?<query>`, path and query unchanged; any other request goes out as it is. `origin` may be a path
 * on the page's own origin (`/_wix/api` in the browser). Do not use the SDK's `host.apiBaseUrl` instead: it changes
 * the paths too.
 */
export function emulatorFetch(origin: string, base: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  return (input, init) => {
    let url: URL;
    try {
      url = new URL(hrefOf(input));
    } catch {
      return base(input, init); // a relative URL: the page's own origin, not Wix's APIs
    }
    if (!isWixApi(url)) return base(input, init);
    const target = origin + url.pathname + url.search;
    return input instanceof Request ? base(new Request(target, input), init) : base(target, init);
  };
}

/** Where a client's token comes from: a token, or a function asked on every call (no token: no `Authorization`). */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

/** An auth strategy for `createClient` that sends an emulator token as `Authorization`. */
export function tokenAuth(token: TokenSource) {
  return {
    getAuthHeaders: async (): Promise<{ headers: Record<string, string> }> => {
      const value = typeof token === 'string' ? token : await token();
      return { headers: value ? { Authorization: value } : {} };
    },
  };
}

/** Reads an answer of the emulator's own API, or throws with the method, path, status and body. */
async function answerOf<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/**
 * Calls the emulator's own API (`/_emulator/v1/*`: tokens, clock, apps, site, requests, reset): GET without a body,
 * POST with one, unless `method` says otherwise.
 */
export async function adminCall<T = unknown>(
  origin: string,
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<T> {
  if (!path.startsWith('/_emulator/v1/')) throw new Error(`${path}: not the emulator's API (/_emulator/v1/...)`);
  const response = await fetch(origin + path, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return answerOf<T>(response, `${method} ${path}`);
}

/** A token for `identity` (`POST /_emulator/v1/tokens`): what says who is calling. */
export async function createToken(origin: string, identity: Identity): Promise<string> {
  const response = await fetch(`${origin}/_emulator/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identity }),
  });
  return (await answerOf<{ token: string }>(response, `token for ${JSON.stringify(identity)}`)).token;
}

export type EmulatorClient<M extends Descriptors> = WixClient<undefined, AuthenticationStrategy<undefined>, M>;

/**
 * A real Wix SDK client on the emulator at `origin`, calling with `token`. `options.fetch` is the fetch under the
 * rewrite (e.g. one that counts calls); `options.host` a Wix host (the dashboard's); `options.auth` more of the auth
 * strategy (e.g. `AppStrategy`'s webhook verification), whose headers are the token's.
 */
export function emulatorClient<M extends Descriptors = Record<string, never>>(
  origin: string,
  token: TokenSource,
  modules?: M,
  options: { fetch?: typeof fetch; host?: unknown; auth?: object } = {},
): EmulatorClient<M> {
  return createClient({
    ...(modules ? { modules } : {}),
    auth: { ...options.auth, ...tokenAuth(token) },
    fetch: emulatorFetch(origin, options.fetch),
    ...(options.host ? { host: options.host } : {}),
  } as never) as never;
}

/** A real Wix SDK client on the emulator at `origin`, calling as `identity` (a token is minted for it). */
export async function clientAs<M extends Descriptors>(
  origin: string,
  identity: Identity,
  modules: M,
  options: { fetch?: typeof fetch } = {},
): Promise<EmulatorClient<M>> {
  return emulatorClient(origin, await createToken(origin, identity), modules, options);
}

export type { Identity };
