import { describe, expect, it } from 'vitest';
import { InvalidInput, parseInput } from './errors.ts';
import { programChoices } from './program.ts';

const refusal = (input: unknown) => {
  try {
    parseInput(programChoices, input);
  } catch (error) {
    if (error instanceof InvalidInput) return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error('accepted');
};

describe('a field the owner left empty', () => {
  it('is refused in the owner’s words, next to the field', () => {
    expect(refusal({ programName: null, tiers: [{ price: 1, productIds: [] }] })).toEqual({
      field: 'programName',
      reason: 'This is required',
    });
    expect(refusal({ programName: 'Iron', tiers: [{ price: null, productIds: [] }] })).toEqual({
      field: 'tiers.0.price',
      reason: 'Enter a number',
    });
    expect(refusal({ programName: 'Iron', membershipMonths: null, tiers: [{ price: 1, productIds: [] }] })).toEqual({
      field: 'membershipMonths',
      reason: 'Enter a number',
    });
  });

  it('leaves other wrong types, and each check, to their own wording', () => {
    expect(refusal({ programName: 5, tiers: [{ price: 1, productIds: [] }] }).reason).toMatch(/expected string/);
    expect(refusal({ programName: 'Iron', visitsPerDay: 1.5, tiers: [{ price: 1, productIds: [] }] })).toEqual({
      field: 'visitsPerDay',
      reason: 'must be a whole number',
    });
  });
});
