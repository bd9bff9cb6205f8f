import { describe, expect, it } from 'vitest';
import { type Figure, mergeFigures } from './bench-figures.ts';

const figure = (name: string, value: number): Figure => ({ name, value, unit: 'x', target: '>= 0', ok: true });

describe('mergeFigures', () => {
  it('keeps the figures not measured again and replaces those that were, whatever their parenthesis says', () => {
    const kept = [
      figure('ceiling: TPC-B-like transactions a second (embedded PostgreSQL)', 2000),
      figure('check-ins a second at concurrency 50 (2000 visits)', 250),
      figure('check-in latency p50', 180),
    ];
    const measured = [
      figure('check-ins a second at concurrency 50 (5000 visits)', 310),
      figure('check-in latency p50', 155),
    ];
    expect(mergeFigures(kept, measured)).toEqual([
      figure('ceiling: TPC-B-like transactions a second (embedded PostgreSQL)', 2000),
      figure('check-ins a second at concurrency 50 (5000 visits)', 310),
      figure('check-in latency p50', 155),
    ]);
  });

  it('answers what was measured when nothing was kept', () => {
    expect(mergeFigures([], [figure('a (1)', 1)])).toEqual([figure('a (1)', 1)]);
  });
});
