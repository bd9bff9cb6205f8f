import React from 'react';
import { countOf } from '../../shared/words';
import type { MonthFigures } from '../shared/api';
import { formatsIn } from '../shared/format';
import type { OverviewWords } from './words';

export const ISSUED_COLOR = '#116dff';
export const REDEEMED_COLOR = '#f2668b';

const WIDTH = 720;
const HEIGHT = 280;
const MARGIN = { top: 24, right: 16, bottom: 36, left: 48 };

/** A round step for the value axis: 1, 2 or 5 times a power of ten, about four gridlines to the top. */
function niceMax(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 4, step: 1 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  return { top: Math.ceil(max / step) * step, step };
}

/**
 * Tokens issued and redeemed per month as grouped bars: plain SVG, scaled to its container. Each bar carries a
 * data-hook (`chart-bar-issued-<YYYY-MM>`, `chart-bar-redeemed-<YYYY-MM>`) and its value in `data-value`.
 */
export function BarChart({
  figures,
  locale,
  words,
}: {
  figures: MonthFigures[];
  locale: string;
  words: OverviewWords;
}) {
  const format = formatsIn(locale);
  const max = Math.max(0, ...figures.flatMap((f) => [f.tokensIssued, f.tokensRedeemed]));
  const { top, step } = niceMax(max);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotWidth / Math.max(1, figures.length);
  const barWidth = Math.min(28, (band * 0.7) / 2);
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);

  const bar = (kind: 'issued' | 'redeemed', figure: MonthFigures, x: number) => {
    const value = kind === 'issued' ? figure.tokensIssued : figure.tokensRedeemed;
    const height = Math.max(0, y(0) - y(value));
    const tokens = countOf(value, locale, { one: words.tokenOne, other: words.tokenOther });
    const label = words.bar(format.month(figure.month), tokens, kind);
    return (
      <g key={kind}>
        <rect
          data-hook={`chart-bar-${kind}-${figure.month}`}
          data-value={value}
          x={x}
          y={y(value)}
          width={barWidth}
          height={Math.max(height, value > 0 ? 1 : 0)}
          rx={3}
          fill={kind === 'issued' ? ISSUED_COLOR : REDEEMED_COLOR}
        >
          <title>{label}</title>
        </rect>
        {value > 0 ? (
          <text x={x + barWidth / 2} y={y(value) - 6} textAnchor="middle" fontSize={11} fill="#32536a">
            {format.number(value)}
          </text>
        ) : null}
      </g>
    );
  };

  return (
    <svg
      data-hook="overview-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-labelledby="overview-chart-title"
      style={{ display: 'block' }}
    >
      <title id="overview-chart-title">{`${words.perMonth}: ${words.perMonthHint}`}</title>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#e3e8ef" />
          <text x={MARGIN.left - 8} y={y(tick) + 4} textAnchor="end" fontSize={11} fill="#7a8699">
            {format.number(tick)}
          </text>
        </g>
      ))}
      {figures.map((figure, i) => {
        const center = MARGIN.left + band * i + band / 2;
        return (
          <g key={figure.month} data-hook={`chart-month-${figure.month}`}>
            {bar('issued', figure, center - barWidth - 2)}
            {bar('redeemed', figure, center + 2)}
            <text x={center} y={HEIGHT - MARGIN.bottom + 20} textAnchor="middle" fontSize={12} fill="#32536a">
              {format.month(figure.month, 'short')}
            </text>
          </g>
        );
      })}
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} stroke="#a8b5c4" />
    </svg>
  );
}
