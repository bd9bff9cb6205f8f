import type { FieldError } from '../../shared/feedback';
import type { ProgramForm } from '../form';

/** What every step of the setup takes. */
export interface StepProps {
  form: ProgramForm;
  error: FieldError | null;
  /** Changes the form; `paths` are the fields changed (their refusal, if any, goes away). */
  update: (patch: Partial<ProgramForm>, ...paths: string[]) => void;
}
