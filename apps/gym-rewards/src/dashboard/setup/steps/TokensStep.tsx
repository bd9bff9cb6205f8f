import { Box, FormField, ToggleSwitch } from '@wix/design-system';
import React from 'react';
import { errorAt } from '../../shared/feedback';
import { NumberField, status, TextField } from '../../shared/fields';
import { tokenNameOf } from '../form';
import type { StepProps } from './step';

export function TokensStep({ form, error, update }: StepProps) {
  const rolloverError = errorAt(error, 'rollover.enabled') ?? (error?.field === 'rollover' ? error.message : undefined);
  return (
    <Box direction="vertical" gap="SP4" maxWidth="560px">
      <TextField
        label="Token name"
        info="What members collect, as they see it (at most 32 characters)."
        dataHook="setup-token-name"
        placeholder="Tokens"
        value={form.tokenName}
        maxLength={32}
        error={errorAt(error, 'tokenName')}
        onChange={(tokenName) => update({ tokenName }, 'tokenName')}
      />
      <NumberField
        label={`${tokenNameOf(form)} each month`}
        info="Members get these when they join and again at every monthly renewal, on top of one per visit."
        dataHook="setup-initial-tokens"
        value={form.initialTokens}
        min={0}
        max={10000}
        error={errorAt(error, 'initialTokens')}
        onChange={(initialTokens) => update({ initialTokens }, 'initialTokens')}
      />
      <FormField
        label="Unused tokens roll over"
        labelPlacement="right"
        stretchContent={false}
        infoContent="At each monthly renewal, members keep what they did not spend (up to the cap)."
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
          label="Rollover cap"
          info="At most this many tokens carry over. Leave it empty for no cap."
          dataHook="setup-rollover-cap"
          placeholder="No cap"
          value={form.rolloverCap}
          min={0}
          max={10000}
          error={errorAt(error, 'rollover.cap')}
          onChange={(rolloverCap) => update({ rolloverCap }, 'rollover.cap')}
        />
      ) : null}
    </Box>
  );
}
