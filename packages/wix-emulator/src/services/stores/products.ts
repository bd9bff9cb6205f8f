import { randomUUID } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, entityNotFound, invalidArgument, permissionDenied, WixError } from '../../http/errors.ts';
import { type Ctx, isManager, Router, requireCaller, requireManager } from '../../http/router.ts';
import { emitEvent } from '../../platform/events.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { findEntity, getEntity, insertEntity, saveEntity } from '../../storage/entities.ts';
import { filterFields } from '../../storage/filter.ts';
import { countEntities, type QueryInput, queryEntities } from '../../storage/query.ts';
import { requireV3Catalog } from './catalog-versioning.ts';
import { productDocument, skusOf } from './product-document.ts';
import { type ProductInput, type ProductPatch, productInput, productPatch, requestedFields } from './product-input.ts';
import { slugify } from './product-options.ts';
import { presentProduct } from './product-presentation.ts';
import { products } from './tables.ts';

const BASE = '/stores/v3/products';

/** Fields Query Products filters on (Wix's `V3ProductQuerySpec`), and those it sorts by. */
const FILTERABLE = new Set(['id', 'handle', 'createdDate', 'updatedDate', 'slug', 'visible']);
const SORTABLE = new Set(['createdDate', 'updatedDate', 'slug', 'visible']);

/** Filter, sort and cursor paging, as Query Products and Search Products take them. */
const cursorQuery = z.object({
  filter: z.record(z.string(), z.unknown()).nullish(),
  sort: z.array(z.object({ fieldName: z.string().optional(), order: z.string().optional() })).nullish(),
  cursorPaging: z
    .object({
      limit: z.coerce.number().nullish(),
      cursor: z.string().max(16000).nullish(),
    })
    .nullish(),
});

const queryRequest = z.object({ query: cursorQuery.nullish(), fields: requestedFields });

const searchRequest = z.object({
  search: cursorQuery
    .extend({
      search: z
        .object({
          expression: z.string().max(200, 'must be at most 200 characters').nullish(),
          fields: z.array(z.string()).nullish(),
          fuzzy: z.boolean().nullish(),
          mode: z.string().nullish(),
        })
        .nullish(),
    })
    .nullish(),
  fields: requestedFields,
});

const countRequest = z.object({
  filter: z.record(z.string(), z.unknown()).nullish(),
  returnNonVisibleProducts: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .nullish(),
});

const productEvent = (slug: 'created' | 'updated' | 'deleted', entity: Doc) => ({
  eventType: `wix.stores.catalog.v3.product_${slug}`,
  entityFqdn: 'wix.stores.catalog.v3.product',
  slug,
  entityId: String(entity.id),
  entity,
  kind: slug,
});

