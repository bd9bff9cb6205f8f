import { parseInput } from './errors.ts';
import { billingCyclesOf, type PlanCatalog, planCatalogSchema } from './plan-catalog.ts';
import { callPremium, type PremiumEntity, type PremiumRoute, type ProductFeature } from './premium.ts';
import { type WixApis as AllWixApis, wixErrorCode } from './wix.ts';

/** The setup calls only the premium platform, as the app. */
type WixApis = Pick<AllWixApis, 'fetchWithAuth'>;

/**
 * The setup flow of the premium platform (seed "Setup flow", steps 1-6): makes the catalog exist on Wix as the file
 * says, in the seed's order — the product type, the families, the features, the products, the display attributes,
 * then every translation in one bulk call. Each kind is read first (one query) and matched by its key (what Wix keeps
 * unique: the type's name, a family's name in its type, a feature's `uniqueName`, a product's `vendorProductId`, the
 * entity of display attributes, the attributes and locale of a translation); what is missing is created, what differs
 * is updated, the rest is left alone. A rerun never duplicates.
 */

/** One kind of catalog entity: its routes, the field of requests and answers, and its key. */
interface Kind {
  query: PremiumRoute;
  create: PremiumRoute;
  update: PremiumRoute;
  singular: string;
  plural: string;
  keyOf: (doc: Record<string, unknown>) => string;
}

const kind = (
  name: 'ProductType' | 'ProductFamily' | 'Feature' | 'Product' | 'DisplayAttributes',
  singular: string,
  plural: string,
  keyOf: Kind['keyOf'],
): Kind => ({
  query: (name === 'ProductFamily'
    ? 'queryProductFamilies'
    : name === 'DisplayAttributes'
      ? 'queryDisplayAttributes'
      : `query${name}s`) as PremiumRoute,
  create: `create${name}` as PremiumRoute,
  update: `update${name}` as PremiumRoute,
  singular,
  plural,
  keyOf,
});

const KINDS = {
  productType: kind('ProductType', 'productType', 'productTypes', (d) => String(d.name)),
  productFamily: kind('ProductFamily', 'productFamily', 'productFamilies', (d) => `${d.productTypeId}/${d.name}`),
  feature: kind('Feature', 'feature', 'features', (d) => String(d.uniqueName)),
  product: kind('Product', 'product', 'products', (d) => String(d.vendorProductId)),
  displayAttributes: kind(
    'DisplayAttributes',
    'displayAttributes',
    'displayAttributes',
    (d) => `${d.entityType}/${d.entityId}`,
  ),
};

export type SetupChange = 'CREATED' | 'UPDATED' | 'UNCHANGED';
export interface CatalogSetupResult {
  /** What happened to each entity, by `kind:key` (`product:grow`, `translation:product:grow:de`). */
  changes: Record<string, SetupChange>;
  /** The product type's id: what the display flow asks the offering of. */
  productTypeId: string;
}

/** A value with object keys sorted, null as absent and arrays in a stable order, to compare what Wix holds. */
function canonical(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, canonical(v)] as const)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  return value;
}

/** Whether what Wix holds already says every field the catalog sets. */
export function holdsAll(desired: object, held: object): boolean {
  return Object.entries(desired).every(
    ([field, value]) =>
      JSON.stringify(canonical(value)) === JSON.stringify(canonical((held as Record<string, unknown>)[field])),
  );
}

/** Every entity a query route answers for `filter`, page after page. */
async function queryAll(wix: WixApis, route: PremiumRoute, plural: string, filter: object) {
  const all: PremiumEntity[] = [];
  let cursor: string | null | undefined;
  do {
    const query = cursor ? { cursorPaging: { cursor, limit: 100 } } : { filter, cursorPaging: { limit: 100 } };
    const page = await callPremium<Record<string, unknown> & { pagingMetadata?: { cursors?: { next?: string } } }>(
      wix,
      route,
      { body: { query } },
    );
    all.push(...((page[plural] as PremiumEntity[] | undefined) ?? []));
    cursor = page.pagingMetadata?.cursors?.next;
  } while (cursor);
  return all;
}

