import { z } from 'zod';
import { invalidArgument, WixError } from '../../http/errors.ts';
import { type Ctx, Router } from '../../http/router.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { collectionId, requireCollection, requireDataAccess } from './collections.ts';
import { type PreparedItem, prepareItem } from './item-document.ts';
import { readView, writeLag } from './item-lag.ts';
import { countItems, MAX_LIMIT, queryItems } from './item-query.ts';
import {
  dataItemOf,
  insertItem,
  insertItems,
  itemNotFound,
  readItem,
  removeItem,
  saveItem,
  truncateItems,
  updateItem,
} from './item-store.ts';

const BASE = '/wix-data/v2';
/** Wix Data refuses bulk requests of more than 1000 items (WDE0006). */
const MAX_BULK = 1000;

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

  // Bulk insert, save and update: every item checked and prepared before any is written.
  const bulkWrite = <T extends PreparedItem>(
    path: string,
    method: string,
    prepare: (item: PreparedItem, field: string) => T,
    write: (tx: Tx, collection: string, item: T, identity: Identity, ctx: Ctx) => Promise<BulkOutcome>,
  ) =>
    r.post(`${BASE}/bulk/items/${path}`, async ({ body, ctx }) => {
      const identity = requireDataAccess(ctx, method);
      const request = bulkItemsRequest.parse(body);
      const collection = request.dataCollectionId;
      await requireCollection(ctx, collection);
      const prepared = request.dataItems.map((item, i) =>
        prepare(prepareItem(item, `dataItems[${i}]`), `dataItems[${i}]`),
      );
      return ctx.tx((tx) =>
        runBulk(
          collection,
          prepared,
          (item) => write(tx, collection, item, identity, ctx),
          (item) => item.id,
          request.returnEntity === true,
        ),
      );
    });
  const asGiven = (item: PreparedItem) => item;
  // Bulk Insert in one statement (`insertItems`): each item inserted, or refused (an id that exists), on its own.
  r.post(`${BASE}/bulk/items/insert`, async ({ body, ctx }) => {
    const identity = requireDataAccess(ctx, 'bulkInsert');
    const request = bulkItemsRequest.parse(body);
    const collection = request.dataCollectionId;
    await requireCollection(ctx, collection);
    const prepared = request.dataItems.map((item, i) => prepareItem(item, `dataItems[${i}]`));
    // One statement: atomic by itself, so no transaction around it (the collection is made first when missing).
    const outcomes = await insertItems(ctx.db, collection, prepared, identity, ctx.now, writeLag(ctx));
    return runBulk(
      collection,
      prepared.map((item, i) => ({ item, outcome: outcomes[i] as Doc | WixError })),
      async ({ outcome }) => {
        if (outcome instanceof WixError) throw outcome;
        return { action: 'INSERT', item: outcome };
      },
      ({ item }) => item.id,
      request.returnEntity === true,
    );
  });
  bulkWrite('save', 'bulkSave', asGiven, async (tx, collection, item, identity, ctx) => {
    const { action, item: saved } = await saveItem(tx, collection, item, identity, ctx.now, writeLag(ctx));
    return { action: action === 'INSERTED' ? 'INSERT' : 'UPDATE', item: saved };
  });
  bulkWrite(
    'update',
    'bulkUpdate',
    (item, field) => ({ ...item, id: requireId(item, `${field}.id`) }),
    async (tx, collection, item, _identity, ctx) => ({
      action: 'UPDATE',
      item: await updateItem(tx, collection, item.id, item, ctx.now, writeLag(ctx)),
    }),
  );

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

  return r;
}
