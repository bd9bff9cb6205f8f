import {
  Box,
  Button,
  Cell,
  Dropdown,
  EmptyState,
  Layout,
  Loader,
  Search,
  SectionHelper,
  TableToolbar,
  Text,
} from '@wix/design-system';
import React, { useState } from 'react';
import { type FieldError, messageOf, reasonOf } from './feedback';
import { germanReason } from './reasons';
import { germanMessageOf, germanReasonOf } from './refusals';
import { useWords } from './words';

type DropdownProps = React.ComponentProps<typeof Dropdown>;

/** The words of the parts every page shares. */
export const COMMON_PHRASES = {
  loadFailed: ["Couldn't load this", 'Konnte nicht geladen werden'],
  tryAgain: ['Try again', 'Erneut versuchen'],
  loading: ['Loading…', 'Wird geladen…'],
  loadMore: ['Load more', 'Mehr laden'],
  about: [(label: string) => `About ${label}`, (label: string) => `Info zu ${label}`],
  exportCsv: ['Export CSV', 'CSV exportieren'],
  clearSearch: ['Clear search', 'Suche löschen'],
  /** A field error with its reason in the page's language (the flows give reasons in English: `reasons.ts`). */
  fieldError: [
    (error: FieldError | null) => error,
    (error: FieldError | null) => error && { ...error, message: germanReason(error.message) },
  ],
  /** What went wrong, for a toast or a notice: the refusal's field and reason, or what it says of the whole form. */
  messageOf: [messageOf, germanMessageOf],
  /** What a refusal says of the whole form, without its field. */
  reasonOf: [reasonOf, germanReasonOf],
  exporting: ['Exporting…', 'Wird exportiert…'],
  notExported: [(why: string) => `Not exported: ${why}`, (why: string) => `Nicht exportiert: ${why}`],
} as const;

/**
 * What every page gives the design system's Page: no minimum width of its own (864 px by default, or none only with the
 * provider's `mobile`, which the design system says not to turn on inside an iframe, as a dashboard page is), so on a
 * 390 px phone the page narrows instead of being cut off at the right.
 */
export const PAGE_FITS_PHONE = { minWidth: 0 } as const;

/** A problem loading something, with a retry. */
export function LoadError({ error, onRetry, dataHook }: { error: unknown; onRetry?: () => void; dataHook: string }) {
  const words = useWords(COMMON_PHRASES);
  return (
    <SectionHelper
      dataHook={dataHook}
      skin="danger"
      title={words.loadFailed}
      {...(onRetry ? { actionText: words.tryAgain, onAction: () => onRetry() } : {})}
    >
      {words.messageOf(error)}
    </SectionHelper>
  );
}

/** A centered loader for a section that is loading. */
export function Loading({ text, dataHook }: { text?: string; dataHook: string }) {
  return (
    <Box align="center" verticalAlign="middle" padding="SP6" dataHook={dataHook}>
      <Loader size="small" {...(text ? { text } : {})} />
    </Box>
  );
}

/**
 * What a query's section shows: a loader (`{name}-loading`) while it loads, its error (`{name}-error`) with a retry,
 * `empty` when it found nothing, else `children`.
 */
export function QueryBody({
  query,
  name,
  loadingText,
  isEmpty,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  name: string;
  loadingText?: string;
  isEmpty: boolean;
  empty: React.ReactNode;
  children: React.ReactNode;
}) {
  if (query.isPending) return <Loading dataHook={`${name}-loading`} text={loadingText} />;
  if (query.isError)
    return <LoadError dataHook={`${name}-error`} error={query.error} onRetry={() => query.refetch()} />;
  return <>{isEmpty ? empty : children}</>;
}

/** A list's toolbar: its title or its own controls at the start, its search box (`searchProps` of useSearch) at the end. */
export function SearchToolbar({
  title,
  controls = [],
  search,
  end = [],
}: {
  title?: string;
  controls?: Array<{ key: string; control: React.ReactNode }>;
  /** Controls after the search box (an export, say). */
  end?: Array<{ key: string; control: React.ReactNode }>;
  search: {
    dataHook: string;
    placeholder: string;
    width?: string;
    props: Omit<React.ComponentProps<typeof Search>, 'size'>;
  };
}) {
  const box = <Search dataHook={search.dataHook} size="small" placeholder={search.placeholder} {...search.props} />;
  return (
    <TableToolbar>
      <TableToolbar.ItemGroup position="start">
        {title ? (
          <TableToolbar.Item>
            <TableToolbar.Title>{title}</TableToolbar.Title>
          </TableToolbar.Item>
        ) : null}
        {controls.map(({ key, control }) => (
          <TableToolbar.Item key={key}>{control}</TableToolbar.Item>
        ))}
      </TableToolbar.ItemGroup>
      <TableToolbar.ItemGroup position="end">
        <TableToolbar.Item>{search.width ? <Box width={search.width}>{box}</Box> : box}</TableToolbar.Item>
        {end.map(({ key, control }) => (
          <TableToolbar.Item key={key}>{control}</TableToolbar.Item>
        ))}
      </TableToolbar.ItemGroup>
    </TableToolbar>
  );
}

