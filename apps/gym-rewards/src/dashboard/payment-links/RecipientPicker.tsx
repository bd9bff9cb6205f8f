import { useInfiniteQuery } from '@tanstack/react-query';
import { Box, Checkbox, Search, Text } from '@wix/design-system';
import React from 'react';
import { LoadError, Loading, LoadMore } from '../shared/components';
import { useSearch } from '../shared/hooks';
import { useWords } from '../shared/words';
import { linkKeys, linksApi } from './api';
import { PAYMENT_LINKS_PHRASES } from './words';

/** At most this many recipients: Wix sends a link to 50 contacts at a time. */
export const MAX_RECIPIENTS = 50;

/** Contacts to send a link to (every member is one), searched by name or email. */
export function RecipientPicker({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const words = useWords(PAYMENT_LINKS_PHRASES);
  const { term, searchProps } = useSearch();
  const query = useInfiniteQuery({
    queryKey: linkKeys.recipients(term),
    queryFn: ({ pageParam }) => linksApi.paymentLinkRecipients({ search: term, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.offset ?? undefined,
  });
  const contacts = query.data?.pages.flatMap((page) => page.contacts) ?? [];
  const toggle = (id: string) =>
    onChange(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id].slice(0, MAX_RECIPIENTS));
  return (
    <Box direction="vertical" gap="SP2" dataHook="recipient-picker">
      <Search dataHook="recipient-search" size="small" placeholder={words.searchContacts} {...searchProps} />
      {query.isPending ? (
        <Loading dataHook="recipients-loading" />
      ) : query.isError ? (
        <LoadError dataHook="recipients-error" error={query.error} onRetry={() => query.refetch()} />
      ) : contacts.length === 0 ? (
        <Text size="small" secondary dataHook="recipients-empty">
          {words.noContacts}
        </Text>
      ) : (
        <Box direction="vertical" gap="SP1" maxHeight="200px" overflowY="auto">
          {contacts.map((c) => (
            <Checkbox
              key={c.contactId}
              dataHook={`recipient-contact-${c.contactId}`}
              checked={selected.includes(c.contactId)}
              onChange={() => toggle(c.contactId)}
            >
              {c.name}
              {c.email && c.email !== c.name ? ` · ${c.email}` : ''}
            </Checkbox>
          ))}
          <LoadMore dataHook="recipients-more" query={query} />
        </Box>
      )}
      <Text size="tiny" secondary dataHook="recipients-count">
        {words.picked(selected.length, MAX_RECIPIENTS)}
      </Text>
    </Box>
  );
}
