import { Box, FormField, ToggleSwitch } from '@wix/design-system';
import React from 'react';
import { errorAt } from '../../shared/feedback';
import { infoSuffix, NumberField, status, TextField } from '../../shared/fields';
import { tokenNameOf } from '../form';
import { fieldOf, type StepProps } from './step';

export function TokensStep(props: StepProps) {
  const { form, error, update } = props;
  const rolloverError = errorAt(error, 'rollover.enabled') ?? (error?.field === 'rollover' ? error.message : undefined);
  return (
    <Box direction="vertical" gap="SP4" maxWidth="560px">
      <TextField
        {...fieldOf(props, 'tokenName')}
        label="Token name"
        info="What members collect, as they see it (at most 32 characters)."
        placeholder="Tokens"
        maxLength={32}
      />
      <NumberField
        {...fieldOf(props, 'initialTokens')}
        label="Welcome and monthly tokens"
        info={`${tokenNameOf(form)} members get when they join (welcome tokens) and again at the start of every month (monthly tokens), on top of one per visit.`}
        min={0}
        max={10000}
      />
      <FormField
        label="Unused tokens roll over"
        labelPlacement="right"
        stretchContent={false}
        {...infoSuffix(
          'Unused tokens roll over',
          'At each monthly renewal, members keep what they did not spend (up to the cap).',
        )}
        {...status(rolloverError)}
      >
        <ToggleSwitch
          dataHook="setup-rollover"
          checked={form.rolloverEnabled}
          onChange={(event) => update({ rolloverEnabled: event.target.checked }, 'rollover')}
        />
      </FormField>
      {form.rolloverEnabled ? (
        <NumberField
          {...fieldOf(props, 'rolloverCap', 'rollover.cap')}
          label="Rollover cap"
          info="At most this many tokens carry over. Leave it empty for no cap."
          placeholder="No cap"
          min={0}
          max={10000}
        />
      ) : null}
    </Box>
  );
}
