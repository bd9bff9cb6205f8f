import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayOf } from './calendar.ts';

/** Zones with daylight saving, offsets off the hour, both sides of the date line, and UTC. */
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/St_Johns',
];

describe('dayOf', () => {
  it("names the day Luxon's zoned calendar names, for any instant and zone (a fixed seed)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (at, zone) => {
          expect(dayOf(at, zone)).toBe(DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd'));
        },
      ),
      { seed: 20261201, numRuns: 2_000 },
    );
  });

  it('names the day at the instants around midnight and a change of daylight saving', () => {
    expect(dayOf(new Date('2026-03-29T00:59:59.999Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(dayOf(new Date('2026-03-28T22:59:59.999Z'), 'Europe/Berlin')).toBe('2026-03-28');
    expect(dayOf(new Date('2026-03-28T23:00:00.000Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(dayOf(new Date('2026-12-31T10:00:00.000Z'), 'Pacific/Kiritimati')).toBe('2027-01-01');
    expect(dayOf(new Date('0099-03-01T00:00:00.000Z'), 'UTC')).toBe('0099-03-01');
  });

  it('refuses a zone that is none', () => {
    expect(() => dayOf(new Date('2026-03-02T08:00:00.000Z'), 'Mars/Olympus')).toThrow(
      '"Mars/Olympus" is not a time zone',
    );
  });
});
