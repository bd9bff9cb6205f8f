import { createHmac, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@gym-rewards/wix-emulator';
import { members } from '@wix/members';
import { createClient } from '@wix/sdk';
import { DateTime } from 'luxon';
import { createServer as createVite, type ViteDevServer } from 'vite';
import { dashboardHtml, type PageLink, panelHtml, type SitePerson, siteHtml } from './html.ts';
import { BackendRuntime } from './runtime/backend.ts';
import { platformClock, webMethodStubs } from './runtime/plugins.ts';
import { followPlatformClock } from './runtime/wix-clock.ts';
import { DEMO_GYM, seedDemoGym } from './seed.ts';

const here = dirname(fileURLToPath(import.meta.url));
const devsiteDir = resolve(here, '..');
const repoDir = resolve(devsiteDir, '../..');
const appDir = resolve(repoDir, 'apps/gym-rewards');
const APP_ID = (JSON.parse(readFileSync(join(appDir, 'wix.config.json'), 'utf8')) as { appId: string }).appId;
const DOOR_HEADERS = { timestamp: 'x-gym-rewards-timestamp', signature: 'x-gym-rewards-signature' };
const PAGE_ORDER = ['setup', 'members', 'overview'];

export interface DevsiteOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The emulator's database: a data directory (default `<repo>/.data/wix-emulator`), `memory`, or a postgres:// URL. */
  database?: string;
  /** How often the renewal sweep runs (it also runs after each move of the clock). 0 turns the timer off. */
  sweepEveryMs?: number;
  /**
   * Sets the platform's clock before anything else happens (the demo gym is seeded at that time): an ISO instant, and
   * whether the clock then stands still, moving only when the devsite moves it. Tests set it, so that they never depend
   * on today's date. Without it the clock keeps the time the database has (wall-clock time for a new one).
   */
  clock?: { set: string; freeze?: boolean };
  log?: (line: string) => void;
}

export interface Devsite {
  url: string;
  emulatorUrl: string;
  close(): Promise<void>;
}

class DevsiteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new DevsiteError(413, 'TOO_LARGE', 'body', `is larger than ${limit} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function cookies(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((kv): kv is [string, string] => kv.length === 2)
      .map(([k, v]) => [k, decodeURIComponent(v)]),
  );
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>) {
  res.writeHead(status, headers);
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });

/** A Wix-style error answer naming the field and the reason. */
const refuse = (res: ServerResponse, status: number, code: string, field: string, reason: string) =>
  sendJson(res, status, {
    message: `${field}: ${reason}`,
    details: { applicationError: { code, description: reason, data: { field } } },
  });

function dashboardPages(): PageLink[] {
  const dir = join(appDir, 'src/dashboard/pages');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const config = JSON.parse(readFileSync(join(dir, d.name, 'page.json'), 'utf8')) as { id: string; title: string };
      return { folder: d.name, id: config.id, title: config.title };
    })
    .sort((a, b) => {
      const rank = (p: PageLink) => (PAGE_ORDER.includes(p.folder) ? PAGE_ORDER.indexOf(p.folder) : 99);
      return rank(a) - rank(b) || a.title.localeCompare(b.title);
    });
}

/**
 * Runs Gym Rewards on this machine: the local Wix platform on its database, the demo gym (seeded once), the app
 * registered for webhooks, its backend run as Wix runs it, and one local URL serving the dashboard and the live site.
 */
export async function startDevsite(options: DevsiteOptions = {}): Promise<Devsite> {
  const log = options.log ?? ((line: string) => console.log(line));
  const emulator = await startEmulator({
    port: 0,
    database: options.database ?? join(repoDir, '.data/wix-emulator'),
    log: (line) => log(`  wix ${line}`),
  });
  const admin = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${emulator.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const token = async (identity: Record<string, string>) =>
    (await admin<{ token: string }>('/_emulator/v1/tokens', { identity })).token;
  const toEmulator: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return globalThis.fetch(emulator.url + url.pathname + url.search, init);
  };

  // The platform's clock is the emulator's; the app's backend reads the same time.
  const syncClock = async () => {
    const platform = await admin<{ now: string; frozen: boolean }>('/_emulator/v1/clock');
    followPlatformClock(platform);
    return platform.now;
  };
  if (options.clock) await admin('/_emulator/v1/clock', options.clock);
  await syncClock();

  const [ownerToken, appToken] = await Promise.all([token({ type: 'ADMIN' }), token({ type: 'APP', appId: APP_ID })]);
  const owner = createClient({
    modules: { members },
    auth: { getAuthHeaders: async () => ({ headers: { Authorization: ownerToken } }) },
    fetch: toEmulator,
  });

  let vite: ViteDevServer | undefined;
  const http = createServer();
  vite = await createVite({
    configFile: false,
    root: devsiteDir,
    publicDir: join(devsiteDir, 'src/public'),
    appType: 'custom',
    logLevel: 'warn',
    clearScreen: false,
    server: { middlewareMode: true, hmr: { server: http }, fs: { allow: [repoDir] } },
    plugins: [platformClock(appDir, join(devsiteDir, 'src/runtime/wix-clock.ts')), webMethodStubs(appDir, () => vite!)],
    // Some of the dashboard's packages expect Node's `global`, as the Wix CLI's own build provides.
    define: { global: 'globalThis' },
    ssr: { noExternal: ['@wix/web-methods'] },
    optimizeDeps: { entries: ['src/client/dashboard.tsx', 'src/client/site.tsx', 'src/client/panel.tsx'] },
    oxc: { jsx: { runtime: 'automatic' } },
  } as never);

  await new Promise<void>((ready, fail) => {
    http.once('error', fail);
    http.listen(options.port ?? 4000, '127.0.0.1', () => ready());
  });
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const { publicKey } = await admin<{ publicKey: string }>('/_emulator/v1/apps', {
    appId: APP_ID,
    webhookUrl: `${url}/_wix/webhooks`,
  });
  const backend = new BackendRuntime({
    appDir,
    appId: APP_ID,
    appToken,
    publicKey,
    emulatorUrl: emulator.url,
    vite,
    log,
  });
  const events = await backend.loadEvents();
  log(`app ${APP_ID} registered; event handlers: ${events.join(', ') || 'none'}`);

  const people = async (): Promise<SitePerson[]> => {
    const found = await owner.members
      .queryMembers({ fieldsets: ['FULL'] })
      .limit(100)
      .find();
    return found.items.map((m) => ({
      id: m._id!,
      name:
        m.profile?.nickname || [m.contact?.firstName, m.contact?.lastName].filter(Boolean).join(' ') || m.loginEmail!,
      email: m.loginEmail ?? null,
    }));
  };

  /** Calls a web method as `callerToken`, the way a page's stub does. */
  const callWebMethod = async (callerToken: string, file: string, method: string, args: unknown[] = []) => {
    const answer = await backend.webMethod(file, method, callerToken, JSON.stringify(args));
    const body = JSON.parse(answer.body) as { result: unknown; exception?: boolean };
    if (body.exception) throw new Error(`${method}: ${JSON.stringify(body.result)}`);
    return body.result;
  };

  /** Calls one of the app's door endpoints as a door system does: signed with the door secret the owner sees. */
  const doorRequest = async (name: string, payload: unknown) => {
    const { secret } = (await callWebMethod(ownerToken, 'src/backend/dashboard.web.ts', 'doorAccess')) as {
      secret: string;
    };
    const body = JSON.stringify(payload);
    const timestamp = String(Date.parse(await syncClock()));
    const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    const response = await fetch(`${url}/api/${name}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [DOOR_HEADERS.timestamp]: timestamp,
        [DOOR_HEADERS.signature]: signature,
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  let sweeping: Promise<unknown> = Promise.resolve();
  const runSweep = () => {
    // One sweep at a time; a failed sweep does not stop the next.
    sweeping = sweeping
      .catch(() => {})
      .then(async () => {
        let cursor: string | null = null;
        const total = { programs: 0, renewed: 0, ended: 0 };
        do {
          const { status, body } = await doorRequest('renewals', { cursor });
          if (status !== 200) throw new Error(`renewal sweep: HTTP ${status} ${JSON.stringify(body)}`);
          total.programs += Number(body.programs);
          total.renewed += Number(body.renewed);
          total.ended += Number(body.ended);
          cursor = (body.next as string | null) ?? null;
        } while (cursor);
        if (total.renewed || total.ended)
          log(`renewal sweep: ${total.renewed} renewals, ${total.ended} programs ended`);
        return total;
      });
    return sweeping as Promise<{ programs: number; renewed: number; ended: number }>;
  };
  const sweepEvery = options.sweepEveryMs ?? 60_000;
  const timer = sweepEvery > 0 ? setInterval(() => runSweep().catch((e) => log(String(e))), sweepEvery) : undefined;

  const siteSession = async (req: IncomingMessage) => {
    const existing = cookies(req).devsite_site;
    const caller = await backend.caller(existing ?? null);
    if (existing && caller) return { token: existing, caller, fresh: false };
    const visitor = await token({ type: 'VISITOR' });
    return { token: visitor, caller: await backend.caller(visitor), fresh: true };
  };
  const cookie = (value: string) => `devsite_site=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax`;

  const devsiteApi = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const input = req.method === 'POST' ? await readBody(req) : '';
    let body: Record<string, unknown> = {};
    if (input) {
      try {
        body = JSON.parse(input) as Record<string, unknown>;
      } catch {
        return refuse(res, 400, 'INVALID_JSON', 'body', 'is not JSON');
      }
    }
    const text = (field: string) => {
      const value = body[field];
      if (typeof value !== 'string' || !value.trim())
        throw new DevsiteError(400, 'INVALID_ARGUMENT', field, 'is required');
      return value.trim();
    };
    switch (`${req.method} ${path}`) {
      case 'GET /clock':
        return sendJson(res, 200, { now: await syncClock() });
      case 'POST /clock': {
        const advance = body.advance;
        if (advance !== 'day' && advance !== 'month') {
          return refuse(res, 400, 'INVALID_ARGUMENT', 'advance', 'must be "day" or "month"');
        }
        // A calendar day or month in the gym's time zone: 31 January + 1 month is 28 (or 29) February, not 3 March.
        const [{ now }, { timeZone }] = await Promise.all([
          admin<{ now: string }>('/_emulator/v1/clock'),
          admin<{ timeZone: string }>('/_emulator/v1/site'),
        ]);
        const target = DateTime.fromISO(now, { zone: timeZone }).plus({ [`${advance}s`]: 1 });
        await admin('/_emulator/v1/clock', { set: target.toUTC().toISO() });
        const moved = await syncClock();
        const sweep = await runSweep();
        log(`clock moved a ${advance} to ${moved}`);
        return sendJson(res, 200, { now: moved, sweep });
      }
      case 'POST /check-in': {
        const memberId = text('memberId');
        const answer = await doorRequest('visits', { memberId, visitId: randomUUID() });
        return sendJson(res, answer.status, answer.body);
      }
      case 'GET /members':
        return sendJson(res, 200, { members: await people() });
      case 'POST /login': {
        const memberId = text('memberId');
        if (!(await people()).some((p) => p.id === memberId)) {
          return refuse(res, 404, 'MEMBER_NOT_FOUND', 'memberId', `no site member ${memberId}`);
        }
        return sendJson(res, 200, { memberId }, { 'set-cookie': cookie(await token({ type: 'MEMBER', memberId })) });
      }
      case 'POST /logout':
        return sendJson(res, 200, {}, { 'set-cookie': cookie(await token({ type: 'VISITOR' })) });
      case 'POST /signup': {
        const name = text('name');
        const email = text('email').toLowerCase();
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
          return refuse(res, 400, 'INVALID_ARGUMENT', 'email', 'is not an email address');
        }
        const [first, ...rest] = name.split(/\s+/);
        const { member } = await owner.members
          .createMember({
            member: {
              loginEmail: email,
              contact: { firstName: first, lastName: rest.join(' ') },
              profile: { nickname: name },
            },
          })
          .then((m) => ({ member: m }))
          .catch((error: { details?: { applicationError?: { description?: string } }; message?: string }) => {
            throw new DevsiteError(
              409,
              'SIGNUP_REFUSED',
              'email',
              error.details?.applicationError?.description ?? error.message ?? 'was refused',
            );
          });
        const memberToken = await token({ type: 'MEMBER', memberId: member._id! });
        return sendJson(res, 200, { memberId: member._id }, { 'set-cookie': cookie(memberToken) });
      }
      default:
        return refuse(res, 404, 'NOT_FOUND', 'path', `no devsite API ${req.method} /_devsite/api${path}`);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', url);
    if (pathname === '/') return send(res, 302, '', { location: '/dashboard' });

    if (pathname.startsWith('/_wix/api/')) {
      // The browser's Wix SDK traffic (https://www.wixapis.com/...) goes to the platform, identity headers and all.
      const path = (req.url ?? '').slice('/_wix/api'.length);
      // Only Wix's APIs: the platform's own controls are not for pages.
      if (path.startsWith('/_emulator/')) return refuse(res, 404, 'NOT_FOUND', 'path', 'no such Wix API');
      const target = `${emulator.url}${path}`;
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, 10_000_000);
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(target, { method: req.method!, headers, ...(body === undefined ? {} : { body }) });
      return send(res, answer.status, await answer.text(), {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
    }

    if (pathname === '/_wix/webhooks' && req.method === 'POST') {
      const result = await backend.event(await readBody(req));
      if (result.eventType && result.message !== 'no handler') log(`event ${result.eventType} handled`);
      return sendJson(res, result.status, result);
    }

    const webMethod = /^\/_webMethods\/(.+)\/([A-Za-z_$][\w$]*)\.ajax$/.exec(pathname);
    if (webMethod) {
      if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'method', 'web methods are POST');
      const authorization = req.headers.authorization ?? null;
      const answer = await backend.webMethod(webMethod[1]!, webMethod[2]!, authorization, await readBody(req));
      return send(res, answer.status, answer.body, answer.headers);
    }

    const endpoint = /^\/api\/([a-z0-9-]+)$/.exec(pathname);
    if (endpoint) {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
      const request = new Request(`${url}${req.url}`, {
        method: req.method!,
        headers: Object.entries(req.headers).flatMap(([k, v]) =>
          typeof v === 'string' ? [[k, v] as [string, string]] : [],
        ),
        ...(body === undefined ? {} : { body }),
      });
      const answer = await backend.endpoint(endpoint[1]!, request);
      return send(res, answer.status, await answer.text(), {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
    }

    if (pathname.startsWith('/_devsite/api/')) return devsiteApi(req, res, pathname.slice('/_devsite/api'.length));

    const dashboard = /^\/dashboard(?:\/([a-z0-9-]+))?\/?$/.exec(pathname);
    if (dashboard && req.method === 'GET') {
      const pages = dashboardPages();
      const current = pages.find((p) => p.folder === dashboard[1]) ?? (dashboard[1] ? undefined : pages[0]);
      if (!current) return refuse(res, 404, 'NOT_FOUND', 'page', `the app has no dashboard page ${dashboard[1]}`);
      const html = dashboardHtml({
        gym: DEMO_GYM.name,
        pages,
        current,
        ownerToken,
        now: await syncClock(),
        people: await people(),
      });
      return send(res, 200, await vite!.transformIndexHtml(pathname, html), { 'content-type': 'text/html' });
    }

    if (pathname === '/editor/panel' && req.method === 'GET') {
      return send(res, 200, await vite!.transformIndexHtml(pathname, panelHtml()), { 'content-type': 'text/html' });
    }

    if (pathname === '/site' && req.method === 'GET') {
      const session = await siteSession(req);
      const everyone = await people();
      const member =
        session.caller?.subjectType === 'MEMBER'
          ? (everyone.find((p) => p.id === session.caller!.subjectId) ?? null)
          : null;
      const html = siteHtml({
        gym: DEMO_GYM.name,
        siteToken: session.token,
        member,
        people: everyone,
        now: await syncClock(),
      });
      return send(res, 200, await vite!.transformIndexHtml(pathname, html), {
        'content-type': 'text/html',
        ...(session.fresh ? { 'set-cookie': cookie(session.token) } : {}),
      });
    }

    // Modules and assets of the pages; anything else is an unknown route.
    vite!.middlewares(req, res, () => refuse(res, 404, 'NOT_FOUND', 'path', `no route ${req.method} ${pathname}`));
  };

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    res.on('finish', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (/^\/(@|node_modules|src\/|@fs)/.test(path) || path.startsWith('/@')) return; // module loads stay quiet
      log(`${req.method} ${path} ${res.statusCode} ${Math.round(performance.now() - started)}ms`);
    });
    handle(req, res).catch((error: unknown) => {
      if (error instanceof DevsiteError) return refuse(res, error.status, error.code, error.field, error.message);
      log(`${req.method} ${req.url} failed: ${(error as Error)?.stack ?? error}`);
      if (!res.headersSent) refuse(res, 500, 'DEVSITE_FAILED', 'request', 'the devsite failed; see its log');
    });
  });

  // Seeding last: its events reach the app through the server, which answers from here on.
  if (await seedDemoGym({ emulatorUrl: emulator.url, ownerToken, fetch: toEmulator })) {
    log(
      `seeded the demo gym "${DEMO_GYM.name}": ${DEMO_GYM.products.length} products, ${DEMO_GYM.members.length} members`,
    );
  }

  return {
    url,
    emulatorUrl: emulator.url,
    async close() {
      if (timer) clearInterval(timer);
      await sweeping.catch(() => {});
      await vite?.close();
      await new Promise<void>((done) => {
        http.close(() => done());
        http.closeAllConnections();
      });
      await emulator.close();
    },
  };
}
