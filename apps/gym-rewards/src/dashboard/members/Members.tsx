import { useQueryClient } from '@tanstack/react-query';
import { Badge, Box, Button, Card, Page, Table, Text } from '@wix/design-system';
import React, { useMemo, useState } from 'react';
import { PlanLock } from '../plans/PlanLock';
import { OutsideBanner, useEnrollment, useMembersOutside } from '../setup/enrollment';
import { SETUP_PHRASES } from '../setup/words';
import { api, type MemberRow } from '../shared/api';
import {
  EmptyList,
  ListWithPanel,
  LoadError,
  Loading,
  LoadMore,
  NameCell,
  PAGE_FITS_PHONE,
  SearchToolbar,
} from '../shared/components';
import { ExportButton } from '../shared/ExportButton';
import { formatsIn } from '../shared/format';
import { useSearchedPages } from '../shared/hooks';
import { keys } from '../shared/query';
import { dashboardLocale, LocaleContext, useLocale, useWords } from '../shared/words';
import { knownMembers, monthsLeftText, statusLabel } from './cache';
import { MemberPanel } from './MemberPanel';
import { PickupsCard } from './PickupsCard';
import { type CheckInOutcome, useCheckIn } from './useCheckIn';
import { MEMBERS_PHRASES } from './words';

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
  const words = useWords(MEMBERS_PHRASES);
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
        {busy ? words.checkingIn : words.checkIn}
      </Button>
      {outcome ? (
        <Text dataHook={`check-in-result-${member.memberId}`} size="tiny" skin={TONE_SKIN[outcome.tone]}>
          {outcome.text}
        </Text>
      ) : null}
    </Box>
  );
}

/** The Members page in `locale` (the dashboard's by default). */
export function Members({ locale = dashboardLocale() }: { locale?: string }) {
  return (
    <LocaleContext.Provider value={locale}>
      <MembersPage />
    </LocaleContext.Provider>
  );
}

/** Members: the program's members with search and paging, one member's ledger and adjustments, front-desk work. */
function MembersPage() {
  const client = useQueryClient();
  const locale = useLocale();
  const words = useWords(MEMBERS_PHRASES);
  const setupWords = useWords(SETUP_PHRASES);
  const format = formatsIn(locale);
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
      title: words.member,
      render: (member: MemberRow) => (
        <NameCell name={member.name} dataHook={`member-name-${member.memberId}`} detail={member.email || undefined} />
      ),
    },
    {
      title: words.balance,
      align: 'end' as const,
      width: '80px',
      render: (member: MemberRow) => (
        <Text size="small" dataHook={`member-balance-${member.memberId}`}>
          {format.number(member.balance)}
        </Text>
      ),
    },
    {
      title: words.status,
      // Room for the longest status at the badge's size ("Paused", "Joining…"; German "Pausiert", "Tritt bei…") without an ellipsis.
      width: '110px',
      render: (member: MemberRow) => {
        const status = statusLabel(member.status, locale);
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
            title: words.monthsLeft,
            align: 'end' as const,
            width: '116px',
            render: (member: MemberRow) => {
              const left = monthsLeftText(member, locale);
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
            title: words.joined,
            width: '120px',
            render: (member: MemberRow) => <Text size="small">{format.date(member.joined)}</Text>,
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
          title={words.title}
          search={{
            dataHook: 'member-search',
            placeholder: words.search,
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
                  exported={words.membersExported}
                  fetchPage={(cursor) => api.exportMembers({ cursor, locale })}
                />
              ),
            },
          ]}
        />
        {query.isPending ? (
          <Loading dataHook="members-loading" text={words.loading} />
        ) : query.isError ? (
          <Box padding="SP4">
            <LoadError dataHook="members-error" error={query.error} onRetry={() => query.refetch()} />
          </Box>
        ) : rows.length === 0 ? (
          <Box padding="SP4" paddingBottom="SP8" direction="vertical">
            <EmptyList
              dataHook="members-empty"
              title={term ? words.noMatch(term) : words.noMembers}
              hint={
                term
                  ? words.searchHint
                  : outside
                    ? words.outsideHint(setupWords.outside(outside.count, outside.complete))
                    : words.joinHint
              }
            >
              {!term && outside ? (
                <Button dataHook="members-empty-bring-in" disabled={enroll.running} onClick={() => enroll.mutate()}>
                  {enroll.running ? setupWords.bringingThemIn : setupWords.bringThemIn}
                </Button>
              ) : null}
            </EmptyList>
          </Box>
        ) : (
          <Table.Content />
        )}
      </Table>
      <LoadMore dataHook="members-load-more" query={query} />
    </Card>
  );

  return (
    <Page {...PAGE_FITS_PHONE} dataHook="members-page">
      <Page.Header title={words.title} subtitle={words.subtitle} />
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
