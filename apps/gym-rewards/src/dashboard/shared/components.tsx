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

/** "Load more" for cursor-paged lists. */
export function LoadMore({
  hasMore,
  loading,
  onClick,
  dataHook,
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
  dataHook: string;
}) {
  if (!hasMore) return null;
  return (
    <Box align="center" padding="SP3">
      <Button dataHook={dataHook} priority="secondary" size="small" disabled={loading} onClick={onClick}>
        {loading ? 'Loading…' : 'Load more'}
      </Button>
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
