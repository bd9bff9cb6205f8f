import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { runBulk } from '../../http/bulk.ts';
import { invalidArgument } from '../../http/errors.ts';
import { type Ctx, Router } from '../../http/router.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { findPremium, guid, type Kind, localeCode, requireApp } from './common.ts';
import { createPremium, kindSpec, premiumEntityRoutes, updatePremium } from './entities.ts';

const DISPLAY = '/display-manager/v2';

import { type PremiumEntity, premiumEntities } from './tables.ts';

/**
 * Premium Display Manager: display attributes (the texts a package picker shows) of every feature, product, product
 * type and user offering, and their translations per locale. Fields are our reading (README, "Entities").
 */

/** What an attribute set describes; a user offering is named by its product type's id (our reading). */
const ENTITY_KINDS: Record<string, Kind> = {
  FEATURE: 'FEATURE',
  PRODUCT: 'PRODUCT',
  PRODUCT_TYPE: 'PRODUCT_TYPE',
  USER_OFFERING: 'PRODUCT_TYPE',
};

const fieldKey = /^[a-zA-Z][a-zA-Z0-9_]{0,49}$/;
const textFields = z
  .record(
    z.string().regex(fieldKey, 'field names are 1-50 letters, digits or `_`, starting with a letter'),
    z.string().max(2000, 'must be at most 2000 characters'),
  )
  .refine((fields) => Object.keys(fields).length <= 30, 'at most 30 fields');

export const displayAttributes = z.object({
  entityType: z.enum(['FEATURE', 'PRODUCT', 'PRODUCT_TYPE', 'USER_OFFERING']),
  entityId: guid,
  /** The language of `fields`; translations add other locales. */
  locale: localeCode.default('en'),
  fields: textFields.refine((f) => typeof f.name === 'string' && f.name.trim().length > 0, {
    message: 'must have a non-empty `name`',
  }),
});

export const translatableContent = z.object({
  displayAttributesId: guid,
  locale: localeCode,
  fields: textFields,
});

const ATTRIBUTES = `${DISPLAY}/display-attributes`;
const byEntity = ['entityType', 'entityId'];
const rules = { plural: 'displayAttributes', check: checkAttributes };
export const displayAttributesSpec = kindSpec('DISPLAY_ATTRIBUTES', ATTRIBUTES, displayAttributes, byEntity, rules);

async function checkAttributes(tx: Tx, appId: string, d: z.infer<typeof displayAttributes>, at: string) {
  const kind = ENTITY_KINDS[d.entityType] as Kind;
  if (!(await findPremium(tx, kind, d.entityId, appId))) {
    const offering = d.entityType === 'USER_OFFERING' ? ' (a user offering is named by its product type id)' : '';
    throw invalidArgument(
      `${at}entityId`,
      `is not a ${d.entityType.toLowerCase().replace('_', ' ')} of this app${offering}`,
    );
  }
}

async function checkTranslation(tx: Tx, appId: string, d: z.infer<typeof translatableContent>, at: string) {
  const attributes = await findPremium(tx, 'DISPLAY_ATTRIBUTES', d.displayAttributesId, appId);
  if (!attributes) throw invalidArgument(`${at}displayAttributesId`, 'is not display attributes of this app');
  if (attributes.locale === d.locale)
    throw invalidArgument(`${at}locale`, "is the display attributes' own locale: update them instead");
  const known = new Set(Object.keys(attributes.fields));
  for (const key of Object.keys(d.fields)) {
    if (!known.has(key)) throw invalidArgument(`${at}fields.${key}`, 'is not a field of the display attributes');
  }
}

export const translatableContentSpec = kindSpec(
  'TRANSLATABLE_CONTENT',
  `${DISPLAY}/translatable-content`,
  translatableContent,
  ['displayAttributesId', 'locale'],
  { check: checkTranslation },
);

