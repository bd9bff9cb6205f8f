import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Box, Button, Card, Page, Table, Text } from '@wix/design-system';
import React, { useState } from 'react';
import { PlanLock, usePlanLock } from '../plans/PlanLock';
import {
  EmptyList,
  LabelledDropdown,
  ListWithPanel,
  LoadMore,
  NameCell,
  PAGE_FITS_PHONE,
  QueryBody,
  SearchToolbar,
} from '../shared/components';
import { formatsIn } from '../shared/format';
import { useSearch } from '../shared/hooks';
import { dashboardLocale, LocaleContext, useLocale, useWords } from '../shared/words';
import { formatMoney, type LinkRow, linkKeys, linksApi, STATUS_SKIN } from './api';
import { CreateLink } from './CreateLink';
import { LinkPanel } from './LinkPanel';
import { PAYMENT_LINKS_PHRASES } from './words';

type StatusFilter = '' | LinkRow['status'];
type TypeFilter = '' | LinkRow['type'];

/** A right-aligned figure column of the list, its cells named `<hook>-<link id>`. */
const figure = (title: string, width: string, hook: string, value: (link: LinkRow) => React.ReactNode) => ({
  key: hook,
  title,
  align: 'end' as const,
  width,
  render: (link: LinkRow) => (
    <Text size="small" dataHook={`${hook}-${link.id}`}>
      {value(link)}
    </Text>
  ),
});

/** The Payment links page in `locale` (the dashboard's by default). */
export function PaymentLinks({ locale = dashboardLocale() }: { locale?: string }) {
  return (
    <LocaleContext.Provider value={locale}>
      <PaymentLinksPage />
    </LocaleContext.Provider>
  );
}

