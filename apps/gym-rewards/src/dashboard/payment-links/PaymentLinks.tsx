import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Dropdown, EmptyState, Page, Table, Text } from '@wix/design-system';
import React, { useState } from 'react';
import { PlanLock, usePlanLock } from '../plans/PlanLock';
import { ListWithPanel, LoadMore, NameCell, QueryBody, SearchToolbar } from '../shared/components';
import { formatDate } from '../shared/format';
import { useSearch } from '../shared/hooks';
import { formatMoney, type LinkRow, linkKeys, linksApi, STATUS_SKIN, statusLabel, TYPE_LABEL } from './api';
import { CreateLink } from './CreateLink';
import { LinkPanel } from './LinkPanel';

type StatusFilter = '' | LinkRow['status'];
type TypeFilter = '' | LinkRow['type'];

const STATUS_OPTIONS = [
  { id: '', value: 'All statuses' },
  { id: 'ACTIVE', value: 'Active' },
  { id: 'INACTIVE', value: 'Inactive' },
  { id: 'PAID', value: 'Paid' },
  { id: 'EXPIRED', value: 'Expired' },
];
const TYPE_OPTIONS = [
  { id: '', value: 'All types' },
  { id: 'ECOM', value: 'Items' },
  { id: 'ECOM_ORDER', value: 'Order' },
];
const SORT_OPTIONS = [
  { id: 'NEWEST', value: 'Newest first' },
  { id: 'OLDEST', value: 'Oldest first' },
];

/** A right-aligned figure column of the list, its cells named `<hook>-<link id>`. */
const figure = (title: string, width: string, hook: string, value: (link: LinkRow) => React.ReactNode) => ({
  title,
  align: 'end' as const,
  width,
  render: (link: LinkRow) => (
    <Text size="small" dataHook={`${hook}-${link.id}`}>
      {value(link)}
    </Text>
  ),
});

/** Payment links: the list with filters, search and paging; a link's panel; creating one. */
export function PaymentLinks() {
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
      options: STATUS_OPTIONS,
      value: status,
      set: (v: string) => setStatus(v as StatusFilter),
    },
    { hook: 'links-filter-type', options: TYPE_OPTIONS, value: type, set: (v: string) => setType(v as TypeFilter) },
    { hook: 'links-sort', options: SORT_OPTIONS, value: sort, set: (v: string) => setSort(v as 'NEWEST' | 'OLDEST') },
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
      title: 'Title',
      render: (link: LinkRow) => (
        <NameCell
          name={link.title}
          dataHook={`link-title-${link.id}`}
          ellipsis
          detail={
            link.items.map((item) => `${item.quantity} × ${item.name}`).join(', ') ||
            (link.orderId ? `Order ${link.orderId}` : '')
          }
        />
      ),
    },
    { title: 'Type', width: '80px', render: (link: LinkRow) => <Text size="small">{TYPE_LABEL[link.type]}</Text> },
    figure('Amount', '110px', 'link-amount', (link) => formatMoney(link.amount, link.currency)),
    {
      title: 'Status',
      width: '100px',
      render: (link: LinkRow) => (
        <Badge size="small" skin={STATUS_SKIN[link.status]} dataHook={`link-status-${link.id}`}>
          {statusLabel(link.status)}
        </Badge>
      ),
    },
    figure('Payments', '90px', 'link-payments', (link) =>
      link.paymentsLimit ? `${link.payments} / ${link.paymentsLimit}` : link.payments,
    ),
    {
      title: 'Created',
      width: '120px',
      render: (link: LinkRow) => <Text size="small">{formatDate(link.createdDate)}</Text>,
    },
  ];

  // With a link open beside the list, the list keeps what tells links apart.
  const columns = open ? allColumns.filter((c) => c.title !== 'Type' && c.title !== 'Created') : allColumns;

  const empty = (
    <EmptyState
      dataHook="links-empty"
      skin="section"
      title={filtered ? 'No payment links match' : 'No payment links yet'}
      subtitle={
        filtered
          ? 'Try another status, type or search.'
          : 'Create a link for day passes, personal-training packs or merchandise, and send it to a member.'
      }
    >
      {filtered ? null : (
        <Button dataHook="links-empty-create" onClick={() => setCreating(true)}>
          Create payment link
        </Button>
      )}
    </EmptyState>
  );
  const body = (
    <QueryBody
      query={query}
      name="links"
      loadingText="Loading payment links…"
      isEmpty={rows.length === 0}
      empty={empty}
    >
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

  // Payment links are a paid plan's: on a lower plan the links made before stay listed, no new one is made.
  const locked = usePlanLock('payment-links') !== null;
  // The Page lays out its own parts only: the modal goes beside it.
  return (
    <>
      <Page>
        <Page.Header
          title="Payment links"
          subtitle="Charge for passes, packs and merchandise with a link: send it, show its QR code at the desk, or take the payment now."
          actionsBar={
            <Button dataHook="links-create" disabled={locked} onClick={() => setCreating(true)}>
              Create payment link
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
                      <Dropdown
                        dataHook={control.hook}
                        size="small"
                        options={control.options}
                        selectedId={control.value}
                        onSelect={(option) => control.set(String(option.id))}
                      />
                    ),
                  }))}
                  search={{ dataHook: 'links-search', placeholder: 'Search titles', props: searchProps }}
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
