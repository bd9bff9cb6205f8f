import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLAN_CATALOG, setUpPlanCatalog } from '@gym-rewards/flows';
import { type StrictTunables, startEmulator } from '@gym-rewards/wix-emulator';
import { emulatorClient } from '@gym-rewards/wix-emulator/client';
import { createServer as createVite, type ViteDevServer } from 'vite';
import { BackendRuntime } from './runtime/backend.ts';
import { offlineFonts, platformClock, webMethodStubs, widgetReactDom } from './runtime/plugins.ts';
import { DEMO_GYM, seedDemoGym } from './seed.ts';
import { devsiteApp, devsiteServer } from './server/app.ts';
import { automationsPage } from './server/automations.ts';
import { devsiteApi } from './server/devsite-api.ts';
import { doorSystem } from './server/door.ts';
import { endpoints } from './server/endpoints.ts';
import { outboxPage } from './server/outbox.ts';
import { pageShells } from './server/pages.ts';
import { connectPlatform } from './server/platform.ts';
import { webMethods } from './server/web-methods.ts';
import { webhooks } from './server/webhooks.ts';
import { wixApiProxy } from './server/wix-proxy.ts';

const here = dirname(fileURLToPath(import.meta.url));
const devsiteDir = resolve(here, '..');
const repoDir = resolve(devsiteDir, '../..');
const appDir = resolve(repoDir, 'apps/gym-rewards');
const APP_ID = (JSON.parse(readFileSync(join(appDir, 'wix.config.json'), 'utf8')) as { appId: string }).appId;

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
  /**
   * Runs the platform in strict mode (wix-emulator README, "Strict mode"): every reading Wix leaves open resolved against
   * the app. `true` with the platform's defaults, or its tunables (the tests shorten Wix's jobs, and lift the per-minute
   * call budget: they live months in seconds).
   */
  strict?: boolean | Partial<StrictTunables>;
  log?: (line: string) => void;
}

export interface Devsite {
  url: string;
  emulatorUrl: string;
  close(): Promise<void>;
}

/** The Vite server of the pages' modules, in middleware mode, its HMR on the devsite's own HTTP server. */
async function pagesVite(http: import('node:http').Server): Promise<ViteDevServer> {
  const vite: ViteDevServer = await createVite({
    configFile: false,
    root: devsiteDir,
    publicDir: join(devsiteDir, 'src/public'),
    appType: 'custom',
    logLevel: 'warn',
    clearScreen: false,
    server: { middlewareMode: true, hmr: { server: http }, fs: { allow: [repoDir] } },
    plugins: [
      platformClock(appDir, join(devsiteDir, 'src/runtime/wix-clock.ts')),
      webMethodStubs(appDir, () => vite),
      offlineFonts(),
      widgetReactDom(join(appDir, 'src/site'), join(devsiteDir, 'src/runtime/widget-react-dom.ts')),
    ],
    // Some of the dashboard's packages expect Node's `global`, as the Wix CLI's own build provides.
    define: { global: 'globalThis' },
    ssr: { noExternal: ['@wix/web-methods'] },
    optimizeDeps: { entries: ['src/client/dashboard.tsx', 'src/client/site.tsx', 'src/client/panel.tsx'] },
    oxc: { jsx: { runtime: 'automatic' } },
  } as never);
  return vite;
}

/**
 * Runs Gym Rewards on this machine: the local Wix platform on its database, the demo gym (seeded once), the app
 * registered for webhooks, its backend run as Wix runs it, and one local URL serving the dashboard and the live site.
 * The routes are the modules of `src/server/`.
 */
export async function startDevsite(options: DevsiteOptions = {}): Promise<Devsite> {
  const log = options.log ?? ((line: string) => console.log(line));
  const emulator = await startEmulator({
    port: 0,
    database: options.database ?? join(repoDir, '.data/wix-emulator'),
    log: (line) => log(`  wix ${line}`),
    ...(options.strict ? { strict: true } : {}),
    ...(typeof options.strict === 'object' ? { tunables: options.strict } : {}),
  });
  const platform = await connectPlatform(emulator.url, APP_ID, options.clock);

  // The server answers 503 until its routes are ready; it listens this early because the platform needs its URL.
  const http = devsiteServer();
  const vite = await pagesVite(http.server);
  const url = await http.listen(options.port ?? 4000);

  const { publicKey } = await platform.admin<{ publicKey: string }>('/_emulator/v1/apps', {
    appId: APP_ID,
    webhookUrl: `${url}/_wix/webhooks`,
  });
  const backend = new BackendRuntime({
    appDir,
    appId: APP_ID,
    appToken: platform.appToken,
    publicKey,
    emulatorUrl: emulator.url,
    vite,
    log,
  });
  // The app's plans on the premium platform, as `npm run catalog:setup` makes them (a rerun changes nothing).
  const appClient = emulatorClient(emulator.url, platform.appToken);
  const appRest = { fetchWithAuth: (u: string, init: RequestInit) => appClient.fetchWithAuth(u, init) };
  await setUpPlanCatalog(appRest, PLAN_CATALOG);
  const events = await backend.loadEvents();
  log(`app ${APP_ID} registered; event handlers: ${events.join(', ') || 'none'}`);

  const door = doorSystem({ platform, backend, url, log });
  const sweepEvery = options.sweepEveryMs ?? 60_000;
  const timer = sweepEvery > 0 ? setInterval(() => door.sweep().catch((e) => log(String(e))), sweepEvery) : undefined;

  http.serve(
    devsiteApp({
      routes: [
        wixApiProxy(emulator.url),
        webhooks(backend, log),
        webMethods(backend),
        endpoints(backend),
        devsiteApi({ platform, door, log }),
        pageShells({ appDir, platform, backend, vite }),
        outboxPage(platform),
        automationsPage(platform),
      ],
      vite,
      log,
    }),
  );

  // Seeding last: its events reach the app through the server, which answers from here on.
  if (await seedDemoGym({ emulatorUrl: emulator.url, ownerToken: platform.ownerToken })) {
    log(
      `seeded the demo gym "${DEMO_GYM.name}": ${DEMO_GYM.products.length} products, ${DEMO_GYM.members.length} members`,
    );
  }

  return {
    url,
    emulatorUrl: emulator.url,
    async close() {
      if (timer) clearInterval(timer);
      await door.settled();
      await vite.close();
      await http.close();
      await emulator.close();
    },
  };
}
