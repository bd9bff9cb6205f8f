import type { Query, WithSubquery } from 'drizzle-orm';
import { eq, getTableName, sql } from 'drizzle-orm';
import { conflict, entityNotFound } from '../http/errors.ts';
import { builtOnce } from './built-once.ts';
import type { Bookkeeping, Doc } from './columns.ts';
import type { Tx } from './db.ts';
import type { DocOf, EntityTable } from './query.ts';

/** What a caller writes: the document without the bookkeeping fields the store sets. */
type Body<D> = Omit<D, 'id' | 'revision' | 'createdDate' | 'updatedDate'> & Doc;

/** Drops `undefined` and the read-only bookkeeping fields a client may send back. */
export function stripSystemFields<D extends object>(
  doc: D,
): Omit<D, 'id' | 'revision' | 'createdDate' | 'updatedDate'> {
  const { id: _id, revision: _r, createdDate: _c, updatedDate: _u, ...rest } = doc as D & Bookkeeping;
  return JSON.parse(JSON.stringify(rest));
}

/** Inserts an entity; the stored document gets `id`, `revision: "1"`, `createdDate` and `updatedDate`. */
export async function insertEntity<Table extends EntityTable>(
  ...args: Parameters<typeof insertEntityUnlessConflict<Table>>
): Promise<DocOf<Table>> {
  const doc = await insertEntityUnlessConflict(...args);
  if (!doc) throw new Error(`insert into ${args[2]} hit a unique constraint`);
  return doc;
}

/**
 * Inserts an entity unless a unique constraint (e.g. externalId per namespace) already holds the value;
 * returns null then, so the caller answers with its own error code. Races resolve in the database.
 */