/** Payment links: the list with filters, search and paging; a link's panel; creating one. */
function PaymentLinksPage() {
  const words = useWords(PAYMENT_LINKS_PHRASES);
  const format = formatsIn(useLocale());
  const STATUS_OPTIONS = [
    { id: '', value: words.allStatuses },
    ...['ACTIVE', 'INACTIVE', 'PAID', 'EXPIRED'].map((id) => ({ id, value: words.status(id) })),
  ];
  const TYPE_OPTIONS = [
    { id: '', value: words.allTypes },
    ...(['ECOM', 'ECOM_ORDER'] as const).map((id) => ({ id, value: words.type(id) })),
  ];
  const SORT_OPTIONS = [
    { id: 'NEWEST', value: words.newestFirst },
    { id: 'OLDEST', value: words.oldestFirst },
  ];
  const [status, setStatus] = useState<StatusFilter>('');
  const [type, setType] = useState<TypeFilter>('');
  const [sort, setSort] = useState<'NEWEST' | 'OLDEST'>('NEWEST');
  const { term: text, searchProps } = useSearch();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  const filters = { status, type, sort, text };
  const filterControls = [
    {
      hook: 'links-filter-status',
      label: words.filterStatus,
      options: STATUS_OPTIONS,
      value: status,
      set: (v: string) => setStatus(v as StatusFilter),
    },
    {
      hook: 'links-filter-type',
      label: words.filterType,
      options: TYPE_OPTIONS,
      value: type,
      set: (v: string) => setType(v as TypeFilter),
    },
    {
      hook: 'links-sort',
      label: words.sortBy,
      options: SORT_OPTIONS,
      value: sort,
      set: (v: string) => setSort(v as 'NEWEST' | 'OLDEST'),
    },
  ];
  const query = useInfiniteQuery({
    queryKey: linkKeys.list(filters),
    queryFn: ({ pageParam }) =>
      linksApi.listPaymentLinks({
        ...(status ? { status: [status] } : {}),
        ...(type ? { type } : {}),
        ...(text ? { search: text } : {}),
        sort,
        cursor: pageParam,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.cursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((page) => page.links) ?? [];
  const open = rows.find((r) => r.id === openId) ?? null;
  const filtered = Boolean(status || type || text);

  const allColumns = [
    {
      key: 'title',
      title: words.colTitle,
      render: (link: LinkRow) => (
        <NameCell
          name={link.title}
          dataHook={`link-title-${link.id}`}
          ellipsis
          detail={
            link.items.map((item) => `${item.quantity} × ${item.name}`).join(', ') ||
            (link.orderId ? words.order(link.orderId) : '')
          }
        />
      ),
    },
    {
      key: 'type',
      title: words.colType,
      width: '80px',
      render: (link: LinkRow) => <Text size="small">{words.type(link.type)}</Text>,
    },
    figure(words.colAmount, '110px', 'link-amount', (link) => formatMoney(link.amount, link.currency)),
    {
      key: 'status',
      title: words.colStatus,
      width: '100px',
      render: (link: LinkRow) => (
        <Badge size="small" skin={STATUS_SKIN[link.status]} dataHook={`link-status-${link.id}`}>
          {words.status(link.status)}
        </Badge>
      ),
    },
    figure(words.colPayments, '90px', 'link-payments', (link) =>
      link.paymentsLimit ? `${link.payments} / ${link.paymentsLimit}` : link.payments,
    ),
    {
      key: 'created',
      title: words.colCreated,
      width: '120px',
      render: (link: LinkRow) => <Text size="small">{format.date(link.createdDate)}</Text>,
    },
  ];

  // With a link open beside the list, the list keeps what tells links apart.
  const columns = open ? allColumns.filter((c) => c.key !== 'type' && c.key !== 'created') : allColumns;

  // Payment links are a paid plan's: on a lower plan the links made before stay listed, no new one is made.
  const locked = usePlanLock('payment-links') !== null;
  const empty = (
    <Box padding="SP4" paddingBottom="SP8" direction="vertical">
      <EmptyList
        dataHook="links-empty"
        title={filtered ? words.noneMatch : words.noneYet}
        hint={filtered ? words.tryAnother : words.createHint}
      >
        {filtered || locked ? null : (
          <Button dataHook="links-empty-create" onClick={() => setCreating(true)}>
            {words.create}
          </Button>
        )}
      </EmptyList>
    </Box>
  );
  const body = (
    <QueryBody query={query} name="links" loadingText={words.loading} isEmpty={rows.length === 0} empty={empty}>
      <Table
        dataHook="links-table"
        data={rows}
        columns={columns}
        rowDataHook={(link: LinkRow) => `link-row-${link.id}`}
        onRowClick={(link: LinkRow) => setOpenId(link.id)}
        isRowHighlight={(link: LinkRow) => link.id === openId}
      >
        <Table.Content />
      </Table>
      <LoadMore dataHook="links-more" query={query} />
    </QueryBody>
  );

  // The Page lays out its own parts only: the modal goes beside it.
  return (
    <>
      <Page {...PAGE_FITS_PHONE} dataHook="payment-links-page">
        <Page.Header
          title={words.title}
          subtitle={words.subtitle}
          actionsBar={
            <Button dataHook="links-create" disabled={locked} onClick={() => setCreating(true)}>
              {words.create}
            </Button>
          }
        />
        <Page.Content>
          <ListWithPanel
            above={locked ? <PlanLock feature="payment-links" /> : null}
            list={
              <Card>
                <SearchToolbar
                  controls={filterControls.map((control) => ({
                    key: control.hook,
                    control: (
                      <LabelledDropdown
                        dataHook={control.hook}
                        label={control.label}
                        size="small"
                        options={control.options}
                        selectedId={control.value}
                        onSelect={(option) => control.set(String(option.id))}
                      />
                    ),
                  }))}
                  search={{ dataHook: 'links-search', placeholder: words.searchTitles, props: searchProps }}
                />
                {body}
              </Card>
            }
            panel={open ? <LinkPanel link={open} onClose={() => setOpenId(null)} /> : null}
          />
        </Page.Content>
      </Page>
      {creating ? (
        <CreateLink
          onClose={() => setCreating(false)}
          onCreated={(link) => {
            setCreating(false);
            setOpenId(link.id);
          }}
        />
      ) : null}
    </>
  );
}
