import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Box, Button, Card, FormField, NumberInput, Text, ToggleSwitch } from '@wix/design-system';
import React, { useEffect, useState } from 'react';
import { PlanLock } from '../plans/PlanLock';
import { LoadError, Loading } from '../shared/components';
import { errorAt, fieldErrorOf, messageOf, toast } from '../shared/feedback';
import { status } from '../shared/fields';
import { type EarnRule, linkKeys, linksApi } from './api';

/** The owner's earn-on-payment rule: members who pay a payment link earn a token per so much paid (off by default). */
export function EarnOnPaymentCard() {
  const client = useQueryClient();
  const rule = useQuery({ queryKey: linkKeys.earnRule, queryFn: () => linksApi.earnOnPaymentRule() });
  const [draft, setDraft] = useState<EarnRule | null>(null);
  useEffect(() => {
    if (rule.data && !draft) setDraft(rule.data);
  }, [rule.data, draft]);
  const save = useMutation({
    mutationFn: (next: EarnRule) => linksApi.setEarnOnPaymentRule(next),
    onSuccess: (saved) => {
      client.setQueryData(linkKeys.earnRule, saved);
      toast(
        saved.enabled ? 'Members now earn tokens on payment links.' : 'Earning on payment links is off.',
        'success',
      );
    },
    onError: (error) => {
      if (!fieldErrorOf(error)) toast(`The rule was not saved: ${messageOf(error)}`, 'error');
    },
  });
  const error = fieldErrorOf(save.error);
  return (
    <Card dataHook="earn-on-payment">
      <Card.Header
        title="Earn on payment links"
        subtitle="Members who pay a payment link earn tokens for what they paid, once per payment."
      />
      <Card.Content>
        <PlanLock feature="earn-on-payment" />
        {rule.isPending || !draft ? (
          <Loading dataHook="earn-on-payment-loading" />
        ) : rule.isError ? (
          <LoadError dataHook="earn-on-payment-error" error={rule.error} onRetry={() => rule.refetch()} />
        ) : (
          <Box direction="vertical" gap="SP3">
            <Box gap="SP2" verticalAlign="middle">
              {/* The switch is named by the label next to it (axe-core: a form element needs a label). */}
              <ToggleSwitch
                id="earn-on-payment-enabled"
                dataHook="earn-on-payment-enabled"
                checked={draft.enabled}
                onChange={() => setDraft({ ...draft, enabled: !draft.enabled })}
              />
              <label htmlFor="earn-on-payment-enabled">
                <Text size="small">{draft.enabled ? 'On' : 'Off'}</Text>
              </label>
            </Box>
            <FormField
              label="One token for every"
              suffix={<Text size="small">of the currency paid</Text>}
              {...status(errorAt(error, 'amountPerToken'))}
            >
              <NumberInput
                dataHook="earn-on-payment-amount"
                min={0.01}
                value={draft.amountPerToken}
                onChange={(value) => setDraft({ ...draft, amountPerToken: Number(value ?? 0) })}
              />
            </FormField>
            <Box>
              <Button
                dataHook="earn-on-payment-save"
                size="small"
                disabled={save.isPending}
                onClick={() => save.mutate(draft)}
              >
                {save.isPending ? 'Saving…' : 'Save rule'}
              </Button>
            </Box>
          </Box>
        )}
      </Card.Content>
    </Card>
  );
}
