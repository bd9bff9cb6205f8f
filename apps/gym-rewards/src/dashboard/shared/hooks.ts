import { useEffect, useRef, useState } from 'react';
import { newRequestId } from '../../shared/request-id';

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