/** Product writes are serialised, so slug and SKU uniqueness checks cannot race. */
const lockCatalog = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('stores.catalog.v3.products'))`);

function assertQueryable(query: { filter?: unknown; sort?: Array<{ fieldName?: string }> | null }) {
  for (const field of filterFields(query.filter)) {
    if (!FILTERABLE.has(field)) {
      throw invalidArgument(`query.filter.${field}`, 'is not declared as filterable');
    }
  }
  for (const [i, s] of (query.sort ?? []).entries()) {
    if (s.fieldName && !SORTABLE.has(s.fieldName)) {
      throw invalidArgument(`query.sort[${i}].fieldName`, 'is not declared as sortable');
    }
  }
}

/** Visitors and members see visible products only; apps and Wix users see the whole catalog. */
const visibleOnly = sql`(${products.data} -> 'visible') = 'true'::jsonb`;

const noPermissionForHidden = () =>
  permissionDenied(
    'the product is not visible: reading hidden products needs an app or a Wix user (the PRODUCT_READ_ADMIN scope)',
    'NO_PERMISSION_TO_INCLUDE_NOT_VISIBLE_PRODUCTS',
  );

async function slugsLike(tx: Tx, base: string, exceptId?: string): Promise<Set<string>> {
  const slug = sql`(${products.data} ->> 'slug')`;
  const rows = await tx
    .select({ slug: sql<string>`${slug}` })
    .from(products)
    .where(
      and(
        sql`(${slug} = ${base} or ${slug} ~ ${`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9]+$`})`,
        exceptId ? ne(products.id, exceptId) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.slug));
}

/**
 * The slug of a product: a slug the caller chose must be free (409 DUPLICATE_SLUG_ERROR); one made from the
 * name gets `-1`, `-2`, ... appended until it is free. `batch` holds slugs taken earlier in the same request.
 */
async function chooseSlug(
  tx: Tx,
  wanted: string | null | undefined,
  name: string,
  batch: Set<string>,
  exceptId?: string,
) {
  if (wanted) {
    const taken = await slugsLike(tx, wanted, exceptId);
    if (taken.has(wanted) || batch.has(wanted)) {
      throw conflict('DUPLICATE_SLUG_ERROR', `another product has the slug "${wanted}"`, { slug: wanted });
    }
    return wanted;
  }
  const base = slugify(name);
  const taken = await slugsLike(tx, base, exceptId);
  let slug = base;
  for (let n = 1; taken.has(slug) || batch.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** SKUs are unique across the catalog's variants (409 SKU_ALREADY_EXIST_ERROR). */
async function assertSkusFree(tx: Tx, doc: Doc, batch: Set<string>, exceptId?: string) {
  const skus = skusOf(doc);
  const seen = new Set<string>();
  for (const sku of skus) {
    const [clash] = await tx
      .select({ id: products.id })
      .from(products)
      .where(
        and(
          sql`(${products.data} -> 'variantsInfo' -> 'variants') @> ${JSON.stringify([{ sku }])}::jsonb`,
          exceptId ? ne(products.id, exceptId) : undefined,
        ),
      )
      .limit(1);
    if (clash || seen.has(sku) || batch.has(sku)) {
      throw conflict('SKU_ALREADY_EXIST_ERROR', `a variant with SKU "${sku}" already exists`, { sku });
    }
    seen.add(sku);
  }
}

async function assertHandleFree(tx: Tx, handle: string, batch: Set<string>) {
  const [clash] = await tx
    .select({ id: products.id })
    .from(products)
    .where(sql`(${products.data} ->> 'handle') = ${handle}`)
    .limit(1);
  if (clash || batch.has(handle)) {
    throw conflict('DUPLICATE_HANDLE_ERROR', `another product has the handle "${handle}"`, { handle });
  }
}

/** What one Create Product writes; `batch` collects the slugs, SKUs and handles a bulk request has used so far. */
interface Batch {
  slugs: Set<string>;
  skus: Set<string>;
  handles: Set<string>;
}
const newBatch = (): Batch => ({ slugs: new Set(), skus: new Set(), handles: new Set() });

async function createProduct(tx: Tx, input: ProductInput, ctx: Ctx, batch: Batch): Promise<Doc> {
  const id = randomUUID();
  const slug = await chooseSlug(tx, input.slug, input.name, batch.slugs);
  const doc = productDocument(input, slug);
  doc.handle = input.handle ?? id;
  await assertHandleFree(tx, String(doc.handle), batch.handles);
  await assertSkusFree(tx, doc, batch.skus);
  const created = await insertEntity(tx, products, id, doc, ctx.now);
  batch.slugs.add(slug);
  batch.handles.add(String(doc.handle));
  for (const sku of skusOf(doc)) batch.skus.add(sku);
  await emitEvent(tx, productEvent('created', created), ctx.now);
  return created;
}

/** Catalog V3 products (`@wix/stores` `productsV3`) at their production paths. */
/** A page of Query or Search Products: visible products only for members and visitors, without variants. */
async function productPage(ctx: Ctx, caller: Identity, query: QueryInput, fields: string[], within: string) {
  const merchant = isManager(caller);
  const page = await queryEntities(ctx.db, products, query, merchant ? undefined : visibleOnly, within);
  return {
    products: page.docs.map((doc) => presentProduct(doc, { fields, forQuery: true, merchant })),
    pagingMetadata: page.cursorMetadata,
  };
}

export function productRoutes(): Router {
  const r = new Router();

  r.post(BASE, async ({ body, ctx }) => {
    requireManager(ctx, 'createProduct');
    await requireV3Catalog(ctx);
    const request = z.object({ product: productInput, fields: requestedFields }).parse(body);
    const created = await ctx.tx(async (tx) => {
      await lockCatalog(tx);
      return createProduct(tx, request.product, ctx, newBatch());
    });
    return { product: presentProduct(created, { fields: request.fields, merchant: true }) };
  });

  r.post('/stores/v3/bulk/products/create', async ({ body, ctx }) => {
    requireManager(ctx, 'bulkCreateProducts');
    await requireV3Catalog(ctx);
    const request = z
      .object({
        products: z.array(productInput).min(1, 'must not be empty').max(100, 'at most 100 products'),
        returnEntity: z.boolean().nullish(),
        fields: requestedFields,
      })
      .parse(body);
    return ctx.tx(async (tx) => {
      await lockCatalog(tx);
      const batch = newBatch();
      const results: Doc[] = [];
      for (const [originalIndex, input] of request.products.entries()) {
        try {
          const created = await createProduct(tx, input, ctx, batch);
          results.push({
            itemMetadata: { id: created.id, originalIndex, success: true },
            ...(request.returnEntity
              ? { item: presentProduct(created, { fields: request.fields, merchant: true }) }
              : {}),
          });
        } catch (error) {
          if (!(error instanceof WixError)) throw error;
          results.push({
            itemMetadata: {
              originalIndex,
              success: false,
              error: { code: error.code, description: error.message, data: error.data },
            },
          });
        }
      }
      const totalSuccesses = results.filter((r) => (r.itemMetadata as Doc).success).length;
      return {
        results,
        bulkActionMetadata: {
          totalSuccesses,
          totalFailures: results.length - totalSuccesses,
          undetailedFailures: 0,
        },
      };
    });
  });

  r.get(`${BASE}/query`, async ({ body, ctx }) => {
    const caller = requireCaller(ctx);
    await requireV3Catalog(ctx);
    const { query, fields } = queryRequest.parse(body);
    assertQueryable(query ?? {});
    return productPage(ctx, caller, query ?? {}, fields, 'query');
  });

  /**
   * Search Products: the query's filter, sort and cursor paging, narrowed by `search.search.expression`. The reading
   * chosen: each word of the expression must occur in the product's name, case-insensitive (Wix's search is fuzzier and
   * also looks at other text fields; a word inside the name is the part apps can rely on).
   */
  r.get(`${BASE}/search`, async ({ body, ctx }) => {
    const caller = requireCaller(ctx);
    await requireV3Catalog(ctx);
    const { search, fields } = searchRequest.parse(body);
    const { search: details, ...query } = search ?? {};
    assertQueryable(query);
    const words = (details?.expression ?? '').split(/\s+/).filter(Boolean);
    if (words.length > 0 && query.cursorPaging?.cursor) {
      throw invalidArgument('search.search', 'must not be given with a cursor: the cursor holds the search');
    }
    const byWords = words.map((word) => ({ name: { $contains: word } }));
    const filter =
      byWords.length === 0 ? query.filter : { $and: [...(query.filter ? [query.filter] : []), ...byWords] };
    return productPage(ctx, caller, { ...query, ...(filter ? { filter } : {}) }, fields, 'search');
  });

  r.get(`${BASE}/count`, async ({ body, ctx }) => {
    const caller = requireCaller(ctx);
    await requireV3Catalog(ctx);
    const { filter, returnNonVisibleProducts } = countRequest.parse(body);
    if (returnNonVisibleProducts && !isManager(caller)) throw noPermissionForHidden();
    const count = await countEntities(
      ctx.db,
      products,
      filter ?? {},
      returnNonVisibleProducts ? undefined : visibleOnly,
    );
    return { count };
  });

  r.get(`${BASE}/:productId`, async ({ params, body, ctx }) => {
    const caller = requireCaller(ctx);
    await requireV3Catalog(ctx);
    const { fields } = z.object({ fields: requestedFields }).parse(body);
    const doc = await findEntity(ctx.db, products, params.productId ?? '');
    if (!doc) throw productNotFound(params.productId);
    if (doc.visible !== true && !isManager(caller)) throw noPermissionForHidden();
    return { product: presentProduct(doc, { fields, merchant: isManager(caller) }) };
  });

  r.patch(`${BASE}/:productId`, async ({ params, body, ctx }) => {
    requireManager(ctx, 'updateProduct');
    await requireV3Catalog(ctx);
    const request = z.object({ product: productPatch, fields: requestedFields }).parse(body);
    const productId = params.productId ?? '';
    if (request.product.id && request.product.id !== productId) {
      throw invalidArgument('product.id', 'does not match the path');
    }
    const updated = await ctx.tx(async (tx) => {
      await lockCatalog(tx);
      const current = await getEntity(tx, products, productId, 'NOT_FOUND', 'product', true);
      const slug = await updatedSlug(tx, request.product, current);
      const doc = productDocument(request.product, slug, current);
      await assertSkusFree(tx, doc, new Set(), productId);
      const saved = await saveEntity(tx, products, current, doc, ctx.now, request.product.revision);
      await emitEvent(tx, productEvent('updated', saved), ctx.now);
      return saved;
    });
    return { product: presentProduct(updated, { fields: request.fields, merchant: true }) };
  });

  r.delete(`${BASE}/:productId`, async ({ params, ctx }) => {
    requireManager(ctx, 'deleteProduct');
    await requireV3Catalog(ctx);
    await ctx.tx(async (tx) => {
      await lockCatalog(tx);
      const current = await getEntity(tx, products, params.productId ?? '', 'NOT_FOUND', 'product', true);
      await tx.delete(products).where(eq(products.id, String(current.id)));
      await emitEvent(tx, { ...productEvent('deleted', current), entity: undefined, kind: 'deleted' }, ctx.now);
    });
    return {};
  });

  return r;
}

const productNotFound = (id: string | undefined) => entityNotFound('NOT_FOUND', 'product', id ?? '');

/** An update keeps the slug unless it sets a new one, which must be free. */
async function updatedSlug(tx: Tx, patch: ProductPatch, current: Doc): Promise<string> {
  if (!patch.slug || patch.slug === current.slug) return String(current.slug);
  return chooseSlug(tx, patch.slug, String(current.name), new Set(), String(current.id));
}
