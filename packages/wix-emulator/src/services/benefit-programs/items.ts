import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { runBulk } from '../../http/bulk.ts';
import { conflict } from '../../http/errors.ts';
import { Router, requireManager } from '../../http/router.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { getEntity, insertEntityUnlessConflict, saveEntity } from '../../storage/entities.ts';
import { compileFilter } from '../../storage/filter.ts';
import { countEntities, queryEntities } from '../../storage/query.ts';
import { guid, namespace, queryRequest } from './common.ts';
import { items } from './tables.ts';

const BASE = '/benefit-programs/v1';

const itemInput = z.object({
  externalId: z.string().min(1, 'is required').max(64, 'must be at most 64 characters'),
  category: z.string().max(20, 'must be at most 20 characters').nullish(),
  itemSetId: guid,
  displayName: z.string().max(400, 'must be at most 400 characters').nullish(),
  providerAppId: z.string().min(1, 'is required'),
  extendedFields: z.record(z.string(), z.unknown()).nullish(),
  namespace,
});

const itemPatch = z.object({
  revision: z.string().min(1, 'is required'),
  category: z.string().max(20, 'must be at most 20 characters').nullish(),
  displayName: z.string().max(400, 'must be at most 400 characters').nullish(),
  extendedFields: z.record(z.string(), z.unknown()).nullish(),
});

/** An item is in an item set once: the same (namespace, itemSetId, providerAppId, externalId) again is a conflict. */
async function createItem(tx: Tx, input: z.infer<typeof itemInput>, now: Date): Promise<Doc> {
  const item = await insertEntityUnlessConflict(tx, items, randomUUID(), input, now, {
    namespace: input.namespace,
    itemSetId: input.itemSetId,
    externalId: input.externalId,
    providerAppId: input.providerAppId,
  });
  if (!item) {
    throw conflict(
      'ALREADY_EXISTS',
      `item ${input.externalId} of app ${input.providerAppId} is already in item set ${input.itemSetId}`,
      {
        externalId: input.externalId,
        itemSetId: input.itemSetId,
      },
    );
  }
  return item;
}

async function updateItem(tx: Tx, id: string, patch: z.infer<typeof itemPatch>, now: Date): Promise<Doc> {
  const current = await getEntity(tx, items, id, 'NOT_FOUND', 'item', true);
  const { revision, ...changes } = patch;
  return saveEntity(tx, items, current, { ...current, ...changes }, now, revision);
}

async function deleteItem(tx: Tx, id: string): Promise<Doc> {
  const current = await getEntity(tx, items, id, 'NOT_FOUND', 'item', true);
  await tx.delete(items).where(eq(items.id, id));
  return current;
}

/**
 * Benefit items: external items (e.g. Stores products) placed in the item sets that pool definitions' benefits point at.
 * Every method needs an app or Wix user identity.
 */
