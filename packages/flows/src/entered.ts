import { z } from 'zod';

/**
 * Fields a person fills in (the setup form, an adjustment), worded for them where the field is left empty: the refusal
 * reaches the page as it is, next to the field. Other wrong types keep zod's wording; each check gives its own.
 */
const isEmpty = (input: unknown) => input === null || input === undefined || Number.isNaN(input);

/** A number typed in a field: empty (null, undefined, NaN) reads "Enter a number". */
export const enteredNumber = () =>
  z.number({ error: (issue) => (isEmpty(issue.input) ? 'Enter a number' : undefined) });

/** Text typed in a field: empty (null, undefined) reads "This is required". */
export const enteredText = () =>
  z.string({ error: (issue) => (isEmpty(issue.input) ? 'This is required' : undefined) });
