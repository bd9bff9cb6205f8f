import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono, type MiddlewareHandler } from 'hono';
import type { ViteDevServer } from 'vite';
import { wixErrorBody } from '../../../gym-rewards/src/backend/wix-error.ts';
import { onError, refusal } from './errors.ts';

type Env = { Bindings: HttpBindings };

/** One log line per request; the pages' module loads stay quiet. */
const requestLog =
  (log: (line: string) => void): MiddlewareHandler<Env> =>
  async (c, next) => {
    const started = performance.now();
    const { incoming, outgoing } = c.env;
    outgoing.once('finish', () => {
      const path = (incoming.url ?? '').split('?')[0] ?? '';
      if (/^\/(@|node_modules|src\/)/.test(path)) return;
      log(`${incoming.method} ${path} ${outgoing.statusCode} ${Math.round(performance.now() - started)}ms`);
    });
    await next();
  };

/**
 * The devsite's routes in one Hono app: `routes` are the modules of `src/server/*`, tried in order; what none of them
 * answers goes to Vite's middlewares (the pages' modules and assets, and its HMR client), and what Vite does not
 * serve either is a 404 naming the path.
 */
export function devsiteApp(options: { routes: Hono<any>[]; vite: ViteDevServer; log: (line: string) => void }) {
  const app = new Hono<Env>({ strict: false });
  app.use(requestLog(options.log));
  for (const routes of options.routes) app.route('/', routes);
  app.notFound(
    (c) =>
      new Promise<Response>((resolve, reject) => {
        const { incoming, outgoing } = c.env;
        const sent = () => resolve(RESPONSE_ALREADY_SENT);
        outgoing.once('finish', sent).once('close', sent);
        options.vite.middlewares(incoming, outgoing, (error?: unknown) => {
          outgoing.off('finish', sent).off('close', sent);
          if (error) return reject(error);
          resolve(refusal(404, 'NOT_FOUND', 'path', `no route ${c.req.method} ${c.req.path}`).response());
        });
      }),
  );
  app.onError(onError(options.log));
  return app;
}

/**
 * The devsite's HTTP server. It listens before the app is ready (the platform must know the devsite's URL to send it
 * webhooks), and answers `503 DEVSITE_STARTING` until `serve` gives it the app: no request waits unanswered.
 */
export function devsiteServer() {
  let listener: RequestListener | undefined;
  const server: Server = createServer((req, res) => {
    if (listener) return listener(req, res);
    const body = wixErrorBody('DEVSITE_STARTING', 'request', 'the devsite is starting; try again in a moment');
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify(body));
  });
  return {
    server,
    /** Listens on 127.0.0.1 (`port` 0 picks a free one); answers the devsite's origin. */
    listen: (port: number) =>
      new Promise<string>((ready, fail) => {
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => ready(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      }),
    serve(app: Hono<Env>) {
      listener = getRequestListener(app.fetch) as RequestListener;
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
