import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { ZodError, z } from 'zod';
import { conflict, fromZodError, invalidArgument } from '../../http/errors.ts';
import { type Ctx, Router } from '../../http/router.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { insertEntityUnlessConflict, saveEntity, stripSystemFields } from '../../storage/entities.ts';
import { queryEntities } from '../../storage/query.ts';
import { findPremium, getPremium, type Kind, requireApp } from './common.ts';
import { premiumEntities } from './tables.ts';

/** One kind of premium catalog entity and how its routes read and check it. */
export interface KindSpec<T extends Doc = Doc> {
  kind: Kind;
  /** The collection's path (our guess: README, "Routes"). */
  base: string;
  /** The request and answer field: `productType`; the query answer's: `productTypes`. */
  singular: string;
  plural: string;
  /** For messages and method names: `product type`, `ProductType`. */
  what: string;
  method: string;
  input: z.ZodType<T>;
  /** What must be unique per app and kind (a rerun finds it by this), and the fields it is made of (immutable). */
  key: (doc: T) => string;
  keyFields: string[];
  /** Checks what the entity refers to (it must be the same app's); `at` prefixes the field names of refusals. */
  check?: (tx: Tx, appId: string, doc: T, at: string) => Promise<void>;
}

/**
 * A KindSpec from its kind (`PRODUCT_TYPE`: singular `productType`, plural `productTypes` unless given, `product type`),
 * path, input and key fields (unique per app, joined by `/`); `immutable` names more fields an update may not change.
 */
export function kindSpec<T extends Doc>(
  kind: Kind,
  base: string,
  input: z.ZodType<T>,
  keys: string[],
  options: { plural?: string; immutable?: string[]; check?: KindSpec<T>['check'] } = {},
): KindSpec<T> {
  const words = kind.toLowerCase().split('_');
  const singular = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return {
    kind,
    base,
    singular,
    plural: options.plural ?? `${singular}s`,
    what: words.join(' '),
    method: singular.charAt(0).toUpperCase() + singular.slice(1),
    input,
    key: (doc) => keys.map((k) => String(doc[k])).join('/'),
    keyFields: [...keys, ...(options.immutable ?? [])],
    ...(options.check ? { check: options.check } : {}),
  };
}

const queryRequest = z.object({
  query: z
    .object({
      filter: z.record(z.string(), z.unknown()).nullish(),
      sort: z.array(z.object({ fieldName: z.string().optional(), order: z.string().optional() })).nullish(),
      cursorPaging: z.object({ limit: z.coerce.number().nullish(), cursor: z.string().max(16000).nullish() }).nullish(),
    })
    .nullish(),
});

/** Parses `raw`, naming refused fields from the request's root (`at` is e.g. `translatableContents.3.`). */
export function parseAt<T>(schema: z.ZodType<T>, raw: unknown, at: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const prefix = at.split('.').filter(Boolean);
  return fromZodErrorAt(result.error, prefix);
}

function fromZodErrorAt(error: ZodError, prefix: string[]): never {
  throw fromZodError(new ZodError(error.issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }))));
}

const ofApp = (kind: Kind, appId: string) => and(eq(premiumEntities.kind, kind), eq(premiumEntities.appId, appId));

/** Creates an entity of `spec` for `appId`; the key taken is 409 ALREADY_EXISTS with the existing entity's id. */
export async function createPremium<T extends Doc>(
  tx: Tx,
  spec: KindSpec<T>,
  appId: string,
  raw: unknown,
  ctx: Ctx,
  at: string,
): Promise<Doc> {
  const doc = parseAt(spec.input, raw, at);
  await spec.check?.(tx, appId, doc, at);
  const uniqueKey = spec.key(doc);
  const created = await insertEntityUnlessConflict(tx, premiumEntities, randomUUID(), doc, ctx.now, {
    kind: spec.kind,
    appId,
    uniqueKey,
  });
  if (created) return created;
  const [existing] = await tx
    .select({ id: premiumEntities.id })
    .from(premiumEntities)
    .where(and(ofApp(spec.kind, appId), eq(premiumEntities.uniqueKey, uniqueKey)));
  throw conflict(
    'ALREADY_EXISTS',
    `a ${spec.what} with ${spec.keyFields.join(' and ')} ${JSON.stringify(uniqueKey)} already exists`,
    {
      id: existing?.id,
      field: `${at}${spec.keyFields[0]}`,
    },
  );
}

