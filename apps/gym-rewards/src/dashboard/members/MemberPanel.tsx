import { ledgerLine, ownersReason } from '@gym-rewards/flows/words';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Box, Button, Card, Cell, Layout, SectionHeader, Table, Text, TextButton } from '@wix/design-system';
import React, { useState } from 'react';
import type { WordsOf } from '../../shared/words';
import { type AdjustAnswer, api, type LedgerEntry, type MemberRow } from '../shared/api';
import { COMMON_PHRASES, Figure, LoadError, Loading, LoadMore } from '../shared/components';
import { ExportButton } from '../shared/ExportButton';
import { errorAt, type FieldError, fieldErrorOf, isRefusal, toast } from '../shared/feedback';
import { NumberField, TextField } from '../shared/fields';
import { formatSigned, formatsIn } from '../shared/format';
import { useRequestIds } from '../shared/hooks';
import { keys } from '../shared/query';
import { useLocale, useWords } from '../shared/words';
import { monthsLeftText, patchMember, statusLabel } from './cache';
import { PauseResume } from './PauseResume';
import { rolloverWarning } from './rollover';
import { MEMBERS_PHRASES } from './words';

type MembersWords = WordsOf<typeof MEMBERS_PHRASES>;

function Ledger({ memberId }: { memberId: string }) {
  const words = useWords(MEMBERS_PHRASES);
  const locale = useLocale();
  const query = useInfiniteQuery({
    queryKey: keys.ledger(memberId),
    queryFn: ({ pageParam }) => api.memberLedger({ memberId, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.status === 'FOUND' ? (last.cursor ?? undefined) : undefined),
  });
  if (query.isPending) return <Loading dataHook="ledger-loading" />;
  if (query.isError) return <LoadError dataHook="ledger-error" error={query.error} onRetry={() => query.refetch()} />;
  const first = query.data.pages[0];
  if (first?.status === 'NOT_IN_PROGRAM') {
    return (
      <Text dataHook="ledger-not-in-program" size="small" secondary>
        {words.noLedger}
      </Text>
    );
  }
  const entries = query.data.pages.flatMap((page) => (page.status === 'FOUND' ? page.entries : []));
  if (entries.length === 0) {
    return (
      <Text dataHook="ledger-empty" size="small" secondary>
        {words.emptyLedger}
      </Text>
    );
  }
  return (
    <Box direction="vertical" dataHook="ledger">
      <Table
        data={entries}
        rowDataHook={(entry: LedgerEntry) => `ledger-entry-${entry.transactionId}`}
        rowVerticalPadding="tiny"
        columns={[
          {
            title: words.when,
            width: '28%',
            render: (entry: LedgerEntry) => <Text size="small">{formatsIn(locale).shortDateTime(entry.at)}</Text>,
          },
          {
            title: words.what,
            render: (entry: LedgerEntry) => (
              <Box direction="vertical">
                <Text size="small">{ledgerLine(entry, locale)}</Text>
                {ownersReason(entry) ? (
                  <Text size="tiny" secondary>
                    {ownersReason(entry)}
                  </Text>
                ) : null}
              </Box>
            ),
          },
          {
            title: words.tokens,
            align: 'end',
            width: '96px',
            render: (entry: LedgerEntry) => (
              // Tokens out in red; tokens in in the text's colour (the success green is under 4.5:1 on white).
              <Text size="small" weight="bold" skin={entry.amount < 0 ? 'error' : 'standard'}>
                {formatSigned(entry.amount)}
              </Text>
            ),
          },
        ]}
      >
        <Table.Content titleBarVisible />
      </Table>
      <LoadMore dataHook="ledger-load-more" query={query} />
    </Box>
  );
}

function adjustOutcome(
  answer: AdjustAnswer,
  amount: number,
  words: MembersWords,
  locale: string,
): { ok: boolean; text: string } {
  const number = formatsIn(locale).number;
  switch (answer.status) {
    case 'ADJUSTED': {
      const balance = number(Number(answer.balance));
      return {
        ok: true,
        text: amount > 0 ? words.added(amount, balance) : words.tookAway(Math.abs(amount), balance),
      };
    }
    case 'NOT_ENOUGH_TOKENS':
      return { ok: false, text: words.notEnough(number(Number(answer.balance))) };
    case 'NOT_IN_PROGRAM':
      return { ok: false, text: words.noActiveProgram };
    case 'PROGRAM_UPDATING':
      return { ok: false, text: words.memberUpdating };
  }
}

/**
 * The owner's manual adjustment. Each submission carries a request id; submitting the same amount and reason again
 * after a failure without an answer sends the same id (the backend counts it once); anything else is a new one.
 */
function AdjustForm({ member }: { member: MemberRow }) {
  const client = useQueryClient();
  const ids = useRequestIds();
  const words = useWords(MEMBERS_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const locale = useLocale();
  const [amount, setAmount] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const shownError = said.fieldError(fieldError);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const submission = JSON.stringify([member.memberId, amount, reason]);
  const program = useQuery({ queryKey: keys.program, queryFn: () => api.currentProgram() });
  const capWarning = rolloverWarning(member.balance, amount, program.data?.rollover, locale);

  const adjust = useMutation({
    mutationFn: ({ request }: { key: string; request: { amount: number; reason: string; requestId: string } }) =>
      api.adjustTokens({ memberId: member.memberId, ...request }),
    onMutate: () => {
      setFieldError(null);
      setOutcome(null);
    },
    onSuccess: async (answer, input) => {
      ids.settle(input.key);
      const result = adjustOutcome(answer, input.request.amount, words, locale);
      setOutcome(result);
      toast(`${member.name}: ${result.text}`, result.ok ? 'success' : 'warning');
      if (answer.status === 'ADJUSTED') {
        setAmount(null);
        setReason('');
        patchMember(client, member.memberId, { balance: answer.balance });
        await client.invalidateQueries({ queryKey: keys.ledger(member.memberId) });
      }
    },
    onError: (error, input) => {
      if (isRefusal(error)) ids.settle(input.key);
      const field = fieldErrorOf(error);
      if (field) setFieldError(field);
      else setOutcome({ ok: false, text: words.notAdjusted(said.reasonOf(error)) });
      toast(words.notAdjusted(said.messageOf(error)), 'error');
    },
  });

  // An emptied amount goes as null: the backend refuses it next to the field.
  const submit = () =>
    adjust.mutate({ key: submission, request: { amount: amount as number, reason, requestId: ids.idFor(submission) } });

  return (
    <Box direction="vertical" gap="SP3" dataHook="adjust-form">
      <Layout cols={12} gap="12px">
        <Cell span={4}>
          <NumberField
            label={words.tokens}
            info={words.amountInfo}
            dataHook="adjust-amount"
            placeholder={words.amountPlaceholder}
            value={amount}
            error={errorAt(shownError, 'amount')}
            onChange={(value) => {
              setAmount(value);
              if (fieldError?.field === 'amount') setFieldError(null);
            }}
          />
        </Cell>
        <Cell span={8}>
          <TextField
            label={words.reason}
            dataHook="adjust-reason"
            placeholder={words.reasonPlaceholder}
            value={reason}
            maxLength={200}
            error={errorAt(shownError, 'reason')}
            onChange={(value) => {
              setReason(value);
              if (fieldError?.field === 'reason') setFieldError(null);
            }}
            onEnter={submit}
          />
        </Cell>
      </Layout>
      <Box gap="SP3" verticalAlign="middle">
        <Button dataHook="adjust-submit" size="small" disabled={adjust.isPending} onClick={submit}>
          {adjust.isPending ? words.adjusting : words.adjust}
        </Button>
        {outcome ? (
          <Text dataHook="adjust-result" size="small" skin={outcome.ok ? 'success' : 'error'}>
            {outcome.text}
          </Text>
        ) : null}
      </Box>
      {capWarning ? (
        <Text dataHook="adjust-cap-warning" size="small" weight="bold">
          {capWarning}
        </Text>
      ) : null}
      {shownError && !['amount', 'reason'].includes(shownError.field) ? (
        <Text dataHook="adjust-error" size="small" skin="error">
          {shownError.field}: {shownError.message}
        </Text>
      ) : null}
    </Box>
  );
}

/** A member: figures, manual adjustment and ledger (newest first). */
export function MemberPanel({ member, onClose }: { member: MemberRow; onClose: () => void }) {
  const words = useWords(MEMBERS_PHRASES);
  const locale = useLocale();
  const format = formatsIn(locale);
  const status = statusLabel(member.status, locale);
  const left = monthsLeftText(member, locale);
  return (
    <Card dataHook="member-panel">
      <Card.Header
        dataHook="member-panel-header"
        title={member.name}
        subtitle={`${member.email ?? member.memberId} · ${words.joinedOn(format.date(member.joined))}`}
        suffix={
          <TextButton dataHook="member-panel-close" size="small" onClick={onClose}>
            {words.close}
          </TextButton>
        }
      />
      <Card.Divider />
      <Card.Content>
        <Layout cols={3} gap="12px">
          <Cell span={1}>
            <Figure label={words.balance} value={format.number(member.balance)} dataHook="member-balance" />
          </Cell>
          <Cell span={1}>
            <Box direction="vertical" gap="SP1">
              <Text size="small" secondary>
                {words.status}
              </Text>
              {/* In text, not a badge: white on the success badge's green is under 4.5:1 (axe-core's color-contrast). */}
              <Text weight="bold" dataHook="member-status">
                {status.text}
              </Text>
              <PauseResume member={member} />
            </Box>
          </Cell>
          <Cell span={1}>
            <Figure label={words.monthsLeft} value={`${left.text} (${left.ends})`} dataHook="member-months-left" />
          </Cell>
        </Layout>
      </Card.Content>
      <SectionHeader title={words.adjustTokens} />
      <Card.Content>
        <AdjustForm key={member.memberId} member={member} />
      </Card.Content>
      <SectionHeader
        title={words.ledger}
        suffix={
          <Box gap="SP2" verticalAlign="middle">
            <Text size="tiny" secondary>
              {words.newestFirst}
            </Text>
            <ExportButton
              dataHook="ledger-export"
              fileName={`ledger-${member.name.replace(/[^\p{L}\p{N}]+/gu, '-')}.csv`}
              exported={words.linesExported}
              fetchPage={(cursor) => api.exportMemberLedger({ memberId: member.memberId, cursor, locale })}
            />
          </Box>
        }
      />
      <Card.Content size="none">
        <Box padding="SP2">
          <Ledger memberId={member.memberId} />
        </Box>
      </Card.Content>
    </Card>
  );
}
