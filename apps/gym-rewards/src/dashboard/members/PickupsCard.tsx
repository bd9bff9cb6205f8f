import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Box, Button, Card, Table, Text, TextButton } from '@wix/design-system';
import React, { useState } from 'react';
import { countOf } from '../../shared/words';
import { api, type Pickup } from '../shared/api';
import { COMMON_PHRASES, ConfirmButtons, LoadError, Loading } from '../shared/components';
import { toast } from '../shared/feedback';
import { formatsIn } from '../shared/format';
import { keys } from '../shared/query';
import { useLocale, useWords } from '../shared/words';
import { MEMBERS_PHRASES } from './words';

const CODE_STYLE: React.CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontWeight: 700,
  letterSpacing: '0.12em',
};

/**
 * Pickups waiting at the front desk (oldest first): what members redeemed, with the code they show. The desk hands a
 * pickup over, or voids it (the member gets the tokens back).
 */
export function PickupsCard({ nameOf }: { nameOf: (memberId: string) => string | undefined }) {
  const client = useQueryClient();
  const words = useWords(MEMBERS_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const locale = useLocale();
  const format = formatsIn(locale);
  const tokens = (amount: number) => countOf(amount, locale, { one: words.tokenOne, other: words.tokenOther });
  const [confirmVoid, setConfirmVoid] = useState<string | null>(null);
  const pickups = useQuery({ queryKey: keys.pickups, queryFn: () => api.pickupsToHandOver(), refetchInterval: 30_000 });
  const who = (pickup: Pickup) => nameOf(pickup.memberId) ?? words.someMember;

  const refreshAfter = async (pickup: Pickup, tokensBack: boolean) => {
    await client.invalidateQueries({ queryKey: keys.pickups });
    if (tokensBack) {
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.allMembers }),
        client.invalidateQueries({ queryKey: keys.ledger(pickup.memberId) }),
      ]);
    }
  };

  // New pickups mean tokens spent: the member lists and ledgers are refreshed with them.
  const refreshAll = () =>
    Promise.all([
      pickups.refetch(),
      client.invalidateQueries({ queryKey: keys.allMembers }),
      client.invalidateQueries({ queryKey: keys.allLedgers }),
    ]);

  const handOver = useMutation({
    mutationFn: (pickup: Pickup) => api.handOver({ pickupId: pickup._id }),
    onSuccess: async (answer, pickup) => {
      if (answer.status === 'HANDED_OVER') toast(words.handedOver(pickup.productName, who(pickup)), 'success');
      else if (answer.status === 'VOIDED') toast(words.wasVoided(pickup.code), 'warning');
      else toast(words.gone(pickup.code), 'warning');
      await refreshAfter(pickup, false);
    },
    onError: (error, pickup) => toast(words.notHandedOver(pickup.code, said.messageOf(error)), 'error'),
  });

  const voidPickup = useMutation({
    mutationFn: (pickup: Pickup) => api.revertRedemption({ pickupId: pickup._id }),
    onSuccess: async (answer, pickup) => {
      setConfirmVoid(null);
      if (answer.status === 'VOIDED') {
        toast(words.voided(pickup.code, tokens(Number(pickup.price)), who(pickup)), 'success');
      } else if (answer.status === 'ALREADY_HANDED_OVER') {
        toast(words.alreadyHandedOver(pickup.code), 'warning');
      } else toast(words.gone(pickup.code), 'warning');
      await refreshAfter(pickup, true);
    },
    onError: (error, pickup) => toast(words.notVoided(pickup.code, said.messageOf(error)), 'error'),
  });

  const busy = (pickup: Pickup) =>
    (handOver.isPending && handOver.variables?._id === pickup._id) ||
    (voidPickup.isPending && voidPickup.variables?._id === pickup._id);

  const list = pickups.data?.pickups ?? [];

  return (
    <Card dataHook="pickups">
      <Card.Header
        title={words.pickupsTitle}
        subtitle={words.pickupsText}
        suffix={
          <Box gap="SP3" verticalAlign="middle">
            {pickups.data ? (
              <Badge dataHook="pickups-count" size="small" skin={list.length > 0 ? 'warning' : 'neutralLight'}>
                {words.waiting(format.number(pickups.data.total))}
              </Badge>
            ) : null}
            <TextButton
              dataHook="pickups-refresh"
              size="small"
              disabled={pickups.isFetching}
              onClick={() => refreshAll()}
            >
              {pickups.isFetching ? words.refreshing : words.refresh}
            </TextButton>
          </Box>
        }
      />
      <Card.Divider />
      {pickups.isPending ? (
        <Card.Content>
          <Loading dataHook="pickups-loading" />
        </Card.Content>
      ) : pickups.isError ? (
        <Card.Content>
          <LoadError dataHook="pickups-error" error={pickups.error} onRetry={() => pickups.refetch()} />
        </Card.Content>
      ) : list.length === 0 ? (
        <Card.Content>
          <Text dataHook="pickups-empty" size="small" secondary>
            {words.noPickups}
          </Text>
        </Card.Content>
      ) : (
        <Table
          data={list}
          rowDataHook={(pickup: Pickup) => `pickup-row-${pickup.code}`}
          columns={[
            {
              title: words.code,
              width: '14%',
              render: (pickup: Pickup) => (
                <span data-hook={`pickup-code-${pickup.code}`} style={CODE_STYLE}>
                  {pickup.code}
                </span>
              ),
            },
            {
              title: words.product,
              render: (pickup: Pickup) => (
                <Box direction="vertical">
                  <Text size="small" weight="bold">
                    {pickup.productName || pickup.productId}
                  </Text>
                  <Text size="tiny" secondary>
                    {tokens(Number(pickup.price))}
                  </Text>
                </Box>
              ),
            },
            {
              title: words.member,
              render: (pickup: Pickup) => {
                const name = nameOf(pickup.memberId);
                return name ? (
                  <Text size="small">{name}</Text>
                ) : (
                  <Text size="tiny" secondary>
                    {pickup.memberId}
                  </Text>
                );
              },
            },
            {
              title: words.redeemed,
              render: (pickup: Pickup) => <Text size="small">{format.dateTime(pickup.redeemedAt)}</Text>,
            },
            {
              title: '',
              align: 'end',
              width: '32%',
              render: (pickup: Pickup) =>
                confirmVoid === pickup._id ? (
                  <Box gap="SP2" verticalAlign="middle" align="right">
                    <Text size="tiny" secondary>
                      {words.giveBack}
                    </Text>
                    <ConfirmButtons
                      confirm={{ text: words.void, dataHook: `void-confirm-${pickup.code}` }}
                      cancel={{ text: words.keep, dataHook: `void-cancel-${pickup.code}` }}
                      busy={busy(pickup)}
                      size="tiny"
                      onConfirm={() => voidPickup.mutate(pickup)}
                      onCancel={() => setConfirmVoid(null)}
                    />
                  </Box>
                ) : (
                  <Box gap="SP2" verticalAlign="middle" align="right">
                    <Button
                      dataHook={`hand-over-${pickup.code}`}
                      size="tiny"
                      disabled={busy(pickup)}
                      onClick={() => handOver.mutate(pickup)}
                    >
                      {words.handOver}
                    </Button>
                    <Button
                      dataHook={`void-${pickup.code}`}
                      size="tiny"
                      priority="secondary"
                      skin="destructive"
                      disabled={busy(pickup)}
                      onClick={() => setConfirmVoid(pickup._id)}
                    >
                      {words.void}
                    </Button>
                  </Box>
                ),
            },
          ]}
        >
          <Table.Content />
        </Table>
      )}
    </Card>
  );
}