/** Updates an entity of `spec`: the fields given replace the stored ones; `revision` is required, key fields immutable. */
export async function updatePremium<T extends Doc>(
  tx: Tx,
  spec: KindSpec<T>,
  appId: string,
  id: string,
  raw: unknown,
  ctx: Ctx,
  at: string,
): Promise<Doc> {
  const patch = parseAt(
    z.object({ revision: z.union([z.string(), z.number()], { message: 'is required' }) }).passthrough(),
    raw,
    at,
  );
  if (patch.id !== undefined && patch.id !== id)
    throw invalidArgument(`${at}id`, 'does not match the id of the entity updated');
  // Locked first, so a concurrent update waits and then meets the revision this one wrote.
  await tx.execute(sql`select 1 from ${premiumEntities} where ${premiumEntities.id} = ${id} for update`);
  const current = await getPremium(tx, spec.kind, id, spec.what, appId);
  const { appId: _owner, ...stored } = current;
  const doc = parseAt(spec.input, { ...stripSystemFields(stored), ...stripSystemFields(patch) }, at);
  const before: Doc = stored;
  for (const field of spec.keyFields) {
    if (JSON.stringify(doc[field]) !== JSON.stringify(before[field]))
      throw invalidArgument(`${at}${field}`, 'is immutable: create another entity instead');
  }
  await spec.check?.(tx, appId, doc, at);
  return saveEntity(tx, premiumEntities, stored, doc, ctx.now, String(patch.revision));
}

/** Create (unless `createRoute` is false), Get, Query and Update of one kind, at `spec.base`. */
export function premiumEntityRoutes<T extends Doc>(spec: KindSpec<T>, { createRoute = true } = {}): Router {
  const r = new Router();
  if (createRoute) {
    r.post(spec.base, async ({ body, ctx }) => {
      const appId = requireApp(ctx, `Create${spec.method}`);
      const request = z.object({ [spec.singular]: z.unknown() }).parse(body);
      if (request[spec.singular] === undefined) throw invalidArgument(spec.singular, 'is required');
      const created = await ctx.tx((tx) =>
        createPremium(tx, spec, appId, request[spec.singular], ctx, `${spec.singular}.`),
      );
      return { [spec.singular]: created };
    });
  }
  r.post(`${spec.base}/query`, async ({ body, ctx }) => {
    const appId = requireApp(ctx, `Query${spec.method}s`);
    const { query } = queryRequest.parse(body);
    const page = await queryEntities(ctx.db, premiumEntities, query ?? {}, ofApp(spec.kind, appId));
    return { [spec.plural]: page.docs, pagingMetadata: page.cursorMetadata };
  });
  r.get(`${spec.base}/:id`, async ({ params, ctx }) => {
    const appId = requireApp(ctx, `Get${spec.method}`);
    const found = await findPremium(ctx.db, spec.kind, params.id ?? '', appId);
    if (!found) return getPremium(ctx.db, spec.kind, params.id ?? '', spec.what, appId);
    const { appId: _owner, ...doc } = found;
    return { [spec.singular]: doc };
  });
  r.patch(`${spec.base}/:id`, async ({ params, body, ctx }) => {
    const appId = requireApp(ctx, `Update${spec.method}`);
    const request = z
      .object({ [spec.singular]: z.record(z.string(), z.unknown(), { message: 'is required' }) })
      .parse(body);
    const updated = await ctx.tx((tx) =>
      updatePremium(tx, spec, appId, params.id ?? '', request[spec.singular], ctx, `${spec.singular}.`),
    );
    return { [spec.singular]: updated };
  });
  return r;
}
