import { errorAt, type FieldError } from '../../shared/feedback';
import type { ProgramForm } from '../form';

/** What every step of the setup takes. */
export interface StepProps {
  form: ProgramForm;
  error: FieldError | null;
  /** Changes the form; `paths` are the fields changed (their refusal, if any, goes away). */
  update: (patch: Partial<ProgramForm>, ...paths: string[]) => void;
}

/**
 * A field of the form bound to the step: its value, its refusal (at `path`, the field's name in the backend's terms)
 * and its changes, and its data hook `setup-<name in kebab case>`.
 */
export function fieldOf<K extends keyof ProgramForm>({ form, error, update }: StepProps, name: K, path: string = name) {
  return {
    dataHook: `setup-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    value: form[name],
    error: errorAt(error, path),
    onChange: (value: ProgramForm[K]) => update({ [name]: value }, path),
  };
}
