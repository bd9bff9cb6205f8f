import { randomUUID } from 'node:crypto';
import { and, eq, lt, not, sql } from 'drizzle-orm';
import { conflict, notFound, WixError } from '../../http/errors.ts';
import type { Identity } from '../../platform/identity.ts';
import { builtOnce } from '../../storage/built-once.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { composeItem, ownerOf, type PreparedItem, queryableForm, wireDate } from './item-document.ts';
import {
  lagColumnsOnWrite,
  lagColumnsPlaceholders,
  lagValues,
  type ReadView,
  visibleVersion,
  type WriteLag,
} from './item-lag.ts';
import { dataCollections, dataItems } from './tables.ts';

/** Wix Data's error codes for items (`details.applicationError.code`). */
export const itemNotFound = (collectionId: string, itemId: string) =>
  notFound('WDE0073', `Item [${itemId}] does not exist in collection [${collectionId}]`, {
    collectionId,
    itemId,
  });

const itemAlreadyExists = (collectionId: string, itemId: string) =>
  conflict('WDE0074', `Item [${itemId}] already exists in collection [${collectionId}]`, {
    collectionId,
    itemId,
  });

/** A data item as the REST API answers it. */
export const dataItemOf = (collectionId: string, item: Doc) => ({
  id: item._id,
  dataCollectionId: collectionId,
  data: item,
});

/** Creates the collection when it does not exist yet (`IMPLICIT` on a first write, `DECLARED` through the emulator API). */
export async function ensureCollection(tx: Tx, collectionId: string, origin: 'IMPLICIT' | 'DECLARED', now: Date) {
  await tx.insert(dataCollections).values({ id: collectionId, origin, createdAt: now }).onConflictDoNothing();
}

/** The latest version of an item, for a write (a tombstone left by a strict-mode removal is no item). */
async function findItem(tx: Tx, collectionId: string, itemId: string, forUpdate = false) {
  const query = tx
    .select({ item: dataItems.item })
    .from(dataItems)
    .where(and(eq(dataItems.collectionId, collectionId), eq(dataItems.itemId, itemId), not(dataItems.removed)));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row?.item;
}

/** The version of an item a read sees (strict mode without `consistentRead`: what had settled by `view.at`). */
export async function readItem(tx: Tx, collectionId: string, itemId: string, view: ReadView) {
  const visible = visibleVersion(view);
  const [row] = await tx
    .select({ item: visible.item })
    .from(dataItems)
    .where(and(eq(dataItems.collectionId, collectionId), eq(dataItems.itemId, itemId), visible.exists));
  return row?.item ?? undefined;
}

/** Inserts an item (id generated when missing); an id already in the collection is WDE0074 and changes nothing. */
export async function insertItem(
  tx: Tx,
  collectionId: string,
  prepared: PreparedItem,
  identity: Identity,
  now: Date,
  lag: WriteLag,
): Promise<Doc> {
  const [outcome] = await insertItems(tx, collectionId, [prepared], identity, now, lag);
  if (outcome instanceof WixError) throw outcome;
  return outcome as Doc;
}

/**
 * Inserts items in one statement, each on its own (Bulk Insert): an id already in the collection, or given twice in
 * the request, is WDE0074 for that item and changes nothing; the others are inserted. The same statement makes the
 * collection when it does not exist yet. Answers each item's document or its refusal, in the order given.
 */
export async function insertItems(
  tx: Tx,
  collectionId: string,
  prepared: PreparedItem[],
  identity: Identity,
  now: Date,
  lag: WriteLag,
): Promise<Array<Doc | WixError>> {
  const items = prepared.map((p) => {
    const id = p.id ?? randomUUID();
    return composeItem(id, p.payload, p.owner ?? ownerOf(identity), wireDate(now), wireDate(now));
  });
  // The first of the items with one id is the one inserted (PostgreSQL refuses one statement writing a row twice).
  const firstWithId = new Map<string, number>();
  items.forEach((item, i) => {
    if (!firstWithId.has(String(item._id))) firstWithId.set(String(item._id), i);
  });
  const values: Record<string, unknown> = { collectionId, now, madeAt: now.toISOString(), ...lagValues(lag) };
  [...firstWithId.values()].forEach((i, row) => {
    const item = items[i] as Doc;
    values[`id${row}`] = String(item._id);
    values[`item${row}`] = item;
    values[`queryable${row}`] = queryableForm(item);
  });
  const rows = await insertStatement(firstWithId.size)(tx, values);
  const inserted = new Set(rows.map(([itemId]) => itemId));
  return items.map((item, i) => {
    const id = String(item._id);
    return inserted.has(id) && firstWithId.get(id) === i ? item : itemAlreadyExists(collectionId, id);
  });
}

/** Bulk Insert's statement for `count` items (`builtOnce`, one for each count): the collection, then the items. */
const insertStatements = new Map<number, ReturnType<typeof builtOnce>>();

