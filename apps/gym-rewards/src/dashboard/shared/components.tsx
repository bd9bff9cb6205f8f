import { Box, Button, Loader, SectionHelper, Text } from '@wix/design-system';
import React from 'react';
import { messageOf } from './feedback';

/** A problem loading something, with a retry. */
export function LoadError({ error, onRetry, dataHook }: { error: unknown; onRetry?: () => void; dataHook: string }) {
  return (
    <SectionHelper
      dataHook={dataHook}
      skin="danger"
      title="Couldn't load this"
      {...(onRetry ? { actionText: 'Try again', onAction: () => onRetry() } : {})}
    >
      {messageOf(error)}
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
  if (!query.hasNextPage) return null;
  return (
    <Box align="center" padding="SP3">
      <BusyButton
        dataHook={dataHook}
        busy={query.isFetchingNextPage}
        busyText="Loading…"
        onClick={() => query.fetchNextPage()}
      >
        Load more
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
