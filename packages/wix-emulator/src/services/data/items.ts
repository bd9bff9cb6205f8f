import { z } from 'zod';
import { invalidArgument, WixError } from '../../http/errors.ts';
import { type Ctx, Router } from '../../http/router.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
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

/** A bulk request's outcome for each item, in order: what was done, or Wix Data's refusal of that item. */
type BulkOutcomes = Array<BulkOutcome | WixError>;

/**
 * Writes a bulk request's items one after another. Wix Data's per-item refusals (WDE0073, WDE0074) fail that item
 * only; any other error fails the request. Invalid input was refused before anything ran.
 */
async function eachItem<T>(inputs: T[], write: (input: T) => Promise<BulkOutcome>): Promise<BulkOutcomes> {
  const outcomes: BulkOutcomes = [];
  for (const input of inputs) {
    try {
      outcomes.push(await write(input));
    } catch (error) {
      if (!(error instanceof WixError)) throw error;
      outcomes.push(error);
    }
  }
  return outcomes;
}

/** The bulk answer: a refused item is reported in `itemMetadata.error`, which the SDK counts as skipped. */
function bulkAnswer(
  collection: string,
  outcomes: BulkOutcomes,
  idOf: (index: number) => string | undefined,
  returnEntity: boolean,
) {
  const results = outcomes.map((outcome, originalIndex) => {
    if (!(outcome instanceof WixError)) {
      return {
        action: outcome.action,
        itemMetadata: { id: outcome.item._id, originalIndex, success: true },
        ...(returnEntity ? { dataItem: dataItemOf(collection, outcome.item) } : {}),
      };
    }
    const id = idOf(originalIndex);
    return {
      itemMetadata: {
        ...(id === undefined ? {} : { id }),
        originalIndex,
        success: false,
        error: { code: outcome.code, description: outcome.message, data: outcome.data },
      },
    };
  });
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
    write: (ctx: Ctx, collection: string, items: T[], identity: Identity) => Promise<BulkOutcomes>,
  ) =>
    r.post(`${BASE}/bulk/items/${path}`, async ({ body, ctx }) => {
      const identity = requireDataAccess(ctx, method);
      const request = bulkItemsRequest.parse(body);
      const collection = request.dataCollectionId;
      await requireCollection(ctx, collection);
      const prepared = request.dataItems.map((item, i) =>
        prepare(prepareItem(item, `dataItems[${i}]`), `dataItems[${i}]`),
      );
      const outcomes = await write(ctx, collection, prepared, identity);
      return bulkAnswer(collection, outcomes, (i) => prepared[i]?.id, request.returnEntity === true);
    });
  const asGiven = (item: PreparedItem) => item;
  // Bulk Insert in one statement (`insertItems`): each item inserted, or refused (an id that exists), on its own. One
  // statement is atomic by itself, so no transaction around it (it makes the collection too when missing).
  bulkWrite('insert', 'bulkInsert', asGiven, async (ctx, collection, items, identity) => {
    const inserted = await insertItems(ctx.db, collection, items, identity, ctx.now, writeLag(ctx));
    return inserted.map((outcome) => (outcome instanceof WixError ? outcome : { action: 'INSERT', item: outcome }));
  });
  // Save and update item by item, in one transaction.
  bulkWrite('save', 'bulkSave', asGiven, (ctx, collection, items, identity) =>
    ctx.tx((tx) =>
      eachItem(items, async (item) => {
        const { action, item: saved } = await saveItem(tx, collection, item, identity, ctx.now, writeLag(ctx));
        return { action: action === 'INSERTED' ? 'INSERT' : 'UPDATE', item: saved };
      }),
    ),
  );
  bulkWrite(
    'update',
    'bulkUpdate',
    (item, field) => ({ ...item, id: requireId(item, `${field}.id`) }),
    (ctx, collection, items) =>
      ctx.tx((tx) =>
        eachItem(items, async (item) => ({
          action: 'UPDATE',
          item: await updateItem(tx, collection, item.id, item, ctx.now, writeLag(ctx)),
        })),
      ),
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
    const collection = request.dataCollectionId;
    const outcomes = await ctx.tx((tx) =>
      eachItem(request.dataItemIds, async (id) => ({
        action: 'DELETE',
        item: await removeItem(tx, collection, id, writeLag(ctx)),
      })),
    );
    return bulkAnswer(collection, outcomes, (i) => request.dataItemIds[i], false);
  });

  return r;
}