function insertStatement(count: number) {
  let statement = insertStatements.get(count);
  if (statement) return statement;
  const at = (name: string) => sql.placeholder(name);
  statement = builtOnce((tx) => {
    // A data-modifying WITH runs whether or not the insert reads it: the collection exists once the items do.
    const collection = tx
      .$with('collection_made', {})
      .as(
        sql`insert into ${dataCollections} (id, origin, created_at) values (${at('collectionId')}, 'IMPLICIT', ${at('madeAt')}::timestamptz) on conflict do nothing`,
      );
    return (
      tx
        .with(collection)
        .insert(dataItems)
        .values(
          Array.from({ length: count }, (_, row) => ({
            collectionId: at('collectionId') as never,
            itemId: at(`id${row}`) as never,
            item: at(`item${row}`) as never,
            queryable: at(`queryable${row}`) as never,
            createdAt: at('now') as never,
            updatedAt: at('now') as never,
            visibleAt: at('visibleAt') as never,
            previous: null,
            previousQueryable: null,
          })),
        )
        // Only a tombstone (an item removed in strict mode) may be taken over; a live item is WDE0074.
        .onConflictDoUpdate({
          target: [dataItems.collectionId, dataItems.itemId],
          set: {
            item: sql`excluded.item`,
            queryable: sql`excluded.queryable`,
            createdAt: at('now') as never,
            updatedAt: at('now') as never,
            removed: false,
            ...lagColumnsPlaceholders(),
          },
          setWhere: sql`${dataItems.removed}`,
        })
        .returning({ itemId: dataItems.itemId })
    );
  });
  insertStatements.set(count, statement);
  return statement;
}

/**
 * Replaces an item's fields with the payload (fields left out are gone, as Wix documents); `_id`, `_createdDate` and
 * (unless the payload sets it) `_owner` stay, `_updatedDate` becomes now.
 */
async function replaceItem(
  tx: Tx,
  collectionId: string,
  current: Doc,
  prepared: PreparedItem,
  now: Date,
  lag: WriteLag,
): Promise<Doc> {
  const id = String(current._id);
  const item = composeItem(
    id,
    prepared.payload,
    prepared.owner ?? String(current._owner),
    current._createdDate as { $date: string },
    wireDate(now),
  );
  await tx
    .update(dataItems)
    .set({ item, queryable: queryableForm(item) as Doc, updatedAt: now, ...lagColumnsOnWrite(lag) })
    .where(and(eq(dataItems.collectionId, collectionId), eq(dataItems.itemId, id)));
  return item;
}

/** Replaces an existing item; an id not in the collection is WDE0073 and changes nothing. */
export async function updateItem(
  tx: Tx,
  collectionId: string,
  id: string,
  prepared: PreparedItem,
  now: Date,
  lag: WriteLag,
): Promise<Doc> {
  const current = await findItem(tx, collectionId, id, true);
  if (!current) throw itemNotFound(collectionId, id);
  return replaceItem(tx, collectionId, current, prepared, now, lag);
}

/** Inserts the item, or replaces it when its id is already in the collection. */
export async function saveItem(
  ...write: Parameters<typeof insertItem>
): Promise<{ action: 'INSERTED' | 'UPDATED'; item: Doc }> {
  const [tx, collectionId, prepared, , now, lag] = write;
  const current = prepared.id === undefined ? undefined : await findItem(tx, collectionId, prepared.id, true);
  if (current) return { action: 'UPDATED', item: await replaceItem(tx, collectionId, current, prepared, now, lag) };
  try {
    return { action: 'INSERTED', item: await insertItem(...write) };
  } catch (error) {
    // A concurrent save inserted the same id first: this save replaces it.
    if (!(error instanceof WixError && error.code === 'WDE0074') || prepared.id === undefined) throw error;
    return { action: 'UPDATED', item: await updateItem(tx, collectionId, prepared.id, prepared, now, lag) };
  }
}

/**
 * Removes an item; an id not in the collection is WDE0073. In strict mode the row stays as a tombstone while its
 * removal lags (a read without `consistentRead` still sees the item for `dataLagMs`); tombstones older than that go.
 */
export async function removeItem(tx: Tx, collectionId: string, itemId: string, lag: WriteLag): Promise<Doc> {
  const which = and(eq(dataItems.collectionId, collectionId), eq(dataItems.itemId, itemId), not(dataItems.removed));
  const [row] = lag.tombstones
    ? await tx
        .update(dataItems)
        .set({ removed: true, ...lagColumnsOnWrite(lag) })
        .where(which)
        .returning({ item: dataItems.item })
    : await tx.delete(dataItems).where(which).returning({ item: dataItems.item });
  if (!row) throw itemNotFound(collectionId, itemId);
  if (lag.tombstones) await purgeTombstones(tx, collectionId, lag);
  return row.item;
}

/** Removes every item of a collection (strict mode: as tombstones, as `removeItem` does). */
export async function truncateItems(tx: Tx, collectionId: string, lag: WriteLag): Promise<void> {
  if (!lag.tombstones) {
    await tx.delete(dataItems).where(eq(dataItems.collectionId, collectionId));
    return;
  }
  await tx
    .update(dataItems)
    .set({ removed: true, ...lagColumnsOnWrite(lag) })
    .where(and(eq(dataItems.collectionId, collectionId), not(dataItems.removed)));
  await purgeTombstones(tx, collectionId, lag);
}

/** Tombstones whose removal every read sees by now. */
async function purgeTombstones(tx: Tx, collectionId: string, lag: WriteLag) {
  await tx
    .delete(dataItems)
    .where(and(eq(dataItems.collectionId, collectionId), dataItems.removed, lt(dataItems.visibleAt, lag.at)));
}
