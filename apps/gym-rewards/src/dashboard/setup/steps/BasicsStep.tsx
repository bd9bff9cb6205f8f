import { Box } from '@wix/design-system';
import React from 'react';
import { NumberField, TextField } from '../../shared/fields';
import { useWords } from '../../shared/words';
import { SETUP_PHRASES } from '../words';
import { fieldOf, type StepProps } from './step';

/** A rule of the program a member lives by: a count from 1 to `max`, explained by its children. */
function RuleField({
  name,
  label,
  max,
  children,
  ...props
}: StepProps & { name: 'membershipMonths' | 'visitsPerDay'; label: string; max: number; children: string }) {
  return <NumberField {...fieldOf(props, name)} label={label} info={children} min={1} max={max} />;
}

export function BasicsStep(props: StepProps) {
  const words = useWords(SETUP_PHRASES);
  return (
    <Box direction="vertical" gap="SP4" maxWidth="560px">
      <TextField
        {...fieldOf(props, 'programName')}
        label={words.programName}
        required
        placeholder={words.programNamePlaceholder}
        maxLength={64}
      />
      <RuleField {...props} name="membershipMonths" label={words.membershipMonths} max={120}>
        {words.membershipInfo}
      </RuleField>
      <RuleField {...props} name="visitsPerDay" label={words.visitsPerDay} max={24}>
        {words.visitsInfo}
      </RuleField>
    </Box>
  );
}