/**
 * Makes each desired entity of a kind exist as desired (one query, then creates and updates in parallel); answers
 * their ids in order and records what happened under each label.
 */
async function syncKind(
  wix: WixApis,
  k: Kind,
  filter: object,
  desired: Array<{ label: string; doc: Record<string, unknown> }>,
  changes: Record<string, SetupChange>,
): Promise<string[]> {
  if (desired.length === 0) return [];
  const held = new Map((await queryAll(wix, k.query, k.plural, filter)).map((e) => [k.keyOf(e), e]));
  return Promise.all(
    desired.map(async ({ label, doc }) => {
      let existing = held.get(k.keyOf(doc));
      if (!existing) {
        try {
          const created = await callPremium<Record<string, PremiumEntity>>(wix, k.create, {
            body: { [k.singular]: doc },
          });
          changes[label] = 'CREATED';
          return created[k.singular]!.id;
        } catch (error) {
          // Made meanwhile by another run: compare with it as with any held entity.
          if (wixErrorCode(error) !== 'ALREADY_EXISTS') throw error;
          existing = (await queryAll(wix, k.query, k.plural, filter)).find((e) => k.keyOf(e) === k.keyOf(doc));
          if (!existing) throw error;
        }
      }
      if (holdsAll(doc, existing)) {
        changes[label] = 'UNCHANGED';
        return existing.id;
      }
      await callPremium(wix, k.update, {
        params: { id: existing.id },
        body: { [k.singular]: { ...doc, id: existing.id, revision: existing.revision } },
      });
      changes[label] = 'UPDATED';
      return existing.id;
    }),
  );
}

type Texts = PlanCatalog['offering']['display'];
const fieldsOf = (texts: Texts[string]) => ({
  name: texts.title,
  ...(texts.description ? { description: texts.description } : {}),
});

/** `catalog:setup`: the catalog on Wix as the file says (see above). Runs as the app. */
export async function setUpPlanCatalog(wix: WixApis, input: unknown): Promise<CatalogSetupResult> {
  const catalog = parseInput(planCatalogSchema, input);
  const changes: Record<string, SetupChange> = {};
  const { productType, families, features, products } = catalog;
  const [typeId] = await syncKind(
    wix,
    KINDS.productType,
    { name: productType.name },
    [{ label: `productType:${productType.key}`, doc: { name: productType.name } }],
    changes,
  );
  const productTypeId = typeId!;
  const familyIds = await syncKind(
    wix,
    KINDS.productFamily,
    { productTypeId },
    families.map((f) => ({ label: `productFamily:${f.key}`, doc: { productTypeId, name: f.name } })),
    changes,
  );
  const featureIds = await syncKind(
    wix,
    KINDS.feature,
    { uniqueName: { $in: features.map((f) => f.key) } },
    features.map((f) => ({
      label: `feature:${f.key}`,
      doc: { uniqueName: f.key, type: f.type, description: f.display[catalog.defaultLocale]?.description },
    })),
    changes,
  );
  const featureId = new Map(features.map((f, i) => [f.key, featureIds[i]!]));
  const familyId = new Map(families.map((f, i) => [f.key, familyIds[i]!]));
  const productIds = await syncKind(
    wix,
    KINDS.product,
    { productTypeId },
    products.map((p) => ({
      label: `product:${p.key}`,
      doc: {
        productTypeId,
        familyId: p.family ? familyId.get(p.family) : undefined,
        vendorProductId: p.key,
        name: p.name,
        status: p.status,
        billingCycles: billingCyclesOf(p),
        prices: Object.entries(p.prices).flatMap(([currency, byCycle]) =>
          billingCyclesOf(p).map((cycle) => ({ currency, cycle, amount: byCycle[cycle]! })),
        ),
        features: Object.entries(p.features).map(
          ([key, value]): ProductFeature => ({
            featureId: featureId.get(key as never)!,
            ...(typeof value === 'number' ? { quantity: value } : value === null ? { unlimited: true } : {}),
          }),
        ),
      },
    })),
    changes,
  );
  // Display attributes of every feature, product, the product type and the user offering (named by the type's id).
  const texted: Array<{ label: string; entityType: string; entityId: string; display: Texts }> = [
    {
      label: `productType:${productType.key}`,
      entityType: 'PRODUCT_TYPE',
      entityId: productTypeId,
      display: productType.display,
    },
    ...features.map((f, i) => ({
      label: `feature:${f.key}`,
      entityType: 'FEATURE',
      entityId: featureIds[i]!,
      display: f.display,
    })),
    ...products.map((p, i) => ({
      label: `product:${p.key}`,
      entityType: 'PRODUCT',
      entityId: productIds[i]!,
      display: p.display,
    })),
    {
      label: `offering:${productType.key}`,
      entityType: 'USER_OFFERING',
      entityId: productTypeId,
      display: catalog.offering.display,
    },
  ];
  const attributeIds = await syncKind(
    wix,
    KINDS.displayAttributes,
    { entityId: { $in: [...new Set(texted.map((t) => t.entityId))] } },
    texted.map((t) => ({
      label: `display:${t.label}`,
      doc: {
        entityType: t.entityType,
        entityId: t.entityId,
        locale: catalog.defaultLocale,
        fields: fieldsOf(t.display[catalog.defaultLocale]!),
      },
    })),
    changes,
  );
  const translations = texted.flatMap((t, i) =>
    Object.entries(t.display)
      .filter(([locale]) => locale !== catalog.defaultLocale)
      .map(([locale, texts]) => ({
        label: `translation:${t.label}:${locale}`,
        doc: { displayAttributesId: attributeIds[i]!, locale, fields: fieldsOf(texts) },
      })),
  );
  await syncTranslations(wix, translations, changes);
  return { changes, productTypeId };
}

