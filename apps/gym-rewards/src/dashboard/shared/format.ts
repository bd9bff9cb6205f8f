/** Formatting shared by the dashboard pages: numbers, dates (which arrive as ISO strings), months and tokens. */

const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimes = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const shortDateTimes = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const months = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortMonths = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });

export const formatNumber = (value: number | string | null | undefined) => {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? numbers.format(n) : String(value);
};

/** A signed amount: `+3`, `−2`. */
export const formatSigned = (value: number) =>
  `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatNumber(Math.abs(value))}`;

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const formatDate = (value: string | Date | null | undefined) => {
  const date = toDate(value);
  return date ? dates.format(date) : '—';
};

export const formatDateTime = (value: string | Date | null | undefined) => {
  const date = toDate(value);
  return date ? dateTimes.format(date) : '—';
};

/** `2025-03` → `Mar 2025` (`short`: `Mar`). */
export function formatMonth(month: string, style: 'long' | 'short' = 'long'): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  const date = new Date(Date.UTC(year, m - 1, 1));
  return (style === 'short' ? shortMonths : months).format(date);
}

/** `1 token`, `5 tokens`: with the program's token name when known. */
export function formatTokens(amount: number | string, tokenName = 'tokens'): string {
  const n = Number(amount);
  const name = Math.abs(n) === 1 && tokenName.toLowerCase().endsWith('s') ? tokenName.slice(0, -1) : tokenName;
  return `${formatNumber(n)} ${name}`;
}

/** `1 item`, `3 items`. */
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${formatNumber(count)} ${count === 1 ? one : many}`;

/** `Nov 22, 3:08 PM`: for lists where the year goes without saying. */
export const formatShortDateTime = (value: string | Date | null | undefined) => {
  const date = toDate(value);
  return date ? shortDateTimes.format(date) : '—';
};

/** Numbers and months as `locale` writes them (`1.234`, `Nov. 2026`): for pages that speak the dashboard's locale. */
export function formatsIn(locale: string) {
  const numbersIn = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const monthsIn = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const shortMonthsIn = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  return {
    number: (value: number) => numbersIn.format(value),
    month(month: string, style: 'long' | 'short' = 'long'): string {
      const [year, m] = month.split('-').map(Number);
      if (!year || !m) return month;
      return (style === 'short' ? shortMonthsIn : monthsIn).format(new Date(Date.UTC(year, m - 1, 1)));
    },
  };
}
