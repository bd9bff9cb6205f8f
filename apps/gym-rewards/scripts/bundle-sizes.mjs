// `npm run bench` for the app: what a live site and the dashboard download, from `wix app build`'s output.
// The widget's figure is its element module and every chunk it imports (React comes from Wix's CDN, not the bundle).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const assets = 'dist/statics/browser/assets';
const files = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));

function closure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(assets, file), 'utf8');
    for (const [, dep] of code.matchAll(/(?:import|from)\s*\(?\s*["']\.\/([^"']+\.js)["']/g)) visit(dep);
  };
  visit(entry);
  return [...seen];
}

function size(list) {
  let raw = 0;
  let gzip = 0;
  for (const file of list) {
    const bytes = readFileSync(join(assets, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: list.length, kB: +(raw / 1024).toFixed(1), gzipKB: +(gzip / 1024).toFixed(1) };
}

const element = files.find((f) => f.startsWith('element.') && f.endsWith('.js'));
if (!element) throw new Error(`no widget bundle in ${assets}: run wix app build first`);
const rows = { 'site widget redeemable-benefits (JS, all chunks)': size(closure(element)) };
const pagesDir = 'src/dashboard/pages';
for (const folder of readdirSync(pagesDir)) {
  const { id } = JSON.parse(readFileSync(join(pagesDir, folder, 'page.json'), 'utf8'));
  const entry = files.find((f) => f.startsWith(`html-asset-${id}.`) && f.endsWith('.js'));
  if (entry) rows[`dashboard page ${folder} (JS, all chunks)`] = size(closure(entry));
}
rows['dashboard CSS (design system)'] = size(files.filter((f) => f.endsWith('.css')));
console.table(rows);
