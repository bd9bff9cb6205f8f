import { useQuery } from '@tanstack/react-query';
import { Box, Card, Cell, EmptyState, Heading, Layout, Page, Table, Text, TextButton } from '@wix/design-system';
import React from 'react';
import { api, type MonthFigures } from '../shared/api';
import { LoadError, Loading } from '../shared/components';
import { formatMonth, formatNumber } from '../shared/format';
import { keys } from '../shared/query';
import { BarChart, ISSUED_COLOR, REDEEMED_COLOR } from './BarChart';
import { RedemptionsCard } from './Redemptions';

const MONTHS = 6;
const lastMonths = (what: string) => `${what}, last ${MONTHS} months`;

/** A figure at the top of the page: its data hook is `overview-<hook>`. */
const stat = (hook: string, label: string, value: number, hint: string) => ({ hook, label, value, hint });

function Stat({ label, value, hint, dataHook }: { label: string; value: number; hint: string; dataHook: string }) {
  return (
    <Card stretchVertically>
      <Card.Content>
        <Box direction="vertical" gap="SP1">
          <Text size="small" secondary>
            {label}
          </Text>
          <Heading size="extraLarge" dataHook={dataHook}>
            {formatNumber(value)}
          </Heading>
          <Text size="tiny" secondary>
            {hint}
          </Text>
        </Box>
      </Card.Content>
    </Card>
  );
}

function Legend() {
  const item = (color: string, text: string) => (
    <Box gap="SP1" verticalAlign="middle">
      <span style={{ width: 10, height: 10, borderRadius: 2, background: color, display: 'inline-block' }} />
      <Text size="tiny">{text}</Text>
    </Box>
  );
  return (
    <Box gap="SP3" dataHook="overview-legend">
      {item(ISSUED_COLOR, 'Issued')}
      {item(REDEEMED_COLOR, 'Redeemed')}
    </Box>
  );
}

/** Overview: tokens issued and redeemed in the last six months, and the members in the program now. */
export function Overview() {
  const query = useQuery({ queryKey: keys.overview(MONTHS), queryFn: () => api.monthlyOverview({ months: MONTHS }) });
  const figures: MonthFigures[] = query.data ?? [];
  const issued = figures.reduce((n, f) => n + f.tokensIssued, 0);
  const redeemed = figures.reduce((n, f) => n + f.tokensRedeemed, 0);
  // Active members is a count as of now; every month answers the same figure, the latest is the one to show.
  const activeMembers = figures.at(-1)?.activeMembers ?? 0;
  const outstanding = figures.at(-1)?.tokensOutstanding ?? 0;
  const forfeited = figures.reduce((n, f) => n + f.tokensForfeited, 0);
  const empty = figures.length === 0 || (issued === 0 && redeemed === 0);
  const stats = [
    stat('active-members', 'Active members', activeMembers, 'Members whose program is active now'),
    stat('issued-total', lastMonths('Tokens issued'), issued, 'Visits, welcome and monthly tokens, additions'),
    stat('redeemed-total', lastMonths('Tokens redeemed'), redeemed, 'Spent on rewards, less redemptions given back'),
    stat('outstanding', 'Tokens outstanding', outstanding, 'Held by active members now: rewards the gym still owes'),
    stat('forfeited-total', lastMonths('Tokens forfeited'), forfeited, 'Expired over the rollover cap at renewals'),
  ];

  let body: React.ReactNode;
  if (query.isPending) body = <Loading dataHook="overview-loading" text="Loading figures…" />;
  else if (query.isError) {
    body = <LoadError dataHook="overview-error" error={query.error} onRetry={() => query.refetch()} />;
  } else {
    body = (
      <Box direction="vertical" gap="SP6">
        <Layout cols={3} gap="24px">
          {stats.map((figure) => (
            <Cell span={1} key={figure.hook}>
              <Stat label={figure.label} value={figure.value} hint={figure.hint} dataHook={`overview-${figure.hook}`} />
            </Cell>
          ))}
        </Layout>
        <Card dataHook="overview-chart-card">
          <Card.Header
            title="Tokens per month"
            subtitle="Issued and redeemed, this month included"
            suffix={empty ? null : <Legend />}
          />
          <Card.Divider />
          <Card.Content>
            {empty ? (
              <EmptyState
                dataHook="overview-empty"
                skin="section"
                title="No tokens issued or redeemed yet"
                subtitle="Figures show up here once members check in and redeem rewards."
              />
            ) : (
              <BarChart figures={figures} />
            )}
          </Card.Content>
        </Card>
        <RedemptionsCard figures={figures} title={lastMonths('Rewards redeemed')} />
        {empty ? null : (
          <Card>
            <Table
              dataHook="overview-table"
              data={[...figures].reverse()}
              rowDataHook={(figure: MonthFigures) => `overview-row-${figure.month}`}
              columns={[
                { title: 'Month', render: (f: MonthFigures) => <Text size="small">{formatMonth(f.month)}</Text> },
                {
                  title: 'Tokens issued',
                  align: 'end',
                  render: (f: MonthFigures) => <Text size="small">{formatNumber(f.tokensIssued)}</Text>,
                },
                {
                  title: 'Tokens redeemed',
                  align: 'end',
                  render: (f: MonthFigures) => <Text size="small">{formatNumber(f.tokensRedeemed)}</Text>,
                },
              ]}
            >
              <Table.Content />
            </Table>
          </Card>
        )}
      </Box>
    );
  }

  return (
    <Page dataHook="overview-page">
      <Page.Header
        title="Overview"
        subtitle="How the rewards program is going."
        actionsBar={
          <TextButton dataHook="overview-refresh" disabled={query.isFetching} onClick={() => query.refetch()}>
            {query.isFetching ? 'Refreshing…' : 'Refresh'}
          </TextButton>
        }
      />
      <Page.Content>
        <Box direction="vertical" paddingBottom="SP10">
          {body}
        </Box>
      </Page.Content>
    </Page>
  );
}
