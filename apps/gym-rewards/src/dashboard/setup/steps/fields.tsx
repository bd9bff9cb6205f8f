import { FormField, Input, NumberInput } from '@wix/design-system';
import React from 'react';
import type { FieldError } from '../../shared/feedback';
import type { ProgramForm } from '../form';

/** What every step of the setup takes. */
export interface StepProps {
  form: ProgramForm;
  error: FieldError | null;
  /** Changes the form; `paths` are the fields changed (their refusal, if any, goes away). */
  update: (patch: Partial<ProgramForm>, ...paths: string[]) => void;
}

/** Props of a field: an error next to it when the backend refused it. */
export const status = (message: string | undefined) =>
  message ? ({ status: 'error', statusMessage: message } as const) : ({} as const);

/** A labelled field of the setup: `error` is the backend's refusal of it, shown next to it. */
interface FieldProps {
  label: string;
  dataHook: string;
  error: string | undefined;
  info?: string;
  required?: boolean;
  placeholder?: string;
  size?: 'small';
}

export function TextField({
  value,
  maxLength,
  onChange,
  ...field
}: FieldProps & { value: string; maxLength: number; onChange: (value: string) => void }) {
  return (
    <FormField label={field.label} required={field.required} infoContent={field.info} {...status(field.error)}>
      <Input
        dataHook={field.dataHook}
        size={field.size}
        placeholder={field.placeholder}
        value={value}
        maxLength={maxLength}
        onChange={(event) => onChange(event.target.value)}
        {...status(field.error)}
      />
    </FormField>
  );
}

/** A number field: emptied, it holds `null` (the backend refuses it next to the field). */
export function NumberField({
  value,
  min,
  max,
  suffix,
  onChange,
  ...field
}: FieldProps & {
  value: number | null;
  min: number;
  max: number;
  suffix?: React.ReactNode;
  onChange: (value: number | null) => void;
}) {
  return (
    <FormField label={field.label} required={field.required} infoContent={field.info} {...status(field.error)}>
      <NumberInput
        dataHook={field.dataHook}
        size={field.size}
        placeholder={field.placeholder}
        value={value === null ? '' : value}
        min={min}
        max={max}
        suffix={suffix}
        onChange={onChange}
        {...status(field.error)}
      />
    </FormField>
  );
}