export async function insertEntityUnlessConflict<Table extends EntityTable>(
  tx: Tx,
  table: Table,
  id: string,
  body: Body<DocOf<Table>>,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<DocOf<Table> | null> {
  const { data, values } = insertion(id, body, now, extra);
  const insert = statementOf(inserts, table, Object.keys(values), (tx, placeholders) =>
    tx
      .insert(table)
      .values(placeholders as never)
      .onConflictDoNothing()
      .returning({ id: table.id }),
  );
  const rows = await insert(tx, values);
  return rows.length > 0 ? data : null;
}

export async function findEntity<Table extends EntityTable>(
  tx: Tx,
  table: Table,
  id: string,
  forUpdate = false,
): Promise<DocOf<Table> | undefined> {
  const query = tx
    .select({ data: table.data })
    .from(table as EntityTable)
    .where(eq(table.id, id));
  const rows = (await (forUpdate ? query.for('update') : query)) as Array<{ data: DocOf<Table> }>;
  return rows[0]?.data;
}

export async function getEntity<Table extends EntityTable>(
  tx: Tx,
  table: Table,
  id: string,
  notFoundCode: string,
  what: string,
  forUpdate = false,
): Promise<DocOf<Table>> {
  const doc = await findEntity(tx, table, id, forUpdate);
  if (!doc) throw entityNotFound(notFoundCode, what, id);
  return doc;
}

/**
 * Replaces an entity's document with `next`, bumping `revision` by one and `updatedDate` to now.
 * With `expectedRevision`, a stale revision is refused with 409 ABORTED (Wix's standard code for a concurrent change) and nothing changes.
 */
export async function saveEntity<Table extends EntityTable>(
  tx: Tx,
  table: Table,
  current: DocOf<Table> & Bookkeeping,
  next: Body<DocOf<Table>>,
  now: Date,
  expectedRevision?: string | null,
  extra: Record<string, unknown> = {},
): Promise<DocOf<Table>> {
  const { data, values } = update(current, next, now, expectedRevision, extra);
  const statement = statementOf(updates, table, Object.keys(values), (tx, placeholders) =>
    tx
      .update(table)
      .set(placeholders as never)
      .where(eq(table.id, sql.placeholder('id'))),
  );
  await statement(tx, { ...values, id: String(current.id) });
  return data;
}

/**
 * A further `WITH` for a statement built once (`name` tells the statements apart), with its placeholders' values made
 * from what the statement writes.
 */
export interface AlongWrite<Written> {
  name: string;
  with: (tx: Tx) => WithSubquery;
  values: (written: Written) => Record<string, unknown>;
}

/**
 * `insertEntity` of one entity and `saveEntity` of another in one statement (the insert as a data-modifying `WITH`),
 * one round trip to PostgreSQL for both: a ledger's entry and the balance it changes; `along`, a write more in the
 * same statement (an idempotency key's answer, `answerKeep`).
 */
export async function insertAndSaveEntities<Inserted extends EntityTable, Saved extends EntityTable>(
  tx: Tx,
  inserted: { table: Inserted; id: string; body: Body<DocOf<Inserted>>; extra?: Record<string, unknown> },
  saved: { table: Saved; current: DocOf<Saved> & Bookkeeping; next: Body<DocOf<Saved>> },
  now: Date,
  along?: AlongWrite<{ inserted: DocOf<Inserted>; saved: DocOf<Saved> }>,
): Promise<{ inserted: DocOf<Inserted>; saved: DocOf<Saved> }> {
  const insert = insertion(inserted.id, inserted.body, now, inserted.extra ?? {});
  const save = update(saved.current, saved.next, now);
  const insertColumns = Object.keys(insert.values);
  const saveColumns = Object.keys(save.values);
  let ofTables = pairs.get(inserted.table);
  if (!ofTables) {
    ofTables = new Map();
    pairs.set(inserted.table, ofTables);
  }
  const shape = `${getTableName(saved.table)}|${insertColumns.join(',')}|${saveColumns.join(',')}|${along?.name ?? ''}`;
  let statement = ofTables.get(shape);
  if (!statement) {
    // Placeholders named `insert.<column>` and `save.<column>`: the two statements write columns of the same names.
    const named = (prefix: string, columns: string[]) =>
      Object.fromEntries(columns.map((column) => [column, sql.placeholder(`${prefix}.${column}`)]));
    statement = builtOnce((tx) => {
      const entry = tx.$with('inserted', {}).as(
        tx
          .insert(inserted.table)
          .values(named('insert', insertColumns) as never)
          .getSQL(),
      );
      return tx
        .with(entry, ...(along ? [along.with(tx)] : []))
        .update(saved.table)
        .set(named('save', saveColumns) as never)
        .where(eq(saved.table.id, sql.placeholder('save.id')));
    });
    ofTables.set(shape, statement);
  }
  const values: Record<string, unknown> = { 'save.id': String(saved.current.id) };
  for (const [column, value] of Object.entries(insert.values)) values[`insert.${column}`] = value;
  for (const [column, value] of Object.entries(save.values)) values[`save.${column}`] = value;
  const written = { inserted: insert.data, saved: save.data };
  await statement(tx, along ? { ...values, ...along.values(written) } : values);
  return written;
}

/** The document an insert stores (`id`, `revision: "1"`, `createdDate`, `updatedDate` set) and its columns' values. */
function insertion<D>(id: string, body: Body<D>, now: Date, extra: Record<string, unknown>) {
  const iso = now.toISOString();
  // The one place a body becomes a stored document: the table's type says what the document is.
  const data = { id, ...stripSystemFields(body), revision: '1', createdDate: iso, updatedDate: iso } as D;
  const values = { id, data, revision: 1, createdAt: now, updatedAt: now, ...definedOnly(extra) };
  return { data, values };
}

/**
 * The document an update stores (`revision` bumped by one, `updatedDate` now) and its columns' values. With
 * `expectedRevision`, a stale revision is refused with 409 ABORTED (Wix's standard code for a concurrent change).
 */
function update<D>(
  current: D & Bookkeeping,
  next: Body<D>,
  now: Date,
  expectedRevision?: string | null,
  extra: Record<string, unknown> = {},
) {
  const revision = Number(current.revision ?? 1);
  if (expectedRevision !== undefined && expectedRevision !== null && String(expectedRevision) !== String(revision)) {
    throw conflict('ABORTED', `revision ${expectedRevision} is stale: the current revision is ${revision}`, {
      id: current.id,
      currentRevision: String(revision),
    });
  }
  const data = {
    ...JSON.parse(JSON.stringify(next)),
    id: current.id,
    revision: String(revision + 1),
    createdDate: current.createdDate,
    updatedDate: now.toISOString(),
  } as D;
  const values = { data, revision: revision + 1, updatedAt: now, ...definedOnly(extra) };
  return { data, values };
}

type Statement = ReturnType<typeof builtOnce<Record<string, unknown>>>;
/** The insert and the update of each table, built once for each set of columns they write (`builtOnce`). */
const inserts = new WeakMap<EntityTable, Map<string, Statement>>();
const updates = new WeakMap<EntityTable, Map<string, Statement>>();
/** `insertAndSaveEntities`' statements, by the inserted table, then the saved table and both sets of columns. */
const pairs = new WeakMap<EntityTable, Map<string, Statement>>();

/** The statement of `table` writing `columns`, each value a placeholder of the column's name. */
function statementOf(
  statements: WeakMap<EntityTable, Map<string, Statement>>,
  table: EntityTable,
  columns: string[],
  build: (tx: Tx, placeholders: Record<string, unknown>) => { toSQL(): Query },
): Statement {
  let ofTable = statements.get(table);
  if (!ofTable) {
    ofTable = new Map();
    statements.set(table, ofTable);
  }
  const shape = columns.join(',');
  let statement = ofTable.get(shape);
  if (!statement) {
    const placeholders = Object.fromEntries(columns.map((column) => [column, sql.placeholder(column)]));
    statement = builtOnce((tx) => build(tx, placeholders));
    ofTable.set(shape, statement);
  }
  return statement;
}

/** Drizzle leaves a column given `undefined` to its default: so does a statement built once, by not naming it. */
const definedOnly = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
