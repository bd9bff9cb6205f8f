import { InvalidInput, SetupPrecondition } from '@gym-rewards/flows';
import type { Refusal } from '../shared/refusal';

/** Runs a web method's work, turning the flows' refusals into a Refusal the page can show next to the field. */
export async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidInput) {
      throw { code: 'INVALID_INPUT', field: error.field, message: error.reason } satisfies Refusal;
    }
    if (error instanceof SetupPrecondition) {
      throw { code: 'PRECONDITION', message: error.message } satisfies Refusal;
    }
    throw error;
  }
}
