import type { ZodError } from 'zod';
import { unstorableString } from './inputs.ts';

/** Input a flow refuses: names the field and the reason, and nothing has changed. */
export class InvalidInput extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidInput';
  }

  static from(error: ZodError): InvalidInput {
    const issue = error.issues[0];
    return new InvalidInput(issue?.path.map(String).join('.') || '(input)', issue?.message ?? 'is invalid');
  }
}

/** Parses input with a schema, turning a failure (or a string Wix cannot store) into InvalidInput. */
export function parseInput<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  input: unknown,
): T {
  // What Wix cannot store (a NUL, a lone surrogate) is refused whatever the schema, before any Wix call.
  const unstorable = unstorableString(input);
  if (unstorable) throw new InvalidInput(unstorable.field || '(input)', unstorable.reason);
  const result = schema.safeParse(input);
  if (!result.success) throw InvalidInput.from(result.error);
  return result.data;
}

/**
 * Wix refused what the owner asked, for a reason the owner can act on (the site is not published, a recipient is gone):
 * `code` is Wix's, the message says what to do. Nothing has changed.
 */
export class Refused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Refused';
  }
}
