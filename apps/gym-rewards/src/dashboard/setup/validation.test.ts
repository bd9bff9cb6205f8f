import { describe, expect, it } from 'vitest';
import { inOwnersWords } from '../shared/fields';
import { emptyForm, newTier, type ProgramForm } from './form';
import { problemsByStep, stepTowards } from './validation';

const filled = (patch: Partial<ProgramForm> = {}): ProgramForm => ({
  ...emptyForm(),
  programName: 'Iron Harbor Rewards',
  tiers: [{ ...newTier(5), productIds: ['towel'] }],
  ...patch,
});

describe('the setup wizard checks each step on Next, by the rules the backend parses with', () => {
  it('an empty program name keeps the owner on the first step, the field named in their words', () => {
    const form = filled({ programName: '   ' });
    const next = stepTowards(form, 0, 1);
    expect(next).toEqual({ step: 0, problem: { field: 'programName', message: 'is required' } });
    expect(inOwnersWords('Program name', next.problem!.message)).toBe('Program name is required');
    // The first step is not complete: no tick for it.
    expect(problemsByStep(form)[0]).not.toBeNull();
  });

  it('a filled step lets the owner on; an emptied number on a later step stops a jump past it there', () => {
    expect(stepTowards(filled(), 0, 1)).toEqual({ step: 1, problem: null });
    const form = filled({ initialTokens: null });
    expect(stepTowards(form, 0, 3)).toEqual({
      step: 1,
      problem: { field: 'initialTokens', message: 'Enter a number' },
    });
    // A reason that is a sentence of its own stays as it is.
    expect(inOwnersWords('Tokens each month', 'Enter a number')).toBe('Enter a number');
    expect(inOwnersWords('Membership length (months)', 'must be at least 1')).toBe(
      'Membership length must be at least 1',
    );
  });

  it('a product in two tiers stops Next on the tiers step at the second one; going back is never stopped', () => {
    const form = filled({
      tiers: [
        { ...newTier(5), productIds: ['towel'] },
        { ...newTier(9), productIds: ['towel'] },
      ],
    });
    expect(stepTowards(form, 2, 3).problem).toEqual({
      field: 'tiers.1.productIds.0',
      message: 'product towel is already in tier 1',
    });
    expect(stepTowards(form, 2, 0)).toEqual({ step: 0, problem: null });
  });

  it('a rollover cap out of range is the tokens step’s problem', () => {
    const problems = problemsByStep(filled({ rolloverEnabled: true, rolloverCap: -1 }));
    expect(problems.map((p) => p?.field ?? null)).toEqual([null, 'rollover.cap', null, null]);
  });
});
