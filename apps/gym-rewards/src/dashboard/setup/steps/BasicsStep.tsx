import { Box } from '@wix/design-system';
import React from 'react';
import { NumberField, TextField } from '../../shared/fields';
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
  return (
    <Box direction="vertical" gap="SP4" maxWidth="560px">
      <TextField
        {...fieldOf(props, 'programName')}
        label="Program name"
        required
        placeholder="e.g. Iron Club Rewards"
        maxLength={64}
      />
      <RuleField {...props} name="membershipMonths" label="Membership length (months)" max={120}>
        A member's program ends this many months after they join.
      </RuleField>
      <RuleField {...props} name="visitsPerDay" label="Visits counted per day" max={24}>
        Each visit earns one token; more visits on the same day than this earn nothing.
      </RuleField>
    </Box>
  );
}
