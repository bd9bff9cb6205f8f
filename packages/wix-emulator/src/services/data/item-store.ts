import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { WixError } from '../../http/errors.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { composeItem, ownerOf, type PreparedItem, queryableForm, wireDate } from './item-document.ts';
import { dataCollections, dataItems } from './tables.ts';

/** Wix Data's error codes for items (`details.applicationError.code`). */
export const itemNotFound = (collectionId: string, itemId: string) =>
  new WixError(404, 'WDE0073', `Item [${itemId}] does not exist in collection [${collectionId}]`, {
    collectionId,
    itemId,
  });

export const itemAlreadyExists = (collectionId: string, itemId: string) =>
  new WixError(409, 'WDE0074', `Item [${itemId}] already exists in collection [${collectionId}]`, {
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

export async function findItem(tx: Tx, collectionId: string, itemId: string, forUpdate = false) {
  const query = tx
    .select({ item: dataItems.item })
    .from(dataItems)
    .where(and(eq(dataItems.collectionId, collectionId), eq(dataItems.itemId, itemId)));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row?.item;
}

/** Inserts an item (id generated when missing); an id already in the collection is WDE0074 and changes nothing. */
export async function insertItem(
  tx: Tx,
  collectionId: string,
  prepared: PreparedItem,
  identity: Identity,
  now: Date,
): Promise<Doc> {
  await ensureCollection(tx, collectionId, 'IMPLICIT', now);
  const id = prepared.id ?? randomUUID();
  const item = composeItem(id, prepared.payload, prepared.owner ?? ownerOf(identity), wireDate(now), wireDate(now));
  const rows = await tx
    .insert(dataItems)
    .values({
      collectionId,
      itemId: id,
      item,
      queryable: queryableForm(item) as Doc,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ itemId: dataItems.itemId });
  if (rows.length === 0) throw itemAlreadyExists(collectionId, id);
  return item;
}

/**
 * Replaces an item's fields with the payload (fields left out are gone, as Wix documents); `_id`, `_createdDate` and
 * (unless the payload sets it) `_owner` stay, `_updatedDate` becomes now.
 */
export async function replaceItem(
  tx: Tx,
  collectionId: string,
  current: Doc,
  prepared: PreparedItem,
  now: Date,
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
    .set({ item, queryable: queryableForm(item) as Doc, updatedAt: now })
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
): Promise<Doc> {
  const current = await findItem(tx, collectionId, id, true);
  if (!current) throw itemNotFound(collectionId, id);
  return replaceItem(tx, collectionId, current, prepared, now);
}

/** Inserts the item, or replaces it when its id is already in the collection. */
export async function saveItem(
  tx: Tx,
  collectionId: string,
  prepared: PreparedItem,
  identity: Identity,
  now: Date,
): Promise<{ action: 'INSERTED' | 'UPDATED'; item: Doc }> {
  const current = prepared.id === undefined ? undefined : await findItem(tx, collectionId, prepared.id, true);
  if (current) return { action: 'UPDATED', item: await replaceItem(tx, collectionId, current, prepared, now) };
  try {
    return { action: 'INSERTED', item: await insertItem(tx, collectionId, prepared, identity, now) };
  } catch (error) {
    // A concurrent save inserted the same id first: this save replaces it.
    if (!(error instanceof WixError && error.code === 'WDE0074') || prepared.id === undefined) throw error;
    return { action: 'UPDATED', item: await updateItem(tx, collectionId, prepared.id, prepared, now) };
  }
}

export async function removeItem(tx: Tx, collectionId: string, itemId: string): Promise<Doc> {
  const [row] = await tx
    .delete(dataItems)
    .where(and(eq(dataItems.collectionId, collectionId), eq(dataItems.itemId, itemId)))
    .returning({ item: dataItems.item });
  if (!row) throw itemNotFound(collectionId, itemId);
  return row.item;
}
