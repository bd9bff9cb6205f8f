import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { ViteDevServer } from 'vite';
import { dashboardHtml, type PageLink, panelHtml, siteHtml } from '../html.ts';
import type { BackendRuntime } from '../runtime/backend.ts';
import { DEMO_GYM } from '../seed.ts';
import { refusal } from './errors.ts';
import type { Platform } from './platform.ts';
import { SITE_COOKIE, siteSession } from './session.ts';

const PAGE_ORDER = ['setup', 'members', 'payment-links', 'overview', 'plans'];

/** The app's dashboard pages (`src/dashboard/pages/*`), in the order the owner works through them. */
function dashboardPages(appDir: string): PageLink[] {
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
 * The page shells (`src/html.ts`), through Vite so that their modules load and reload: the dashboard as the site
 * owner, the live site as whoever its session is, and the editor's settings panel.
 */
export function pageShells(deps: { appDir: string; platform: Platform; backend: BackendRuntime; vite: ViteDevServer }) {
  const { appDir, platform, vite } = deps;
  const pages = new Hono();

  pages.get('/', (c) => c.redirect('/dashboard', 302));

  pages.get('/dashboard/:page{[a-z0-9-]+}?', async (c) => {
    const folder = c.req.param('page');
    const links = dashboardPages(appDir);
    const current = links.find((p) => p.folder === folder) ?? (folder ? undefined : links[0]);
    if (!current) throw refusal(404, 'NOT_FOUND', 'page', `the app has no dashboard page ${folder}`);
    const [now, people] = await Promise.all([platform.syncClock(), platform.people()]);
    const shell = dashboardHtml({
      gym: DEMO_GYM.name,
      pages: links,
      current,
      ownerToken: platform.ownerToken,
      now,
      people,
    });
    return c.html(await vite.transformIndexHtml(c.req.path, shell));
  });

  pages.get('/editor/panel', async (c) =>
    c.html(await vite.transformIndexHtml(c.req.path, panelHtml({ ownerToken: platform.ownerToken }))),
  );

  pages.get('/site', async (c) => {
    const session = await siteSession(c, deps);
    const everyone = await platform.people();
    const caller = session.caller;
    const member = caller?.subjectType === 'MEMBER' ? (everyone.find((p) => p.id === caller.subjectId) ?? null) : null;
    const shell = siteHtml({
      gym: DEMO_GYM.name,
      siteToken: session.token,
      member,
      people: everyone,
      now: await platform.syncClock(),
      // `?lang=de`: the site's language, which the widget reads as it reads a Wix page's.
      language: /^[a-z]{2}(-[a-z]{2})?$/i.test(c.req.query('lang') ?? '') ? c.req.query('lang') : undefined,
    });
    if (session.fresh) setCookie(c, SITE_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'Lax' });
    return c.html(await vite.transformIndexHtml(c.req.path, shell));
  });

  return pages;
}
