import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Box, Button, Card, FormField, NumberInput, Text, ToggleSwitch } from '@wix/design-system';
import React, { useEffect, useState } from 'react';
import { PlanLock } from '../plans/PlanLock';
import { COMMON_PHRASES, LoadError, Loading } from '../shared/components';
import { errorAt, fieldErrorOf, toast } from '../shared/feedback';
import { status } from '../shared/fields';
import { useWords } from '../shared/words';
import { type EarnRule, linkKeys, linksApi } from './api';
import { PAYMENT_LINKS_PHRASES } from './words';

/** The owner's earn-on-payment rule: members who pay a payment link earn a token per so much paid (off by default). */
export function EarnOnPaymentCard() {
  const client = useQueryClient();
  const words = useWords(PAYMENT_LINKS_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const rule = useQuery({ queryKey: linkKeys.earnRule, queryFn: () => linksApi.earnOnPaymentRule() });
  // The rule as saved, at once when it is known (else once it is loaded, below).
  const [draft, setDraft] = useState<EarnRule | null>(() => rule.data ?? null);
  useEffect(() => {
    if (rule.data && !draft) setDraft(rule.data);
  }, [rule.data, draft]);
  const save = useMutation({
    mutationFn: (next: EarnRule) => linksApi.setEarnOnPaymentRule(next),
    onSuccess: (saved) => {
      client.setQueryData(linkKeys.earnRule, saved);
      toast(saved.enabled ? words.earnOn : words.earnOff, 'success');
    },
    onError: (error) => {
      if (!fieldErrorOf(error)) toast(words.ruleNotSaved(said.messageOf(error)), 'error');
    },
  });
  const error = said.fieldError(fieldErrorOf(save.error));
  return (
    <Card dataHook="earn-on-payment">
      <Card.Header title={words.earnTitle} subtitle={words.earnText} />
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
                <Text size="small">{draft.enabled ? words.on : words.off}</Text>
              </label>
            </Box>
            <FormField
              label={words.oneTokenFor}
              suffix={<Text size="small">{words.ofCurrency}</Text>}
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
                {save.isPending ? words.saving : words.saveRule}
              </Button>
            </Box>
          </Box>
        )}
      </Card.Content>
    </Card>
  );
}
