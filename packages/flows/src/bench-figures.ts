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
      const merged = [...kept.filter((k) => !figures.some((f) => f.name === k.name)), ...figures];
      writeFileSync(out, `${JSON.stringify({ figures: merged }, null, 2)}\n`);
      console.log(`wrote ${out}`);
    },
  };
}
