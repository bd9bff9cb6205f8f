import { FormField, InfoIcon, Input, NumberInput } from '@wix/design-system';
import React from 'react';
import { COMMON_PHRASES } from './components';
import { useWords } from './words';

/** Props of a field: an error next to it when the backend refused it. */
export const status = (message: string | undefined) =>
  message ? ({ status: 'error', statusMessage: message } as const) : ({} as const);

/**
 * A field's refusal in the owner's words: the flows' reasons name no field (`is required`, `must be at least 1`), so
 * next to the field they read with its label ("Program name is required"); a reason that is a sentence of its own
 * ("Enter a number") stays as it is.
 */
export function inOwnersWords(label: string, message: string): string {
  if (!/^[a-z]/.test(message)) return message;
  return `${label.replace(/\s*\(.*\)\s*$/, '')} ${message}`;
}

/** A labelled field of a form: `error` is the backend's refusal of it, shown next to it. */
interface FieldProps {
  label: string;
  dataHook: string;
  error: string | undefined;
  info?: string;
  required?: boolean;
  placeholder?: string;
  size?: 'small';
}

/**
 * A field's explanation: an info icon whose tooltip holds it, named for screen readers (the icon FormField's own
 * `infoContent` makes is a button with no name, which axe-core reports as a serious violation).
 */
export const infoSuffix = (label: string, info: string | undefined, about = (name: string) => `About ${name}`) =>
  info ? { suffix: <InfoIcon content={info} ariaLabel={about(label)} size="small" /> } : {};

const shownError = (field: FieldProps) => field.error && inOwnersWords(field.label, field.error);

function Labelled({ field, children }: { field: FieldProps; children: React.ReactNode }) {
  const words = useWords(COMMON_PHRASES);
  return (
    <FormField
      label={field.label}
      required={field.required}
      {...infoSuffix(field.label, field.info, words.about)}
      {...status(shownError(field))}
    >
      {children}
    </FormField>
  );
}

const inputProps = (field: FieldProps) => ({
  dataHook: field.dataHook,
  size: field.size,
  placeholder: field.placeholder,
  ...status(shownError(field)),
});

export function TextField({
  value,
  maxLength,
  onChange,
  onEnter,
  ...field
}: FieldProps & { value: string; maxLength?: number; onChange: (value: string) => void; onEnter?: () => void }) {
  return (
    <Labelled field={field}>
      <Input
        {...inputProps(field)}
        value={value}
        maxLength={maxLength}
        onChange={(event) => onChange(event.target.value)}
        onEnterPressed={onEnter}
      />
    </Labelled>
  );
}

/** A number field: emptied, it holds `null` (the backend refuses it next to the field). */
export function NumberField({
  value,
  onChange,
  min,
  max,
  suffix,
  ...field
}: FieldProps & {
  value: number | null;
  onChange: (value: number | null) => void;
  min?: number;
  max?: number;
  suffix?: React.ReactNode;
}) {
  return (
    <Labelled field={field}>
      <NumberInput
        {...inputProps(field)}
        value={value === null ? '' : value}
        min={min}
        max={max}
        suffix={suffix}
        onChange={onChange}
      />
    </Labelled>
  );
}
