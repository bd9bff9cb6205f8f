/** The devsite's two page shells. The app's own components render inside them. */

export interface PageLink {
  folder: string;
  id: string;
  title: string;
}

export interface SitePerson {
  id: string;
  name: string;
  email: string | null;
  contactId: string | null;
  status: string | null;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe to put inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function devbar(now: string, people: SitePerson[]): string {
  return `<div class="devbar" data-hook="devbar">
  <span class="devbar-label">Devsite</span>
  <span class="devbar-clock">Wix time <b data-hook="devsite-now">${escapeHtml(now)}</b></span>
  <button type="button" data-hook="devsite-advance-day" data-advance="day">+1 day</button>
  <button type="button" data-hook="devsite-advance-month" data-advance="month">+1 month</button>
  <span class="devbar-sep"></span>
  <label>Door check-in <select data-hook="devsite-check-in-member">${people
    .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</option>`)
    .join('')}</select></label>
  <button type="button" data-hook="devsite-check-in">Check in</button>
  <span class="devbar-result" data-hook="devsite-result" role="status"></span>
  <span class="devbar-links"><a href="/dashboard">Dashboard</a> · <a href="/site">Live site</a> · <a href="/outbox" data-hook="devsite-outbox-link">Sent links</a> · <a href="/automations" data-hook="devsite-automations-link">Automations</a></span>
</div>`;
}

/**
 * The start of a devsite page, to its `</head>`: the title, the shell's styles and the page's config for the client; a
 * site page also carries its language as a Wix site page does (`window.commonConfig`).
 */
function documentHead(title: string, config: object, language = 'en', script = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:," />
<link rel="stylesheet" href="/src/client/shell.css" />
<script>window.__DEVSITE__ = ${scriptJson(config)};${script ? `\n${script}` : ''}</script>
</head>`;
}

export function dashboardHtml(input: {
  gym: string;
  pages: PageLink[];
  current: PageLink;
  ownerToken: string;
  now: string;
  people: SitePerson[];
}): string {
  const config = { surface: 'dashboard', token: input.ownerToken, page: input.current.folder, pages: input.pages };
  return `${documentHead(`${input.current.title} · Gym Rewards · ${input.gym} dashboard`, config)}
<body class="dashboard">
${devbar(input.now, input.people)}
<div class="dash">
  <header class="dash-top"><span class="dash-logo">WiX</span><span class="dash-site">${escapeHtml(input.gym)}</span><span class="dash-role">Site owner</span></header>
  <nav class="dash-side" aria-label="Apps">
    <div class="dash-side-app">Gym Rewards</div>
    ${input.pages
      .map(
        (p) =>
          `<a href="/dashboard/${escapeHtml(p.folder)}" data-hook="nav-${escapeHtml(p.folder)}"${p.folder === input.current.folder ? ' aria-current="page" class="active"' : ''}>${escapeHtml(p.title)}</a>`,
      )
      .join('\n    ')}
  </nav>
  <main class="dash-page" id="page" data-hook="dashboard-page"></main>
</div>
<div class="toasts" id="toasts" aria-live="polite"></div>
<script type="module" src="/src/client/dashboard.tsx"></script>
</body>
</html>`;
}

export function siteHtml(input: {
  gym: string;
  siteToken: string;
  member: SitePerson | null;
  people: SitePerson[];
  now: string;
  /** The language the page is rendered in (`?lang=de`), as a Wix site page carries it in \`window.commonConfig\`. */
  language?: string;
}): string {
  const config = { surface: 'site', token: input.siteToken, member: input.member };
  const language = input.language ?? 'en';
  const commonConfig = { language: language.split('-')[0], locale: language.toLowerCase() };
  return `${documentHead(input.gym, config, language, `window.commonConfig = ${scriptJson(commonConfig)};`)}
<body class="site">
${devbar(input.now, input.people)}
<header class="site-top">
  <span class="site-name">${escapeHtml(input.gym)}</span>
  <nav><a href="#">Classes</a><a href="#">Membership</a><a href="#" aria-current="page">Rewards</a></nav>
  <div class="site-session" data-hook="site-session">
    ${
      input.member
        ? `<span>Hi, <b data-hook="site-member-name">${escapeHtml(input.member.name)}</b></span> <button type="button" data-hook="site-logout">Log out</button>`
        : `<label>Log in as <select data-hook="site-login-member">${input.people
            .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</option>`)
            .join('')}</select></label> <button type="button" data-hook="site-login">Log in</button>`
    }
  </div>
</header>
<main class="site-main">
  <section class="site-hero"><h1>Train. Earn. Redeem.</h1><p>Every visit earns you a token. Spend them on gear and sessions at the front desk.</p></section>
  <section class="site-widget">
    <redeemable-benefits></redeemable-benefits>
  </section>
  ${
    input.member
      ? ''
      : `<section class="site-join" data-hook="site-join"><h2>New here? Join the gym</h2>
    <form data-hook="site-join-form"><input name="name" placeholder="Your name" required data-hook="site-join-name" />
    <input name="email" type="email" placeholder="Email" required data-hook="site-join-email" />
    <button type="submit" data-hook="site-join-submit">Sign up</button></form></section>`
  }
</main>
<script type="module" src="/src/client/site.tsx"></script>
</body>
</html>`;
}

/**
 * A widget's settings panel on its own, 300 px wide as in the editor, called as the site owner (the editor's caller):
 * the panel asks the owner's plan.
 */
export function panelHtml(input: { ownerToken: string }): string {
  const config = { surface: 'editor', token: input.ownerToken };
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8" /><title>Widget settings</title><link rel="icon" href="data:," />
<script>window.__DEVSITE__ = ${scriptJson(config)};</script></head>
<body style="margin:0;background:#e8ebef"><div id="panel" style="width:300px;height:100vh;background:#fff" data-hook="widget-panel"></div>
<script type="module" src="/src/client/panel.tsx"></script>
</body>
</html>`;
}
