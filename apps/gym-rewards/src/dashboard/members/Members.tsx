import { useQueryClient } from '@tanstack/react-query';
import { Badge, Box, Button, Card, EmptyState, Page, Table, Text } from '@wix/design-system';
import React, { useMemo, useState } from 'react';
import { PlanLock } from '../plans/PlanLock';
import { OutsideBanner, outsideText, useEnrollment, useMembersOutside } from '../setup/enrollment';
import { api, type MemberRow } from '../shared/api';
import { ListWithPanel, LoadError, Loading, LoadMore, NameCell, SearchToolbar } from '../shared/components';
import { ExportButton } from '../shared/ExportButton';
import { formatDate, formatNumber } from '../shared/format';
import { useSearchedPages } from '../shared/hooks';
import { keys } from '../shared/query';
import { knownMembers, monthsLeftText, statusLabel } from './cache';
import { MemberPanel } from './MemberPanel';
import { PickupsCard } from './PickupsCard';
import { type CheckInOutcome, useCheckIn } from './useCheckIn';

const TONE_SKIN = { success: 'success', warning: 'standard', danger: 'error' } as const;

function CheckInCell({
  member,
  busy,
  outcome,
  onCheckIn,
}: {
  member: MemberRow;
  busy: boolean;
  outcome: CheckInOutcome | undefined;
  onCheckIn: () => void;
}) {
  return (
    <Box direction="vertical" gap="SP1" align="right">
      <Button
        dataHook={`check-in-${member.memberId}`}
        size="tiny"
        priority="secondary"
        disabled={busy}
        onClick={(event: React.MouseEvent) => {
          event.stopPropagation();
          onCheckIn();
        }}
      >
        {busy ? 'Checking in…' : 'Check in'}
      </Button>
      {outcome ? (
        <Text dataHook={`check-in-result-${member.memberId}`} size="tiny" skin={TONE_SKIN[outcome.tone]}>
          {outcome.text}
        </Text>
      ) : null}
    </Box>
  );
}

