import type { Query } from 'drizzle-orm';
import type { Tx } from './db.ts';

/**
 * A statement drizzle builds once, with `sql.placeholder(name)` where its values go, then runs with `values` on the
 * transaction or pool it is given (through the session's public `prepareQuery`). Building is drizzle's walk over a
 * query's parts, 54-128 µs for the emulator's most frequent statements, more than PostgreSQL takes to run them; a
 * Change Balance runs five. Values pass through their columns' encoders as with any drizzle statement. The rows come
 * as arrays in the order of the statement's columns, as pg reads them (jsonb parsed, timestamps as text): for
 * statements that answer ids and documents.
 */
export function builtOnce<Values extends Record<string, unknown>>(build: (tx: Tx) => { toSQL(): Query }) {
  let query: Query | undefined;
  return (tx: Tx, values: Values): Promise<unknown[][]> => {
    query ??= build(tx).toSQL();
    return tx._.session
      .prepareQuery<{ execute: unknown[][]; all: unknown; values: unknown }>(
        query,
        undefined,
        undefined,
        true,
        (rows) => rows,
      )
      .execute(values);
  };
}
