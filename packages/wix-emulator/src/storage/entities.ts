import { eq } from 'drizzle-orm';
import { conflict, entityNotFound } from '../http/errors.ts';
import type { Doc } from './columns.ts';
import type { Tx } from './db.ts';
import type { EntityTable } from './query.ts';

/** Drops `undefined` and the read-only bookkeeping fields a client may send back. */
export function stripSystemFields(doc: Doc): Doc {
  const { id: _id, revision: _r, createdDate: _c, updatedDate: _u, ...rest } = doc;
  return JSON.parse(JSON.stringify(rest)) as Doc;
}

/** Inserts an entity; the stored document gets `id`, `revision: "1"`, `createdDate` and `updatedDate`. */
export async function insertEntity(...args: Parameters<typeof insertEntityUnlessConflict>): Promise<Doc> {
  const doc = await insertEntityUnlessConflict(...args);
  if (!doc) throw new Error(`insert into ${args[2]} hit a unique constraint`);
  return doc;
}

/**
 * Inserts an entity unless a unique constraint (e.g. externalId per namespace) already holds the value;
 * returns null then, so the caller answers with its own error code. Races resolve in the database.
 */
export async function insertEntityUnlessConflict(
  tx: Tx,
  table: EntityTable,
  id: string,
  body: Doc,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<Doc | null> {
  const iso = now.toISOString();
  const data: Doc = { id, ...stripSystemFields(body), revision: '1', createdDate: iso, updatedDate: iso };
  const rows = await tx
    .insert(table)
    .values({ id, data, revision: 1, createdAt: now, updatedAt: now, ...extra } as never)
    .onConflictDoNothing()
    .returning({ id: table.id });
  return rows.length > 0 ? data : null;
}

export async function findEntity(tx: Tx, table: EntityTable, id: string, forUpdate = false): Promise<Doc | undefined> {
  const query = tx.select({ data: table.data }).from(table).where(eq(table.id, id));
  const rows = (await (forUpdate ? query.for('update') : query)) as Array<{ data: Doc }>;
  return rows[0]?.data;
}

export async function getEntity(
  tx: Tx,
  table: EntityTable,
  id: string,
  notFoundCode: string,
  what: string,
  forUpdate = false,
): Promise<Doc> {
  const doc = await findEntity(tx, table, id, forUpdate);
  if (!doc) throw entityNotFound(notFoundCode, what, id);
  return doc;
}

/**
 * Replaces an entity's document with `next`, bumping `revision` by one and `updatedDate` to now.
 * With `expectedRevision`, a stale revision is refused with 409 ABORTED (Wix's standard code for a concurrent change) and nothing changes.
 */
export async function saveEntity(
  tx: Tx,
  table: EntityTable,
  current: Doc,
  next: Doc,
  now: Date,
  expectedRevision?: string | null,
  extra: Record<string, unknown> = {},
): Promise<Doc> {
  const revision = Number(current.revision ?? 1);
  if (expectedRevision !== undefined && expectedRevision !== null && String(expectedRevision) !== String(revision)) {
    throw conflict('ABORTED', `revision ${expectedRevision} is stale: the current revision is ${revision}`, {
      id: current.id,
      currentRevision: String(revision),
    });
  }
  const data: Doc = {
    ...JSON.parse(JSON.stringify(next)),
    id: current.id,
    revision: String(revision + 1),
    createdDate: current.createdDate,
    updatedDate: now.toISOString(),
  };
  await tx
    .update(table)
    .set({ data, revision: revision + 1, updatedAt: now, ...extra } as never)
    .where(eq(table.id, String(current.id)));
  return data;
}
