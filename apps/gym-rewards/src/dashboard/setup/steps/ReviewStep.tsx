import { Box, Text } from '@wix/design-system';
import React from 'react';
import type { StoreProduct } from '../../shared/api';
import { formatNumber, formatTokens } from '../../shared/format';
import { useWords } from '../../shared/words';
import { type ProgramForm, productName, tokenNameOf } from '../form';
import { SETUP_PHRASES } from '../words';

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
  const words = useWords(SETUP_PHRASES);
  const tokenName = tokenNameOf(form);
  const show = (value: number | null, unit?: string) =>
    value === null ? words.empty : unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  return (
    <Box direction="vertical" gap="SP4" dataHook="setup-review">
      <Box direction="vertical">
        <Row label={words.programName} value={form.programName.trim() || words.empty} dataHook="review-program-name" />
        <Row
          label={words.membershipLength}
          value={show(form.membershipMonths, words.months)}
          dataHook="review-membership"
        />
        <Row label={words.visitsPerDay} value={show(form.visitsPerDay)} dataHook="review-visits-per-day" />
        <Row label={words.tokenName} value={tokenName} dataHook="review-token-name" />
        <Row label={words.welcomeTokens} value={show(form.initialTokens)} dataHook="review-welcome-tokens" />
        <Row label={words.monthlyTokens} value={show(form.initialTokens)} dataHook="review-initial-tokens" />
        <Row
          label={words.rolloverRow}
          value={
            form.rolloverEnabled
              ? form.rolloverCap === null
                ? words.rolloverNoCap
                : words.rolloverUpTo(formatTokens(form.rolloverCap, tokenName))
              : words.rolloverOff
          }
          dataHook="review-rollover"
        />
      </Box>
      <Box direction="vertical" gap="SP2">
        <Text weight="bold">{words.tiers}</Text>
        {form.tiers.map((tier, index) => (
          <Box key={tier.key} direction="vertical" dataHook={`review-tier-${index}`}>
            <Text size="small" weight="bold">
              {words.tier(index + 1)}
              {tier.name.trim() ? `: ${tier.name.trim()}` : ''} ·{' '}
              {tier.price === null ? words.noPrice : formatTokens(tier.price, tokenName)} ·{' '}
              {words.productCount(tier.productIds.length)}
            </Text>
            <Text size="tiny" secondary>
              {tier.productIds.map((id) => productName(catalog, id)).join(', ') || words.noProducts}
            </Text>
          </Box>
        ))}
      </Box>
      <Text size="small" dataHook="setup-review-items">
        {words.reviewItems(isNew, changes.toCreate, changes.toRemove)}
      </Text>
    </Box>
  );
}
