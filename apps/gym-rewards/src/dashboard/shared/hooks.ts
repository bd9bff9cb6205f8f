import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { newRequestId } from '../../shared/request-id';
import { COMMON_PHRASES } from './components';
import { useWords } from './words';

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Request ids for submissions that must count once: the same submission (same `key`) keeps its id until it has a
 * definite answer, so a retry after a lost answer changes nothing more; a new submission gets a new id.
 */
export function useRequestIds() {
  const pending = useRef(new Map<string, string>());
  return {
    /** The id for this submission: the pending one when it is a retry, a new one otherwise. */
    idFor(key: string): string {
      const existing = pending.current.get(key);
      if (existing) return existing;
      const id = newRequestId();
      pending.current.set(key, id);
      return id;
    },
    /** The submission has its answer: the next one with the same key is a new submission. */
    settle(key: string): void {
      pending.current.delete(key);
    },
  };
}

/** A search box's text as typed (`searchProps` for the Search box) and the term it settles on. */
export function useSearch() {
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 300);
  const words = useWords(COMMON_PHRASES);
  const searchProps = {
    // The box's clear button is named for screen readers (the design system leaves it unnamed).
    clearButtonAriaLabel: words.clearSearch,
    value: search,
    onChange: (event: { target: { value: string } }) => setSearch(event.target.value),
    onClear: () => setSearch(''),
  };
  return { term, searchProps };
}

/**
 * A list searched by name, a page at a time: the search as typed (`searchProps` for the Search box), the term it
 * settles on, and the infinite query of the pages for that term, each fetched with `{ search?, cursor }`.
 */
export function useSearchedPages<Page extends { cursor?: string | null }>(
  key: (term: string) => QueryKey,
  fetchPage: (input: { search?: string; cursor: string | null }) => Promise<Page>,
) {
  const { term, searchProps } = useSearch();
  const query = useInfiniteQuery({
    queryKey: key(term),
    queryFn: ({ pageParam }) => fetchPage({ ...(term ? { search: term } : {}), cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.cursor ?? undefined,
  });
  return { term, query, searchProps };
}