interface BulkAnswer {
  bulkActionMetadata?: { totalFailures?: number };
  results?: Array<{ itemMetadata?: { success?: boolean; error?: { code?: string; description?: string } } }>;
}

/** Refuses a bulk call that failed for some items (Wix answers 200 with per-item failures). */
function requireAllDone(answer: BulkAnswer, what: string) {
  const failed = answer.results?.find((r) => r.itemMetadata?.success === false)?.itemMetadata?.error;
  if (failed || (answer.bulkActionMetadata?.totalFailures ?? 0) > 0) {
    throw new Error(`${what}: ${failed?.code ?? 'FAILED'} ${failed?.description ?? ''}`.trim());
  }
}

/** Every translation: the missing ones in one Create Bulk Translatable Content call, the changed ones in one update. */
async function syncTranslations(
  wix: WixApis,
  translations: Array<{ label: string; doc: { displayAttributesId: string; locale: string; fields: object } }>,
  changes: Record<string, SetupChange>,
) {
  if (translations.length === 0) return;
  const filter = { displayAttributesId: { $in: [...new Set(translations.map((t) => t.doc.displayAttributesId))] } };
  const held = new Map(
    (await queryAll(wix, 'queryTranslatableContent', 'translatableContents', filter)).map((t) => [
      `${t.displayAttributesId}/${t.locale}`,
      t,
    ]),
  );
  const missing: object[] = [];
  const changed: object[] = [];
  for (const { label, doc } of translations) {
    const existing = held.get(`${doc.displayAttributesId}/${doc.locale}`);
    if (!existing) missing.push(doc);
    else if (!holdsAll(doc, existing)) {
      changed.push({ translatableContent: { id: existing.id, revision: existing.revision, fields: doc.fields } });
    }
    changes[label] = !existing ? 'CREATED' : holdsAll(doc, existing) ? 'UNCHANGED' : 'UPDATED';
  }
  if (missing.length > 0) {
    const answer = await callPremium<BulkAnswer>(wix, 'createBulkTranslatableContent', {
      body: { translatableContents: missing, returnEntity: false },
    });
    requireAllDone(answer, 'Create Bulk Translatable Content');
  }
  if (changed.length > 0) {
    const answer = await callPremium<BulkAnswer>(wix, 'updateBulkTranslatableContent', {
      body: { translatableContents: changed, returnEntity: false },
    });
    requireAllDone(answer, 'Update Bulk Translatable Content');
  }
}
