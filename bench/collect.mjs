/**
 * The last step of `npm run bench`: reads every `bench/results/*.json` the benchmarks wrote
 * (`{ figures: [{ name, value, unit, target, ok }] }`), prints one table of them all and writes `bench/results.json`.
 * Exits 1 when a figure misses its target (after writing), 2 when there are no results or a file is not in that shape.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, 'results');
let files = [];
try {
  files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
} catch {
  // No results directory: no benchmark ran.
}
if (files.length === 0) {
  console.error(`no results in ${dir}: run the benchmarks first (npm run bench)`);
  process.exit(2);
}

const figures = [];
for (const file of files) {
  const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  if (!Array.isArray(parsed?.figures)) {
    console.error(`${file}: no "figures" array`);
    process.exit(2);
  }
  for (const figure of parsed.figures) {
    const { name, value, unit, target, ok } = figure ?? {};
    if (typeof name !== 'string' || typeof value !== 'number' || typeof unit !== 'string') {
      console.error(`${file}: a figure needs a name, a numeric value and a unit: ${JSON.stringify(figure)}`);
      process.exit(2);
    }
    if (typeof target !== 'string' || typeof ok !== 'boolean') {
      console.error(`${file}: "${name}" needs a target (a string such as "<= 2") and ok (a boolean)`);
      process.exit(2);
    }
    figures.push({ name, value, unit, target, ok, source: file.replace(/\.json$/, '') });
  }
}

console.table(
  figures.map(({ name, value, unit, target, ok }) => ({ name, value, unit, target, ok: ok ? 'yes' : 'NO' })),
);
writeFileSync(join(here, 'results.json'), `${JSON.stringify({ figures }, null, 2)}\n`);
const missed = figures.filter((f) => !f.ok);
console.log(
  `${figures.length} figures from ${files.length} benchmark(s) in bench/results.json; ${
    missed.length === 0 ? 'every one meets its target' : `${missed.length} miss their target`
  }`,
);
process.exit(missed.length === 0 ? 0 : 1);
