import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalidArgument, WixError } from '../../http/errors.ts';
import { type Ctx, isManager, Router, requireCaller } from '../../http/router.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { type PreparedItem, prepareItem } from './item-document.ts';
import { readView, writeLag } from './item-lag.ts';
import { countItems, MAX_LIMIT, queryItems } from './item-query.ts';
import {
  dataItemOf,
  ensureCollection,
  insertItem,
  itemNotFound,
  readItem,
  removeItem,
  saveItem,
  truncateItems,
  updateItem,
} from './item-store.ts';
import { dataCollections, dataItems } from './tables.ts';

const BASE = '/wix-data/v2';
/** Wix Data refuses bulk requests of more than 1000 items (WDE0006). */
const MAX_BULK = 1000;

const collectionId = z.string().min(1, 'is required').max(256, 'must be at most 256 characters');
const dataItemInput = z.object({
  id: z.string().optional(),
  data: z.record(z.string(), z.unknown()).nullish(),
});
const itemRequest = z.object({ dataCollectionId: collectionId, dataItem: dataItemInput });
const itemIdRequest = z.object({ dataCollectionId: collectionId, dataItemId: z.string().min(1, 'is required') });
const limit = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be at least 0')
  .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)
  .nullish();
const queryRequest = z.object({
  dataCollectionId: collectionId,
  query: z
    .object({
      filter: z.unknown().optional(),
      sort: z.array(z.object({ fieldName: z.string().nullish(), order: z.string().nullish() })).nullish(),
      paging: z
        .object({ limit, offset: z.number().int('must be a whole number').min(0, 'must be at least 0').nullish() })
        .nullish(),
      cursorPaging: z.object({ limit, cursor: z.string().nullish() }).nullish(),
      fields: z.array(z.string()).nullish(),
    })
    .nullish(),
  returnTotalCount: z.boolean().nullish(),
  consistentRead: z.unknown().optional(),
});
const bulkItems = z
  .array(dataItemInput)
  .min(1, 'must hold at least one item')
  .max(MAX_BULK, `must hold at most ${MAX_BULK} items`);
const bulkItemsRequest = z.object({
  dataCollectionId: collectionId,
  dataItems: bulkItems,
  returnEntity: z.boolean().nullish(),
});

/**
 * Items of app-owned collections are read and written by the app's elevated backend code: an app or a Wix user
 * identity. Members and visitors get Wix Data's WDE0027; no token is 401.
 */
function requireDataAccess(ctx: Ctx, method: string): Identity {
  const identity = requireCaller(ctx);
  if (!isManager(identity)) {
    throw new WixError(
      403,
      'WDE0027',
      `${method}: a ${identity.type.toLowerCase()} does not have permission to access this app-owned collection; ` +
        'it is read and written by an app or a Wix user (elevated backend code)',
      { method, identityType: identity.type },
    );
  }
  return identity;
}

type BulkAction = 'INSERT' | 'UPDATE' | 'DELETE';
interface BulkOutcome {
  action: BulkAction;
  item: Doc;
}

/**
 * Runs a bulk request item by item. Wix Data's per-item refusals (WDE0073, WDE0074) fail that item only and are
 * reported in `itemMetadata.error`; the SDK counts those as skipped. Invalid input was refused before anything ran.
 */
async function runBulk<T>(
  collection: string,
  inputs: T[],
  work: (input: T) => Promise<BulkOutcome>,
  idOf: (input: T) => string | undefined,
  returnEntity: boolean,
) {
  const results = [];
  for (const [originalIndex, input] of inputs.entries()) {
    try {
      const { action, item } = await work(input);
      results.push({
        action,
        itemMetadata: { id: item._id, originalIndex, success: true },
        ...(returnEntity ? { dataItem: dataItemOf(collection, item) } : {}),
      });
    } catch (error) {
      if (!(error instanceof WixError)) throw error;
      const id = idOf(input);
      results.push({
        itemMetadata: {
          ...(id === undefined ? {} : { id }),
          originalIndex,
          success: false,
          error: { code: error.code, description: error.message, data: error.data },
        },
      });
    }
  }
  const totalSuccesses = results.filter((r) => r.itemMetadata.success).length;
  return {
    results,
    bulkActionMetadata: { totalSuccesses, totalFailures: results.length - totalSuccesses, undetailedFailures: 0 },
  };
}