/** Members: the program's members with search and paging, one member's ledger and adjustments, front-desk work. */
export function Members() {
  const client = useQueryClient();
  const [selected, setSelected] = useState<MemberRow | null>(null);
  const { checkIn, busy, outcomes } = useCheckIn();
  const outside = useMembersOutside();
  const enroll = useEnrollment();

  const { term, query, searchProps } = useSearchedPages(keys.members, api.listMembers);
  const rows = query.data?.pages.flatMap((page) => page.members) ?? [];

  // Names for the pickups list, from every member list loaded so far.
  const known = useMemo(() => {
    const all = knownMembers(client);
    // The list on screen is the freshest: its rows win over older searches'.
    for (const page of query.data?.pages ?? []) for (const member of page.members) all.set(member.memberId, member);
    return all;
  }, [client, query.data]);
  const nameOf = (memberId: string) => known.get(memberId)?.name;
  // The open member as the lists know them now (a check-in changes the balance), else as they were opened.
  const current = selected ? (known.get(selected.memberId) ?? selected) : null;
  const compact = current !== null;

  const columns = [
    {
      title: 'Member',
      render: (member: MemberRow) => (
        <NameCell name={member.name} dataHook={`member-name-${member.memberId}`} detail={member.email || undefined} />
      ),
    },
    {
      title: 'Balance',
      align: 'end' as const,
      width: '80px',
      render: (member: MemberRow) => (
        <Text size="small" dataHook={`member-balance-${member.memberId}`}>
          {formatNumber(member.balance)}
        </Text>
      ),
    },
    {
      title: 'Status',
      // Room for the longest status at the badge's size ("Paused", "Joining…") without an ellipsis.
      width: '110px',
      render: (member: MemberRow) => {
        const status = statusLabel(member.status);
        return (
          <Badge size="small" skin={status.skin} dataHook={`member-status-${member.memberId}`}>
            {status.text}
          </Badge>
        );
      },
    },
    ...(compact
      ? []
      : [
          {
            title: 'Months left',
            align: 'end' as const,
            width: '116px',
            render: (member: MemberRow) => {
              const left = monthsLeftText(member);
              return (
                <Box direction="vertical" align="right">
                  <Text size="small" dataHook={`member-months-left-${member.memberId}`}>
                    {left.text}
                  </Text>
                  <Text size="tiny" secondary>
                    {left.ends}
                  </Text>
                </Box>
              );
            },
          },
          {
            title: 'Joined',
            width: '120px',
            render: (member: MemberRow) => <Text size="small">{formatDate(member.joined)}</Text>,
          },
        ]),
    {
      title: '',
      align: 'end' as const,
      width: '150px',
      // An ended or paused membership earns nothing: no check-in to offer.
      render: (member: MemberRow) =>
        member.status === 'ENDED' || member.status === 'PAUSED' ? null : (
          <CheckInCell
            member={member}
            busy={!!busy[member.memberId]}
            outcome={outcomes[member.memberId]}
            onCheckIn={() => checkIn(member)}
          />
        ),
    },
  ];

  const membersCard = (
    <Card dataHook="members">
      <Table
        data={rows}
        columns={columns}
        rowDataHook={(member: MemberRow) => `member-row-${member.memberId}`}
        onRowClick={(member: MemberRow) => setSelected(member)}
        isRowActive={(member: MemberRow) => member.memberId === current?.memberId}
      >
        <SearchToolbar
          title="Members"
          search={{
            dataHook: 'member-search',
            placeholder: 'Search by name or email',
            width: '260px',
            props: searchProps,
          }}
          end={[
            {
              key: 'export',
              control: (
                <ExportButton
                  dataHook="members-export"
                  fileName="members-and-tokens.csv"
                  what="member"
                  fetchPage={(cursor) => api.exportMembers({ cursor })}
                />
              ),
            },
          ]}
        />
        {query.isPending ? (
          <Loading dataHook="members-loading" text="Loading members…" />
        ) : query.isError ? (
          <Box padding="SP4">
            <LoadError dataHook="members-error" error={query.error} onRetry={() => query.refetch()} />
          </Box>
        ) : rows.length === 0 ? (
          <Box padding="SP4" paddingBottom="SP8" direction="vertical">
            <EmptyState
              dataHook="members-empty"
              skin="section"
              title={term ? `No members match "${term}"` : 'No members in the program yet'}
            >
              {/* The subtitle as text of ours: the EmptyState's own subtitle colour is under 4.5:1 (axe-core). */}
              <Box direction="vertical" gap="SP3" align="center">
                <Text size="small" secondary>
                  {term
                    ? 'Search by the start of a name or a login email.'
                    : outside
                      ? `${outsideText(outside)}: bring them in, and each gets the welcome tokens.`
                      : 'Members join the program when they sign up on the site.'}
                </Text>
                {!term && outside ? (
                  <Button dataHook="members-empty-bring-in" disabled={enroll.running} onClick={() => enroll.mutate()}>
                    {enroll.running ? 'Bringing them in…' : 'Bring them in'}
                  </Button>
                ) : null}
              </Box>
            </EmptyState>
          </Box>
        ) : (
          <Table.Content />
        )}
      </Table>
      <LoadMore dataHook="members-load-more" query={query} />
    </Card>
  );

  return (
    <Page dataHook="members-page">
      <Page.Header
        title="Members"
        subtitle="Balances, check-ins at the front desk, manual adjustments and pickups of redeemed rewards."
      />
      <Page.Content>
        <Box direction="vertical" gap="SP6" paddingBottom="SP10">
          {rows.length > 0 ? <OutsideBanner /> : null}
          <PlanLock feature="csv-export" />
          <PickupsCard nameOf={nameOf} />
          <ListWithPanel
            cols={12}
            list={membersCard}
            panel={
              current ? <MemberPanel key={current.memberId} member={current} onClose={() => setSelected(null)} /> : null
            }
          />
        </Box>
      </Page.Content>
    </Page>
  );
}
