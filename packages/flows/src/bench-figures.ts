/**
 * The figures a benchmark reports (`{ name, value, unit, target, ok }`), printed as they come and written to
 * `bench/results/<name>.json` at the repository root, which `bench/collect.mjs` gathers into `bench/results.json`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** `<op> <bound>`: `>=`, `<=`, `<` or `=`. */
  target: string;
  ok: boolean;
}

/**
 * The figures kept from an earlier run with those measured now: a figure measured again replaces its last value, also
 * when the parenthesis that ends its name differs (a run of 5,000 visits replaces one of 2,000).
 */
export function mergeFigures(kept: Figure[], measured: Figure[]): Figure[] {
  const stem = (name: string) => name.replace(/ \(.*\)$/, '');
  const again = new Set(measured.map((f) => stem(f.name)));
  return [...kept.filter((k) => !again.has(stem(k.name))), ...measured];
}

export function benchFigures() {
  const figures: Figure[] = [];
  return {
    figures,
    /** Adds a figure, judged against its target, and prints it. */
    figure(name: string, value: number, unit: string, target: string) {
      const [op, bound] = target.split(' ') as [string, string];
      const limit = Number(bound);
      const ok =
        op === '>=' ? value >= limit : op === '<=' ? value <= limit : op === '<' ? value < limit : value === limit;
      figures.push({ name, value, unit, target, ok });
      console.log(`${ok ? 'ok  ' : 'MISS'} ${name}: ${value} ${unit} (target ${target})`);
    },
    /**
     * Writes `bench/results/<file>.json`; with `keepOthers` (a run of one part of a benchmark) the figures of the file
     * not measured this time are kept.
     */
    write(file: string, keepOthers = false) {
      const out = resolve(dirname(fileURLToPath(import.meta.url)), `../../../bench/results/${file}.json`);
      mkdirSync(dirname(out), { recursive: true });
      const kept: Figure[] =
        keepOthers && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { figures: Figure[] }).figures : [];
      const merged = mergeFigures(kept, figures);
      writeFileSync(out, `${JSON.stringify({ figures: merged }, null, 2)}\n`);
      console.log(`wrote ${out}`);
    },
  };
}
