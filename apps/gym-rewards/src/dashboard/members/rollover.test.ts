import { describe, expect, it } from 'vitest';
import { monthsLeftText } from './cache';
import { rolloverWarning } from './rollover';

describe('an adjustment above the rollover cap', () => {
  it('warns what would expire at the next renewal', () => {
    expect(rolloverWarning(2, 5, { enabled: true, cap: 3 })).toBe(
      'The balance would be 7, above the rollover cap of 3: 4 tokens expire at the next monthly renewal unless spent.',
    );
    expect(rolloverWarning(0, 4, { enabled: false, cap: null })).toBe(
      'Unused tokens expire at each monthly renewal: 4 tokens of the 4 expire unless spent before it.',
    );
  });

  it('says nothing within the cap, with no cap, or when taking tokens away', () => {
    expect(rolloverWarning(1, 2, { enabled: true, cap: 3 })).toBeNull();
    expect(rolloverWarning(10, 50, { enabled: true, cap: null })).toBeNull();
    expect(rolloverWarning(10, -5, { enabled: true, cap: 3 })).toBeNull();
    expect(rolloverWarning(10, null, { enabled: true, cap: 3 })).toBeNull();
  });
});

describe('months left, as it is', () => {
  it('says "Under a month" in the last month and "Ended" once over, with the date', () => {
    const endsAt = '2027-03-10T10:00:00.000Z';
    expect(monthsLeftText({ status: 'ACTIVE', monthsLeft: 0, endsAt }).text).toBe('Under a month');
    expect(monthsLeftText({ status: 'ACTIVE', monthsLeft: 11, endsAt }).text).toBe('11');
    expect(monthsLeftText({ status: 'ENDED', monthsLeft: 0, endsAt }).text).toBe('Ended');
    expect(monthsLeftText({ status: 'ACTIVE', monthsLeft: 11, endsAt }).ends).toMatch(/^ends .*2027/);
  });
});
