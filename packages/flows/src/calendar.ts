import { DateTime } from 'luxon';

/**
 * Calendar arithmetic in the site's time zone: the flows renew at the end of each calendar month there and end a
 * membership after whole months, whatever the server's own zone.
 */

interface MonthEnd {
  /** The month that ended, `YYYY-MM`. */
  month: string;
  /** The instant it ended: the first instant of the next month in the zone. */
  at: Date;
}

function zoned(at: Date, zone: string): DateTime {
  const dt = DateTime.fromJSDate(at, { zone });
  if (!dt.isValid) throw new Error(`"${zone}" is not a time zone`);
  return dt;
}

/** The ends of calendar months after `from`, up to and including `until`. */
export function monthEndsBetween(from: Date, until: Date, zone: string): MonthEnd[] {
  const ends: MonthEnd[] = [];
  let month = zoned(from, zone).startOf('month');
  for (;;) {
    const end = month.plus({ months: 1 });
    if (end.toMillis() > until.getTime()) return ends;
    if (end.toMillis() > from.getTime()) ends.push({ month: month.toFormat('yyyy-MM'), at: end.toJSDate() });
    month = end;
  }
}

/** `months` calendar months after `from`, at the same local time (the last day of a shorter month when needed). */
export function addMonths(from: Date, months: number, zone: string): Date {
  return zoned(from, zone).plus({ months }).toJSDate();
}

/** One `Intl` formatter of `YYYY-MM-DD` (Canada's English writes dates so) per zone: a visit asks for its day. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day of `at` in the zone, `YYYY-MM-DD`: what a visit's daily limit counts by. Read with a kept `Intl`
 * formatter, a fraction of what Luxon's zoned arithmetic costs (about 0.2 ms of a check-in's CPU in the flows);
 * Luxon still answers for years `Intl` does not write in four digits.
 */
export function dayOf(at: Date, zone: string): string {
  let format = dayFormats.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      throw new Error(`"${zone}" is not a time zone`);
    }
    dayFormats.set(zone, format);
  }
  const day = format.format(at);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : zoned(at, zone).toFormat('yyyy-MM-dd');
}

/** Whole months from `from` to `to` (0 when `to` is not after `from`). */
export function monthsBetween(from: Date, to: Date, zone: string): number {
  return Math.max(0, Math.floor(zoned(to, zone).diff(zoned(from, zone), 'months').months));
}

/** The instants a calendar month (`YYYY-MM`) starts and ends in the zone. */
export function monthBounds(month: string, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone });
  if (!start.isValid) throw new Error(`"${month}" is not a month in ${zone}`);
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

/** The last `count` calendar months in the zone (`YYYY-MM`), oldest first, ending with the month of `now`. */
export function recentMonths(now: Date, count: number, zone: string): string[] {
  const current = zoned(now, zone).startOf('month');
  return Array.from({ length: count }, (_, i) => current.minus({ months: count - 1 - i }).toFormat('yyyy-MM'));
}