const bulkCreate = z.object({
  translatableContents: z.array(z.unknown()).min(1, 'must not be empty').max(1000, 'at most 1000 items'),
  returnEntity: z.boolean().nullish(),
});
const bulkUpdate = z.object({
  translatableContents: z
    .array(z.object({ translatableContent: z.object({ id: guid }).passthrough() }))
    .min(1, 'must not be empty')
    .max(1000, 'at most 1000 items'),
  returnEntity: z.boolean().nullish(),
});

type Bulk<T> = { translatableContents: T[]; returnEntity?: boolean | null | undefined };

/** A bulk method over translatable content: each item in its own savepoint (`runBulk`), refusals naming the item. */
function bulkRoute<T>(
  r: Router,
  verb: string,
  method: string,
  request: z.ZodType<Bulk<T>>,
  work: (tx: Tx, ctx: Ctx, appId: string, item: T, at: string) => Promise<Doc>,
  idOf?: (item: T) => unknown,
) {
  r.post(`${DISPLAY}/bulk/translatable-content/${verb}`, async ({ body, ctx }) => {
    const appId = requireApp(ctx, method);
    const { translatableContents, returnEntity } = request.parse(body);
    const options = { returnEntity: returnEntity ?? true, ...(idOf ? { idOf } : {}) };
    return ctx.tx((tx) =>
      runBulk(
        tx,
        translatableContents,
        (t, item, i) => work(t, ctx, appId, item, `translatableContents.${i}.`),
        options,
      ),
    );
  });
}

/** Display attributes (Create, Get, Query, Update), translatable content (Get, Query, Update, Bulk Create, Bulk Update). */
export function displayRoutes(): Router[] {
  const bulk = new Router();
  const spec = translatableContentSpec;
  bulkRoute(bulk, 'create', 'CreateBulkTranslatableContent', bulkCreate, (tx, ctx, appId, item, at) =>
    createPremium(tx, spec, appId, item, ctx, at),
  );
  bulkRoute(
    bulk,
    'update',
    'BulkUpdateTranslatableContent',
    bulkUpdate,
    (tx, ctx, appId, { translatableContent: item }, at) =>
      updatePremium(tx, spec, appId, item.id, item, ctx, `${at}translatableContent.`),
    (item) => item.translatableContent.id,
  );
  return [premiumEntityRoutes(displayAttributesSpec), premiumEntityRoutes(spec, { createRoute: false }), bulk];
}

/** An app's entities of a kind by their unique keys. */
async function byKeys<K extends Kind>(tx: Tx, kind: K, appId: string, keys: string[]) {
  const mine = and(eq(premiumEntities.kind, kind), eq(premiumEntities.appId, appId));
  // The rows are of `kind`: their data is that kind's.
  return (await tx
    .select({ id: premiumEntities.id, data: premiumEntities.data })
    .from(premiumEntities)
    .where(and(mine, inArray(premiumEntities.uniqueKey, keys)))) as Array<{ id: string; data: PremiumEntity<K> }>;
}

/**
 * The texts of entities in a locale: for each entity id, its display attributes' fields, overlaid with the
 * translation to `locale` (or to its language, `de` for `de-AT`) where there is one; `{}` for an entity without.
 */
export async function textsIn(
  tx: Tx,
  appId: string,
  entityType: string,
  entityIds: string[],
  locale: string,
): Promise<Map<string, Doc>> {
  const texts = new Map<string, Doc>();
  if (entityIds.length === 0) return texts;
  const attributes = await byKeys(
    tx,
    'DISPLAY_ATTRIBUTES',
    appId,
    entityIds.map((id) => `${entityType}/${id}`),
  );
  const language = locale.split('-')[0] ?? locale;
  const wanted = [locale, language];
  const keys = attributes.flatMap((a) => wanted.map((l) => `${a.id}/${l}`));
  const translations = keys.length ? await byKeys(tx, 'TRANSLATABLE_CONTENT', appId, keys) : [];
  for (const { id, data } of attributes) {
    const mine = translations.map((t) => t.data).filter((t) => t.displayAttributesId === id);
    const best = mine.find((t) => t.locale === locale) ?? mine.find((t) => t.locale === language);
    texts.set(data.entityId, { ...data.fields, ...best?.fields });
  }
  return texts;
}
