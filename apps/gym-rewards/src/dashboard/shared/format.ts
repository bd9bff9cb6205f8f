/** Formatting shared by the dashboard pages: numbers, dates (which arrive as ISO strings), months and tokens. */

const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

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

/** `1 token`, `5 tokens`: with the program's token name when known. */
export function formatTokens(amount: number | string, tokenName = 'tokens'): string {
  const n = Number(amount);
  const name = Math.abs(n) === 1 && tokenName.toLowerCase().endsWith('s') ? tokenName.slice(0, -1) : tokenName;
  return `${formatNumber(n)} ${name}`;
}

/** `1 item`, `3 items`. */
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${formatNumber(count)} ${count === 1 ? one : many}`;

/** Numbers and months as `locale` writes them (`1.234`, `Nov. 2026`): for pages that speak the dashboard's locale. */
export function formatsIn(locale: string | undefined) {
  const numbersIn = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const monthsIn = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const shortMonthsIn = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const datesIn = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimesIn = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const shortDateTimesIn = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  const dated = (format: Intl.DateTimeFormat) => (value: string | Date | null | undefined) => {
    const date = toDate(value);
    return date ? format.format(date) : '—';
  };
  return {
    number: (value: number) => numbersIn.format(value),
    date: dated(datesIn),
    dateTime: dated(dateTimesIn),
    shortDateTime: dated(shortDateTimesIn),
    month(month: string, style: 'long' | 'short' = 'long'): string {
      const [year, m] = month.split('-').map(Number);
      if (!year || !m) return month;
      return (style === 'short' ? shortMonthsIn : monthsIn).format(new Date(Date.UTC(year, m - 1, 1)));
    },
  };
}

/** Dates and months as the browser's language writes them, for pages that do not speak the dashboard's locale yet. */
const browser = formatsIn(undefined);
export const formatDate = browser.date;
export const formatDateTime = browser.dateTime;
/** `Nov 22, 3:08 PM`: for lists where the year goes without saying. */
export const formatShortDateTime = browser.shortDateTime;
/** `2025-03` → `Mar 2025` (`short`: `Mar`). */
export const formatMonth = browser.month;