export function itemRoutes(): Router {
  const r = new Router();

  r.post(`${BASE}/items`, async ({ body, ctx }) => {
    requireManager(ctx, 'createItem');
    const { item } = z.object({ item: itemInput }).parse(body);
    return ctx.tx(async (tx) => ({ item: await createItem(tx, item, ctx.now) }));
  });

  r.post(`${BASE}/bulk/items/create`, async ({ body, ctx }) => {
    requireManager(ctx, 'bulkCreateItems');
    const request = z
      .object({
        items: z.array(z.unknown()).min(1, 'must not be empty').max(100, 'at most 100 items'),
        returnEntity: z.boolean().nullish(),
      })
      .parse(body);
    return ctx.tx((tx) =>
      runBulk(tx, request.items, (t, input) => createItem(t, itemInput.parse(input), ctx.now), request),
    );
  });

  r.post(`${BASE}/bulk/items/update`, async ({ body, ctx }) => {
    requireManager(ctx, 'bulkUpdateItems');
    const request = z
      .object({
        items: z
          .array(z.object({ item: z.object({ id: guid }).passthrough(), fieldMask: z.array(z.string()).optional() }))
          .min(1, 'must not be empty')
          .max(100, 'at most 100 items'),
        returnEntity: z.boolean().nullish(),
      })
      .parse(body);
    return ctx.tx((tx) =>
      runBulk(tx, request.items, (t, masked) => updateItem(t, masked.item.id, itemPatch.parse(masked.item), ctx.now), {
        returnEntity: request.returnEntity,
        idOf: (masked) => masked.item.id,
      }),
    );
  });

  r.post(`${BASE}/bulk/items/delete`, async ({ body, ctx }) => {
    requireManager(ctx, 'bulkDeleteItems');
    const request = z
      .object({ itemIds: z.array(guid).min(1, 'must not be empty').max(100, 'at most 100 items') })
      .parse(body);
    return ctx.tx((tx) =>
      runBulk(tx, request.itemIds, (t, id) => deleteItem(t, id), { returnEntity: false, idOf: (id) => id }),
    );
  });

  r.post(`${BASE}/bulk/items/delete-by-filter`, async ({ body, ctx }) => {
    requireManager(ctx, 'bulkDeleteItemsByFilter');
    const request = z.object({ namespace, filter: z.record(z.string(), z.unknown()).nullish() }).parse(body);
    await ctx.tx((tx) =>
      tx
        .delete(items)
        .where(and(eq(items.namespace, request.namespace), compileFilter(items.data, request.filter, 'filter'))),
    );
    // Wix runs this as a job; here it has finished before the answer.
    return { jobId: randomUUID() };
  });

  r.post(`${BASE}/items/query`, async ({ body, ctx }) => {
    requireManager(ctx, 'queryItems');
    const { query } = queryRequest.parse(body);
    const page = await queryEntities(ctx.db, items, query);
    return { items: page.docs, metadata: page.cursorMetadata };
  });

  r.post(`${BASE}/items/count`, async ({ body, ctx }) => {
    requireManager(ctx, 'countItems');
    const { filter } = z.object({ filter: z.record(z.string(), z.unknown()).nullish() }).parse(body);
    return { count: await countEntities(ctx.db, items, filter) };
  });

  r.get(`${BASE}/items`, async ({ body, ctx }) => {
    requireManager(ctx, 'listItems');
    const input = z
      .object({
        filter: z
          .object({
            namespace: z.string().optional(),
            byItemSetIdAndReferenceOptions: z
              .object({
                itemSetId: z.string().optional(),
                externalId: z.string().optional(),
                providerAppId: z.string().optional(),
              })
              .optional(),
            byReferenceOptions: z
              .object({ externalId: z.string().optional(), providerAppId: z.string().optional() })
              .optional(),
          })
          .optional(),
        cursorPaging: z.object({ limit: z.coerce.number().nullish(), cursor: z.string().nullish() }).optional(),
      })
      .parse(body);
    const f = input.filter;
    const reference = f?.byItemSetIdAndReferenceOptions ?? f?.byReferenceOptions ?? {};
    const filter = Object.fromEntries(
      Object.entries({ namespace: f?.namespace, ...reference }).filter(([, v]) => v !== undefined),
    );
    const query = input.cursorPaging?.cursor
      ? { cursorPaging: input.cursorPaging }
      : { filter, cursorPaging: input.cursorPaging ?? {} };
    // The request's paging is at its top level: `cursorPaging.cursor`.
    const page = await queryEntities(ctx.db, items, query, undefined, '');
    return { items: page.docs, metadata: page.cursorMetadata };
  });

  r.get(`${BASE}/items/:itemId`, async ({ params, ctx }) => {
    requireManager(ctx, 'getItem');
    return { item: await getEntity(ctx.db, items, params.itemId ?? '', 'NOT_FOUND', 'item') };
  });

  r.patch(`${BASE}/items/:itemId`, async ({ params, body, ctx }) => {
    requireManager(ctx, 'updateItem');
    const { item } = z.object({ item: itemPatch }).parse(body);
    return ctx.tx(async (tx) => ({ item: await updateItem(tx, params.itemId ?? '', item, ctx.now) }));
  });

  r.post(`${BASE}/items/:itemId/delete`, async ({ params, ctx }) => {
    requireManager(ctx, 'deleteItem');
    await ctx.tx((tx) => deleteItem(tx, params.itemId ?? ''));
    return {};
  });

  return r;
}
