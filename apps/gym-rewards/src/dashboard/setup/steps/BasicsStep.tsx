import { Box } from '@wix/design-system';
import React from 'react';
import { NumberField, TextField } from '../../shared/fields';
import { fieldOf, type StepProps } from './step';

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
      <NumberField
        {...fieldOf(props, 'membershipMonths')}
        label="Membership length (months)"
        info="A member's program ends this many months after they join."
        min={1}
        max={120}
      />
      <NumberField
        {...fieldOf(props, 'visitsPerDay')}
        label="Visits counted per day"
        info="Each visit earns one token; more visits on the same day than this earn nothing."
        min={1}
        max={24}
      />
    </Box>
  );
}
