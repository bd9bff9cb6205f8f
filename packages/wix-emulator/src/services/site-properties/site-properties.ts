import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { invalidArgument } from '../../http/errors.ts';
import { Router, requireCaller } from '../../http/router.ts';
import { getSiteSetting, setSiteSetting, siteSettingsSchema } from '../../platform/site.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { sitePropertyOverrides } from './tables.ts';

/** The top-level fields of Wix's `Properties`, the names a `fields` mask may use. */
const PROPERTY_NAMES = new Set([
  'categories',
  'locale',
  'language',
  'paymentCurrency',
  'timeZone',
  'email',
  'phone',
  'fax',
  'address',
  'siteDisplayName',
  'businessName',
  'logo',
  'description',
  'businessSchedule',
  'multilingual',
  'consentPolicy',
  'businessConfig',
  'externalSiteUrl',
  'trackClicksAnalytics',
  'companyId',
]);

/** The emulated site before anyone changes it: an English-language, US-dollar fitness business. */
const DEFAULT_PROPERTIES: Doc = {
  siteDisplayName: 'Gym Rewards Demo',
  businessName: 'Gym Rewards Demo Gym',
  locale: { languageCode: 'en', country: 'US' },
  language: 'en',
  paymentCurrency: 'USD',
  businessConfig: 'FITNESS SERVICE',
  multilingual: { supportedLanguages: [], autoRedirect: false },
  consentPolicy: { essential: true, functional: true, analytics: true, advertising: true, dataToThirdParty: true },
  trackClicksAnalytics: false,
};

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullish();

/** What `POST /_emulator/v1/site-properties` may set; null puts a property back to its default. */
const propertyChanges = z.object({
  siteDisplayName: text(200),
  businessName: text(200),
  description: text(2000),
  email: z.email('must be an email address').nullish(),
  phone: text(50),
  companyId: text(50),
  locale: z
    .object({
      languageCode: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code'),
      country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166-1 code'),
    })
    .nullish(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code')
    .nullish(),
  paymentCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code')
    .nullish(),
  timeZone: siteSettingsSchema.shape.timeZone.optional(),
});

/** The site's properties now: the defaults, what the emulator API set, and the site setting `timeZone`. */
export async function readSiteProperties(tx: Tx): Promise<{ version: number; properties: Doc }> {
  const [row] = await tx.select().from(sitePropertyOverrides).where(eq(sitePropertyOverrides.id, 1));
  const timeZone = await getSiteSetting(tx, 'timeZone');
  return { version: row?.version ?? 1, properties: { ...DEFAULT_PROPERTIES, ...row?.properties, timeZone } };
}

/** `fields` as the SDK sends it (`?fields=a,b`), or repeated; each must start with a property name. */
function fieldMask(raw: unknown): string[] | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(','));
  const fields = values.map((f) => f.trim()).filter((f) => f.length > 0);
  for (const field of fields) {
    if (!PROPERTY_NAMES.has(field.split('.')[0] ?? '')) {
      throw invalidArgument('fields', `"${field}" is not a site property`);
    }
  }
  return fields.length > 0 ? fields : null;
}

function pick(properties: Doc, fields: string[]): Doc {
  const out: Doc = {};
  for (const field of fields) {
    const path = field.split('.');
    let source: unknown = properties;
    for (const key of path) source = source && typeof source === 'object' ? (source as Doc)[key] : undefined;
    if (source === undefined) continue;
    let target = out;
    for (const key of path.slice(0, -1)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      target = target[key] as Doc;
    }
    target[path.at(-1) as string] = source;
  }
  return out;
}

/** Wix Site Properties (`@wix/business-tools` `siteProperties`): what the emulated site says about itself. */
export function sitePropertiesRoutes(): Router {
  const r = new Router();

  r.get('/site-properties/v4/properties', async ({ body, ctx }) => {
    requireCaller(ctx);
    const fields = fieldMask((body as Doc).fields);
    const { version, properties } = await readSiteProperties(ctx.db);
    return { version: String(version), properties: fields ? pick(properties, fields) : properties };
  });

  // ---- the emulator's own API ----

  r.post('/_emulator/v1/site-properties', async ({ body, ctx }) => {
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const unknown = Object.keys(body).find((key) => !(key in propertyChanges.shape));
      if (unknown) throw invalidArgument(unknown, 'is not a site property the emulator lets you set');
    }
    const { timeZone, ...changes } = propertyChanges.parse(body);
    await ctx.tx(async (tx) => {
      if (timeZone !== undefined) await setSiteSetting(tx, 'timeZone', timeZone);
      const [row] = await tx.select().from(sitePropertyOverrides).where(eq(sitePropertyOverrides.id, 1)).for('update');
      const properties: Doc = { ...row?.properties };
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) delete properties[key];
        else if (value !== undefined) properties[key] = value;
      }
      const version = (row?.version ?? 1) + 1;
      await tx
        .insert(sitePropertyOverrides)
        .values({ id: 1, properties, version })
        .onConflictDoUpdate({ target: sitePropertyOverrides.id, set: { properties, version } });
    });
    return readSiteProperties(ctx.db).then(({ version, properties }) => ({ version: String(version), properties }));
  });

  return r;
}
