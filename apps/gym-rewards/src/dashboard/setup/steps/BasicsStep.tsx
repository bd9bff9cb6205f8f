import { Box } from '@wix/design-system';
import React from 'react';
import { errorAt } from '../../shared/feedback';
import { NumberField, TextField } from '../../shared/fields';
import type { StepProps } from './step';

export function BasicsStep({ form, error, update }: StepProps) {
  return (
    <Box direction="vertical" gap="SP4" maxWidth="560px">
      <TextField
        label="Program name"
        required
        dataHook="setup-program-name"
        placeholder="e.g. Iron Club Rewards"
        value={form.programName}
        maxLength={64}
        error={errorAt(error, 'programName')}
        onChange={(programName) => update({ programName }, 'programName')}
      />
      <NumberField
        label="Membership length (months)"
        info="A member's program ends this many months after they join."
        dataHook="setup-membership-months"
        value={form.membershipMonths}
        min={1}
        max={120}
        error={errorAt(error, 'membershipMonths')}
        onChange={(membershipMonths) => update({ membershipMonths }, 'membershipMonths')}
      />
      <NumberField
        label="Visits counted per day"
        info="Each visit earns one token; more visits on the same day than this earn nothing."
        dataHook="setup-visits-per-day"
        value={form.visitsPerDay}
        min={1}
        max={24}
        error={errorAt(error, 'visitsPerDay')}
        onChange={(visitsPerDay) => update({ visitsPerDay }, 'visitsPerDay')}
      />
    </Box>
  );
}
