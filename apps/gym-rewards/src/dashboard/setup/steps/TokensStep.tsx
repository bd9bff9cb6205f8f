import { Box, FormField, ToggleSwitch } from '@wix/design-system';
import React from 'react';
import { COMMON_PHRASES } from '../../shared/components';
import { errorAt } from '../../shared/feedback';
import { infoSuffix, NumberField, status, TextField } from '../../shared/fields';
import { useWords } from '../../shared/words';
import { tokenNameOf } from '../form';
import { SETUP_PHRASES } from '../words';
import { fieldOf, type StepProps } from './step';

export function TokensStep(props: StepProps) {
  const { form, error, update } = props;
  const words = useWords(SETUP_PHRASES);
  const common = useWords(COMMON_PHRASES);
  const rolloverError = errorAt(error, 'rollover.enabled') ?? (error?.field === 'rollover' ? error.message : undefined);
  return (
    <Box direction="vertical" gap="SP4" maxWidth="560px">
      <TextField
        {...fieldOf(props, 'tokenName')}
        label={words.tokenName}
        info={words.tokenNameInfo}
        placeholder="Tokens"
        maxLength={32}
      />
      <NumberField
        {...fieldOf(props, 'initialTokens')}
        label={words.initialTokens}
        info={words.initialInfo(tokenNameOf(form))}
        min={0}
        max={10000}
      />
      <FormField
        label={words.rollover}
        labelPlacement="right"
        stretchContent={false}
        {...infoSuffix(words.rollover, words.rolloverInfo, common.about)}
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
          label={words.rolloverCap}
          info={words.rolloverCapInfo}
          placeholder={words.noCap}
          min={0}
          max={10000}
        />
      ) : null}
    </Box>
  );
}
