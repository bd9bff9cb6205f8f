import { useQuery } from '@tanstack/react-query';
import { Box, Card, Cell, Heading, Layout, Page, Table, Text, TextButton } from '@wix/design-system';
import React from 'react';
import { api, type MonthFigures } from '../shared/api';
import { EmptyList, LoadError, Loading, PAGE_FITS_PHONE } from '../shared/components';
import { formatsIn } from '../shared/format';
import { keys } from '../shared/query';
import { dashboardLocale } from '../shared/words';
import { BarChart, ISSUED_COLOR, REDEEMED_COLOR } from './BarChart';
import { RedemptionsCard } from './Redemptions';
import { type OverviewWords, overviewWords } from './words';

const MONTHS = 6;

/** A figure at the top of the page: its data hook is `overview-<hook>`. */
const stat = (hook: string, label: string, value: number, hint: string) => ({ hook, label, value, hint });

function Stat({ label, value, hint, dataHook }: { label: string; value: string; hint: string; dataHook: string }) {
  return (
    <Card stretchVertically>
      <Card.Content>
        <Box direction="vertical" gap="SP1">
          <Text size="small" secondary>
            {label}
          </Text>
          <Heading size="extraLarge" dataHook={dataHook}>
            {value}
          </Heading>
          <Text size="tiny" secondary>
            {hint}
          </Text>
        </Box>
      </Card.Content>
    </Card>
  );
}

function Legend({ words }: { words: OverviewWords }) {
  const item = (color: string, text: string) => (
    <Box gap="SP1" verticalAlign="middle">
      <span style={{ width: 10, height: 10, borderRadius: 2, background: color, display: 'inline-block' }} />
      <Text size="tiny">{text}</Text>
    </Box>
  );
  return (
    <Box gap="SP3" dataHook="overview-legend">
      {item(ISSUED_COLOR, words.legendIssued)}
      {item(REDEEMED_COLOR, words.legendRedeemed)}
    </Box>
  );
}

/** Overview: tokens issued and redeemed in the last six months, and the members in the program now. */
export function Overview({ locale = dashboardLocale() }: { locale?: string }) {
  const words = overviewWords(locale);
  const format = formatsIn(locale);
  const lastMonths = (what: string) => words.lastMonths(what, format.number(MONTHS));
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
    stat('active-members', words.activeMembers, activeMembers, words.activeMembersHint),
    stat('issued-total', lastMonths(words.issued), issued, words.issuedHint),
    stat('redeemed-total', lastMonths(words.redeemed), redeemed, words.redeemedHint),
    stat('outstanding', words.outstanding, outstanding, words.outstandingHint),
    stat('forfeited-total', lastMonths(words.forfeited), forfeited, words.forfeitedHint),
  ];

  let body: React.ReactNode;
  if (query.isPending) body = <Loading dataHook="overview-loading" text={words.loading} />;
  else if (query.isError) {
    body = <LoadError dataHook="overview-error" error={query.error} onRetry={() => query.refetch()} />;
  } else {
    body = (
      <Box direction="vertical" gap="SP6">
        <Layout cols={3} gap="24px">
          {stats.map((figure) => (
            <Cell span={1} key={figure.hook}>
              <Stat
                label={figure.label}
                value={format.number(figure.value)}
                hint={figure.hint}
                dataHook={`overview-${figure.hook}`}
              />
            </Cell>
          ))}
        </Layout>
        <Card dataHook="overview-chart-card">
          <Card.Header
            title={words.perMonth}
            subtitle={words.perMonthHint}
            suffix={empty ? null : <Legend words={words} />}
          />
          <Card.Divider />
          <Card.Content>
            {empty ? (
              <EmptyList dataHook="overview-empty" title={words.emptyTitle} hint={words.emptyText} />
            ) : (
              <BarChart figures={figures} locale={locale} words={words} />
            )}
          </Card.Content>
        </Card>
        <RedemptionsCard figures={figures} title={lastMonths(words.rewardsRedeemed)} locale={locale} words={words} />
        {empty ? null : (
          <Card>
            <Table
              dataHook="overview-table"
              data={[...figures].reverse()}
              rowDataHook={(figure: MonthFigures) => `overview-row-${figure.month}`}
              columns={[
                { title: words.month, render: (f: MonthFigures) => <Text size="small">{format.month(f.month)}</Text> },
                {
                  title: words.issued,
                  align: 'end',
                  render: (f: MonthFigures) => <Text size="small">{format.number(f.tokensIssued)}</Text>,
                },
                {
                  title: words.redeemed,
                  align: 'end',
                  render: (f: MonthFigures) => <Text size="small">{format.number(f.tokensRedeemed)}</Text>,
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
    <Page {...PAGE_FITS_PHONE} dataHook="overview-page">
      <Page.Header
        title={words.title}
        subtitle={words.subtitle}
        actionsBar={
          // Dark: the standard blue on the page header's background is under 4.5:1 (axe-core).
          <TextButton
            dataHook="overview-refresh"
            skin="dark"
            disabled={query.isFetching}
            onClick={() => query.refetch()}
          >
            {query.isFetching ? words.refreshing : words.refresh}
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
