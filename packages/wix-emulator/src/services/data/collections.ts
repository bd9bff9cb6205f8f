import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, notFound, permissionDenied } from '../../http/errors.ts';
import { type Ctx, isManager, Router, requireCaller } from '../../http/router.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { ensureCollection } from './item-store.ts';
import { dataCollections, dataItems } from './tables.ts';

const BASE = '/wix-data/v2';

export const collectionId = z.string().min(1, 'is required').max(256, 'must be at most 256 characters');

/**
 * Items of app-owned collections are read and written by the app's elevated backend code: an app or a Wix user
 * identity. Members and visitors get Wix Data's WDE0027; no token is 401.
 */
export function requireDataAccess(ctx: Ctx, method: string): Identity {
  const identity = requireCaller(ctx);
  if (!isManager(identity)) {
    throw permissionDenied(
      `${method}: a ${identity.type.toLowerCase()} does not have permission to access this app-owned collection; ` +
        'it is read and written by an app or a Wix user (elevated backend code)',
      'WDE0027',
      { method, identityType: identity.type },
    );
  }
  return identity;
}

/**
 * Strict mode: the Data Items API works only on collections that exist (created through the Data Collections API or
 * declared through the emulator's), else Wix Data's WDE0025; outside strict mode a first write creates the collection.
 */
export async function requireCollection(ctx: Ctx, collectionId: string): Promise<void> {
  if (!ctx.settings.strict) return;
  const [row] = await ctx.db
    .select({ id: dataCollections.id })
    .from(dataCollections)
    .where(eq(dataCollections.id, collectionId));
  if (!row) throw collectionNotFound(collectionId);
}

const collectionNotFound = (collectionId: string) =>
  notFound('WDE0025', `The ${collectionId} collection does not exist`, { collectionId });

/**
 * Wix Data's Data Collections API (`@wix/data` `collections`): create, get, list; and the emulator's own API for the
 * site's collections.
 */
export function dataCollectionRoutes(): Router {
  const r = new Router();

  r.post(`${BASE}/collections`, async ({ body, ctx }) => {
    requireDataAccess(ctx, 'createDataCollection');
    const { collection } = z.object({ collection: z.object({ id: collectionId }).passthrough() }).parse(body);
    const { id, revision: _r, createdDate: _c, updatedDate: _u, ...definition } = collection as Doc;
    const created = await ctx.tx(async (tx) =>
      tx
        .insert(dataCollections)
        .values({ id: String(id), origin: 'CREATED', createdAt: ctx.now, definition })
        .onConflictDoNothing()
        .returning({ id: dataCollections.id }),
    );
    if (created.length === 0) {
      throw conflict('ALREADY_EXISTS', `The ${String(id)} collection already exists`, { collectionId: id });
    }
    return { collection: await collectionDocument(ctx.db, String(id)) };
  });

  r.get(`${BASE}/collections/:dataCollectionId`, async ({ params, ctx }) => {
    requireDataAccess(ctx, 'getDataCollection');
    const id = params.dataCollectionId ?? '';
    const collection = await collectionDocument(ctx.db, id);
    if (!collection) throw collectionNotFound(id);
    return { collection };
  });

  r.get(`${BASE}/collections`, async ({ ctx }) => {
    requireDataAccess(ctx, 'listDataCollections');
    const rows = await ctx.db.select({ id: dataCollections.id }).from(dataCollections).orderBy(dataCollections.id);
    const collections = [];
    for (const row of rows) collections.push(await collectionDocument(ctx.db, row.id));
    return {
      collections,
      pagingMetadata: { count: collections.length, offset: 0, total: collections.length, tooManyToCount: false },
    };
  });

  // ---- the emulator's own API: the site's collections ----

  r.post('/_emulator/v1/data/collections', async ({ body, ctx }) => {
    const { id } = z.object({ id: collectionId }).parse(body);
    await ctx.tx((tx) => ensureCollection(tx, id, 'DECLARED', ctx.now));
    const [collection] = await listCollections(ctx.db, id);
    return { collection };
  });

  r.get('/_emulator/v1/data/collections', async ({ ctx }) => ({ collections: await listCollections(ctx.db) }));

  return r;
}

/**
 * A collection as the Data Collections API answers it: what it was created with, over the defaults of a native
 * collection whose items only an admin (the app's elevated code) reads and writes.
 */
async function collectionDocument(tx: Tx, id: string): Promise<Doc | undefined> {
  const [row] = await tx.select().from(dataCollections).where(eq(dataCollections.id, id));
  if (!row) return undefined;
  const iso = row.createdAt.toISOString();
  return {
    id: row.id,
    collectionType: 'NATIVE',
    displayName: row.id,
    fields: [],
    permissions: { insert: 'ADMIN', update: 'ADMIN', remove: 'ADMIN', read: 'ADMIN' },
    ...(row.definition ?? {}),
    revision: '1',
    createdDate: iso,
    updatedDate: iso,
  };
}

/** The collections with how they came to be and how many items they hold. */
async function listCollections(tx: Tx, only?: string) {
  const rows = await tx
    .select({
      id: dataCollections.id,
      origin: dataCollections.origin,
      createdAt: dataCollections.createdAt,
      itemCount: sql<number>`(select count(*)::int from ${dataItems} where ${dataItems.collectionId} = ${dataCollections.id} and not ${dataItems.removed})`,
    })
    .from(dataCollections)
    .where(only === undefined ? undefined : eq(dataCollections.id, only))
    .orderBy(dataCollections.id);
  return rows.map((row) => ({
    id: row.id,
    origin: row.origin,
    createdDate: row.createdAt.toISOString(),
    itemCount: row.itemCount,
  }));
}
