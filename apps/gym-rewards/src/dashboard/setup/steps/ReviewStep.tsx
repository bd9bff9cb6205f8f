import { Box, Text } from '@wix/design-system';
import React from 'react';
import type { StoreProduct } from '../../shared/api';
import { formatNumber, formatTokens, plural } from '../../shared/format';
import { type ProgramForm, productName, tokenNameOf } from '../form';

function Row({ label, value, dataHook }: { label: string; value: React.ReactNode; dataHook: string }) {
  return (
    <Box gap="SP4" paddingTop="SP1" paddingBottom="SP1">
      <Box width="220px" flexShrink={0}>
        <Text size="small" secondary>
          {label}
        </Text>
      </Box>
      <Text size="small" dataHook={dataHook}>
        {value}
      </Text>
    </Box>
  );
}

export function ReviewStep({
  form,
  changes,
  catalog,
  isNew,
}: {
  form: ProgramForm;
  changes: { toCreate: number; toRemove: number };
  catalog: Record<string, StoreProduct>;
  isNew: boolean;
}) {
  const tokenName = tokenNameOf(form);
  const show = (value: number | null, unit?: string) =>
    value === null ? '(empty)' : unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  return (
    <Box direction="vertical" gap="SP4" dataHook="setup-review">
      <Box direction="vertical">
        <Row label="Program name" value={form.programName.trim() || '(empty)'} dataHook="review-program-name" />
        <Row label="Membership length" value={show(form.membershipMonths, 'months')} dataHook="review-membership" />
        <Row label="Visits counted per day" value={show(form.visitsPerDay)} dataHook="review-visits-per-day" />
        <Row label="Token name" value={tokenName} dataHook="review-token-name" />
        <Row label="Welcome tokens" value={show(form.initialTokens)} dataHook="review-welcome-tokens" />
        <Row label="Monthly tokens" value={show(form.initialTokens)} dataHook="review-initial-tokens" />
        <Row
          label="Rollover"
          value={
            form.rolloverEnabled
              ? form.rolloverCap === null
                ? 'Unused tokens carry over, no cap'
                : `Unused tokens carry over, at most ${formatTokens(form.rolloverCap, tokenName)}`
              : 'Unused tokens expire at the monthly renewal'
          }
          dataHook="review-rollover"
        />
      </Box>
      <Box direction="vertical" gap="SP2">
        <Text weight="bold">Tiers</Text>
        {form.tiers.map((tier, index) => (
          <Box key={tier.key} direction="vertical" dataHook={`review-tier-${index}`}>
            <Text size="small" weight="bold">
              Tier {index + 1}
              {tier.name.trim() ? `: ${tier.name.trim()}` : ''} ·{' '}
              {tier.price === null ? '(no price)' : formatTokens(tier.price, tokenName)} ·{' '}
              {plural(tier.productIds.length, 'product')}
            </Text>
            <Text size="tiny" secondary>
              {tier.productIds.map((id) => productName(catalog, id)).join(', ') || 'No products'}
            </Text>
          </Box>
        ))}
      </Box>
      <Text size="small" dataHook="setup-review-items">
        {isNew ? 'Saving creates the program, ' : 'Saving updates the program, '}
        adds {plural(changes.toCreate, 'reward')} and removes {plural(changes.toRemove, 'reward')} (a reward is a
        product in its tier).
      </Text>
    </Box>
  );
}
