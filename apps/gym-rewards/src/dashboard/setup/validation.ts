import { programChoices } from '@gym-rewards/flows/choices';
import type { FieldError } from '../shared/feedback';
import { choicesOf, type ProgramForm, STEPS, stepOfField } from './form';

/** The steps that hold fields (all but the review). */
const FIELD_STEPS = STEPS.length - 1;

/**
 * What the backend would refuse in the form, step by step: the first refused field of each step with its reason, by
 * the very schema `setUpProgram` parses with (one set of rules, in `@gym-rewards/flows/choices`).
 */
export function problemsByStep(form: ProgramForm): Array<FieldError | null> {
  const problems: Array<FieldError | null> = Array.from({ length: STEPS.length }, () => null);
  const result = programChoices.safeParse(choicesOf(form));
  if (result.success) return problems;
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'programName';
    const step = stepOfField(field);
    problems[step] ??= { field, message: issue.message };
  }
  return problems;
}

/**
 * Where Next (or a click on a later step, or Save: `to` past the last field step) may go from `from`: the first step
 * on the way with a refused field, and that field; or `to` with no problem.
 */
export function stepTowards(form: ProgramForm, from: number, to: number): { step: number; problem: FieldError | null } {
  if (to <= from) return { step: to, problem: null };
  const problems = problemsByStep(form);
  for (let step = from; step < Math.min(to, FIELD_STEPS); step++) {
    const problem = problems[step];
    if (problem) return { step, problem };
  }
  return { step: Math.min(to, STEPS.length - 1), problem: null };
}
