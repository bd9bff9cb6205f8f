// `npm run bench` for the app: what a live site and the dashboard download, from `wix app build`'s output, as figures
// for `bench/results/bundles.json` (`bench/collect.mjs` prints them beside the others).
//
// The widget's figure starts where Wix starts: the script the app manifest names for the custom element, and every
// file it imports (its element module and chunks, statically or on demand, and any CSS they name). React is not in it:
// the CLI's wrapper loads React 16 from Wix's CDN when the page has none, so the worst case adds React 16's UMD
// builds, measured from the npm registry's react@16.14.0 and react-dom@16.14.0 (the files the CDN serves).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(app, 'dist/statics/browser/assets');
const files = new Set(readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css')));

/** A file and every asset it names: `./x.js` imports, the `browser/assets/x.js` of Vite's preload map, CSS by name. */
function closure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !files.has(file)) return;
    seen.add(file);
    if (file.endsWith('.css')) return;
    const code = readFileSync(join(assets, file), 'utf8');
    for (const [, dep] of code.matchAll(/["'](?:\.\/|browser\/assets\/)([^"'/]+\.(?:js|css))["']/g)) visit(dep);
  };
  visit(entry);
  return [...seen];
}

const gzipKB = (bytes) => +(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1);
const sizeOf = (list) => gzipKB(Buffer.concat(list.map((file) => readFileSync(join(assets, file)))));

/** The custom element's script, as the app manifest names it (`…/browser/assets/script-asset-<id>…js`). */
function widgetEntry() {
  const manifest = readFileSync(join(app, 'dist/devcenter/app-manifest.json'), 'utf8');
  const scripts = [...manifest.matchAll(/browser\/assets\/(script-asset-[^"]+\.js)/g)].map((m) => m[1]);
  const widget = scripts.find((s) => closure(s).some((f) => f.startsWith('element.')));
  if (!widget) throw new Error('the app manifest names no custom element script: run wix app build first');
  return widget;
}

/** React 16 as Wix's CDN serves it (`unpkg/react@16.14.0/umd/…production.min.js`), from the npm registry, cached. */
function react16KB() {
  const cache = join(app, 'node_modules/.cache/react-16');
  mkdirSync(cache, { recursive: true });
  const umd = [];
  for (const [pkg, file] of [
    ['react', 'react.production.min.js'],
    ['react-dom', 'react-dom.production.min.js'],
  ]) {
    const dir = join(cache, pkg);
    if (!existsSync(join(dir, 'package/umd', file))) {
      mkdirSync(dir, { recursive: true });
      const tarball = execFileSync('npm', ['pack', `${pkg}@16.14.0`, '--silent', '--pack-destination', dir], {
        encoding: 'utf8',
      }).trim();
      execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
    }
    umd.push(readFileSync(join(dir, 'package/umd', file)));
  }
  return umd.map(gzipKB).reduce((a, b) => a + b, 0);
}

const figure = (name, value, atMost, why) => ({
  name,
  value: +value.toFixed(1),
  unit: 'kB gzip',
  target: `<= ${atMost}`,
  ok: value <= atMost,
  why,
});

const widget = closure(widgetEntry());
const widgetKB = sizeOf(widget);
const react = react16KB();
const figures = [
  figure('widget: JS+CSS from the manifest entry', widgetKB, 15, `${widget.length} files`),
  figure(
    "widget with React 16 from Wix's CDN (a page without React)",
    widgetKB + react,
    25,
    `React 16 UMD ${react.toFixed(1)} kB, loaded by the Wix CLI's element wrapper whenever window.React is absent`,
  ),
];
// The dashboard pages: each page's entry and its chunks; the design system's CSS once (every page loads it).
const pagesDir = join(app, 'src/dashboard/pages');
for (const folder of readdirSync(pagesDir).sort()) {
  const { id } = JSON.parse(readFileSync(join(pagesDir, folder, 'page.json'), 'utf8'));
  const entry = [...files].find((f) => f.startsWith(`html-asset-${id}.`) && f.endsWith('.js'));
  if (!entry) throw new Error(`no bundle for the dashboard page ${folder}: run wix app build first`);
  const js = closure(entry).filter((f) => f.endsWith('.js'));
  figures.push(figure(`dashboard page ${folder}: JS`, sizeOf(js), 250, `${js.length} files`));
}
const css = [...files].filter((f) => f.endsWith('.css'));
figures.push(figure('dashboard CSS (the design system)', sizeOf(css), 150, `${css.length} files`));

console.table(Object.fromEntries(figures.map(({ name, ...rest }) => [name, rest])));
const out = join(app, '../../bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'bundles.json'), `${JSON.stringify({ figures }, null, 2)}\n`);