/**
 * A list with the open item's panel beside it (7 and 5 of 12 columns), or the list alone; `above` spans the row above.
 * On a phone the panel goes full width above the list (`phone.css`).
 * `cols` is the Layout's (its stylesheet's grid when not given).
 */
export function ListWithPanel({
  above,
  list,
  panel,
  cols,
}: {
  above?: React.ReactNode;
  list: React.ReactNode;
  panel: React.ReactNode;
  cols?: number;
}) {
  return (
    <Layout cols={cols} className="list-with-panel">
      {above ? (
        <Cell span={12} className="list-with-panel__above">
          {above}
        </Cell>
      ) : null}
      <Cell span={panel ? 7 : 12}>{list}</Cell>
      {panel ? (
        <Cell span={5} className="list-with-panel__panel">
          {panel}
        </Cell>
      ) : null}
    </Layout>
  );
}

/** A list's first column: the row's name in bold, and a detail line under it when there is one. */
export function NameCell({
  name,
  dataHook,
  detail,
  ellipsis,
}: {
  name: React.ReactNode;
  dataHook: string;
  detail: React.ReactNode | undefined;
  ellipsis?: boolean;
}) {
  return (
    <Box direction="vertical">
      <Text size="small" weight="bold" dataHook={dataHook}>
        {name}
      </Text>
      {detail === undefined ? null : (
        <Text size="tiny" secondary ellipsis={ellipsis}>
          {detail}
        </Text>
      )}
    </Box>
  );
}

/** A secondary button whose work takes a while: it says so (`busyText`) and waits until the work is done. */
export function BusyButton({
  dataHook,
  busy,
  busyText,
  onClick,
  children,
}: {
  dataHook: string;
  busy: boolean;
  busyText: string;
  onClick: () => void;
  children: string;
}) {
  return (
    <Button dataHook={dataHook} priority="secondary" size="small" disabled={busy} onClick={onClick}>
      {busy ? busyText : children}
    </Button>
  );
}

/** "Load more" under a cursor-paged list: the next page of its infinite query, while there is one. */
export function LoadMore({
  query,
  dataHook,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  dataHook: string;
}) {
  const words = useWords(COMMON_PHRASES);
  if (!query.hasNextPage) return null;
  return (
    <Box align="center" padding="SP3">
      <BusyButton
        dataHook={dataHook}
        busy={query.isFetchingNextPage}
        busyText={words.loading}
        onClick={() => query.fetchNextPage()}
      >
        {words.loadMore}
      </BusyButton>
    </Box>
  );
}

/** A label over a figure. */
export function Figure({ label, value, dataHook }: { label: string; value: React.ReactNode; dataHook: string }) {
  return (
    <Box direction="vertical" gap="SP1">
      <Text size="small" secondary>
        {label}
      </Text>
      <Text weight="bold" dataHook={dataHook}>
        {value}
      </Text>
    </Box>
  );
}

/** The buttons confirming a destructive action: do it (`confirm`) or leave things as they are; both wait while it runs. */
export function ConfirmButtons({
  confirm,
  cancel,
  busy,
  size,
  onConfirm,
  onCancel,
}: {
  confirm: { text: string; dataHook: string };
  cancel: { text: string; dataHook: string };
  busy: boolean;
  size: 'tiny' | 'small';
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <>
      <Button dataHook={confirm.dataHook} skin="destructive" size={size} disabled={busy} onClick={onConfirm}>
        {confirm.text}
      </Button>
      <Button dataHook={cancel.dataHook} priority="secondary" size={size} disabled={busy} onClick={onCancel}>
        {cancel.text}
      </Button>
    </>
  );
}

/**
 * Nothing to list, said in a section: a title, a hint and what to do next. The hint is text of ours, not the EmptyState's
 * subtitle, whose colour (#868AA5 on white) is under 4.5:1 (axe-core's colour-contrast).
 */
export function EmptyList({
  dataHook,
  title,
  hint,
  children,
}: {
  dataHook: string;
  title: string;
  hint: string;
  children?: React.ReactNode;
}) {
  return (
    <EmptyState dataHook={dataHook} skin="section" title={title}>
      <Box direction="vertical" gap="SP3" align="center">
        <Text size="small" secondary>
          {hint}
        </Text>
        {children}
      </Box>
    </EmptyState>
  );
}

/**
 * A dropdown with a name for screen readers. It says whether its list is open from the start: the design system's
 * Dropdown (1.328) leaves `aria-expanded` off its combobox until first opened (its state lacks `showOptions`), which
 * axe-core finds as a missing required attribute.
 */
export function LabelledDropdown({
  label,
  dataHook,
  options,
  selectedId,
  onSelect,
  size,
  placeholder,
}: {
  label: string;
  dataHook: string;
  options: DropdownProps['options'];
  selectedId: string | number | undefined;
  onSelect: NonNullable<DropdownProps['onSelect']>;
  size?: DropdownProps['size'];
  placeholder?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      dataHook={dataHook}
      options={options}
      selectedId={selectedId}
      onSelect={onSelect}
      size={size}
      placeholder={placeholder}
      ariaLabel={label}
      // Not in the Dropdown's typings, handed on to its input (as the design system does itself once opened).
      {...({ ariaExpanded: open } as object)}
      onOptionsShow={() => setOpen(true)}
      onOptionsHide={() => setOpen(false)}
    />
  );
}