/**
 * Strict mode: the Data Items API works only on collections that exist (created through the Data Collections API or
 * declared through the emulator's), else Wix Data's WDE0025; outside strict mode a first write creates the collection.
 */
async function requireCollection(ctx: Ctx, collectionId: string): Promise<void> {
  if (!ctx.settings.strict) return;
  const [row] = await ctx.db
    .select({ id: dataCollections.id })
    .from(dataCollections)
    .where(eq(dataCollections.id, collectionId));
  if (!row) throw collectionNotFound(collectionId);
}

const collectionNotFound = (collectionId: string) =>
  new WixError(404, 'WDE0025', `The ${collectionId} collection does not exist`, { collectionId });

function requireId(prepared: PreparedItem, field: string): string {
  if (prepared.id === undefined) throw invalidArgument(field, 'is required: an update names the item by its _id');
  return prepared.id;
}

/** Wix Data's Data Items API (`@wix/data` `items`), for the app's own collections. */
export function dataItemRoutes(): Router {
  const r = new Router();

  r.post(`${BASE}/items`, async ({ body, ctx }) => {
    const identity = requireDataAccess(ctx, 'insert');
    const request = itemRequest.parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    const prepared = prepareItem(request.dataItem, 'dataItem');
    const item = await ctx.tx((tx) =>
      insertItem(tx, request.dataCollectionId, prepared, identity, ctx.now, writeLag(ctx)),
    );
    return { dataItem: dataItemOf(request.dataCollectionId, item) };
  });

  r.get(`${BASE}/items/:dataItemId`, async ({ params, body, ctx }) => {
    requireDataAccess(ctx, 'get');
    const request = itemIdRequest.parse({ ...(body as object), dataItemId: params.dataItemId });
    await requireCollection(ctx, request.dataCollectionId);
    const view = readView(ctx, (body as { consistentRead?: unknown } | undefined)?.consistentRead);
    const item = await readItem(ctx.db, request.dataCollectionId, request.dataItemId, view);
    if (!item) throw itemNotFound(request.dataCollectionId, request.dataItemId);
    return { dataItem: dataItemOf(request.dataCollectionId, item) };
  });

  r.post(`${BASE}/items/update`, async ({ body, ctx }) => {
    requireDataAccess(ctx, 'update');
    const request = itemRequest.parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    const prepared = prepareItem(request.dataItem, 'dataItem');
    const id = requireId(prepared, 'dataItem.id');
    const item = await ctx.tx((tx) => updateItem(tx, request.dataCollectionId, id, prepared, ctx.now, writeLag(ctx)));
    return { dataItem: dataItemOf(request.dataCollectionId, item) };
  });

  r.post(`${BASE}/items/save`, async ({ body, ctx }) => {
    const identity = requireDataAccess(ctx, 'save');
    const request = itemRequest.parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    const prepared = prepareItem(request.dataItem, 'dataItem');
    const { action, item } = await ctx.tx((tx) =>
      saveItem(tx, request.dataCollectionId, prepared, identity, ctx.now, writeLag(ctx)),
    );
    return { action, dataItem: dataItemOf(request.dataCollectionId, item) };
  });

  r.post(`${BASE}/items/remove`, async ({ body, ctx }) => {
    requireDataAccess(ctx, 'remove');
    const request = itemIdRequest.parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    const item = await ctx.tx((tx) => removeItem(tx, request.dataCollectionId, request.dataItemId, writeLag(ctx)));
    return { dataItem: dataItemOf(request.dataCollectionId, item) };
  });

  r.post(`${BASE}/items/truncate`, async ({ body, ctx }) => {
    requireDataAccess(ctx, 'truncate');
    const request = z.object({ dataCollectionId: collectionId }).parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    await ctx.tx((tx) => truncateItems(tx, request.dataCollectionId, writeLag(ctx)));
    return {};
  });

  const query = async ({ body, ctx }: { body: unknown; ctx: Ctx }) => {
    requireDataAccess(ctx, 'query');
    const request = queryRequest.parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    const { items, pagingMetadata } = await queryItems(
      ctx.db,
      request.dataCollectionId,
      request.query ?? {},
      request.returnTotalCount === true,
      (pinned) => readView(ctx, request.consistentRead, pinned),
    );
    return { dataItems: items.map((item) => dataItemOf(request.dataCollectionId, item)), pagingMetadata };
  };
  // The SDK sends queries as GET with `?.r=<base64url JSON>`, and as POST when that URL would exceed 2048 characters.
  r.get(`${BASE}/items/query`, query);
  r.post(`${BASE}/items/query`, query);

  r.post(`${BASE}/items/count`, async ({ body, ctx }) => {
    requireDataAccess(ctx, 'count');
    const request = z
      .object({
        dataCollectionId: collectionId,
        filter: z.unknown().optional(),
        consistentRead: z.unknown().optional(),
      })
      .parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    const view = readView(ctx, request.consistentRead);
    return { totalCount: await countItems(ctx.db, request.dataCollectionId, request.filter, view, 'filter') };
  });

  r.post(`${BASE}/bulk/items/insert`, async ({ body, ctx }) => {
    const identity = requireDataAccess(ctx, 'bulkInsert');
    const request = bulkItemsRequest.parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    const prepared = request.dataItems.map((item, i) => prepareItem(item, `dataItems[${i}]`));
    return ctx.tx((tx) =>
      runBulk(
        request.dataCollectionId,
        prepared,
        async (item) => ({
          action: 'INSERT',
          item: await insertItem(tx, request.dataCollectionId, item, identity, ctx.now, writeLag(ctx)),
        }),
        (item) => item.id,
        request.returnEntity === true,
      ),
    );
  });

  r.post(`${BASE}/bulk/items/save`, async ({ body, ctx }) => {
    const identity = requireDataAccess(ctx, 'bulkSave');
    const request = bulkItemsRequest.parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    const prepared = request.dataItems.map((item, i) => prepareItem(item, `dataItems[${i}]`));
    return ctx.tx((tx) =>
      runBulk(
        request.dataCollectionId,
        prepared,
        async (item) => {
          const { action, item: saved } = await saveItem(
            tx,
            request.dataCollectionId,
            item,
            identity,
            ctx.now,
            writeLag(ctx),
          );
          return { action: action === 'INSERTED' ? 'INSERT' : 'UPDATE', item: saved };
        },
        (item) => item.id,
        request.returnEntity === true,
      ),
    );
  });

  r.post(`${BASE}/bulk/items/update`, async ({ body, ctx }) => {
    requireDataAccess(ctx, 'bulkUpdate');
    const request = bulkItemsRequest.parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    const prepared = request.dataItems.map((item, i) => {
      const p = prepareItem(item, `dataItems[${i}]`);
      return { ...p, id: requireId(p, `dataItems[${i}].id`) };
    });
    return ctx.tx((tx) =>
      runBulk(
        request.dataCollectionId,
        prepared,
        async (item) => ({
          action: 'UPDATE',
          item: await updateItem(tx, request.dataCollectionId, item.id, item, ctx.now, writeLag(ctx)),
        }),
        (item) => item.id,
        request.returnEntity === true,
      ),
    );
  });

  r.post(`${BASE}/bulk/items/remove`, async ({ body, ctx }) => {
    requireDataAccess(ctx, 'bulkRemove');
    const request = z
      .object({
        dataCollectionId: collectionId,
        dataItemIds: z
          .array(z.string().min(1, 'is required'))
          .min(1, 'must hold at least one id')
          .max(MAX_BULK, `must hold at most ${MAX_BULK} ids`),
      })
      .parse(body);
    await requireCollection(ctx, request.dataCollectionId);
    return ctx.tx((tx) =>
      runBulk(
        request.dataCollectionId,
        request.dataItemIds,
        async (id) => ({ action: 'DELETE', item: await removeItem(tx, request.dataCollectionId, id, writeLag(ctx)) }),
        (id) => id,
        false,
      ),
    );
  });

  // ---- Wix Data's Data Collections API (`@wix/data` `collections`): create, get, list ----

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
      throw new WixError(409, 'ALREADY_EXISTS', `The ${String(id)} collection already exists`, { collectionId: id });
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
