import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../storage/db.ts';
import { siteSettings } from './tables.ts';

/** An IANA zone name (`Europe/Berlin`, `UTC`, `Etc/GMT+5`): offsets such as `+05:00` are not zone names. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Whether the runtime's time zone database (ICU, as Intl uses it) knows the zone. */
function isKnownTimeZone(zone: string): boolean {
  if (!IANA_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Settings of the one emulated site, with Wix's defaults for a new site. */
export const siteSettingsSchema = z.object({
  /** IANA time zone of the site (Wix site properties `timeZone`). */
  timeZone: z.string().min(1, 'is required').refine(isKnownTimeZone, 'is not an IANA time zone'),
  /** Which Stores catalog the site runs (Wix `catalogVersioning.getCatalogVersion`). */
  catalogVersion: z.enum(['V1_CATALOG', 'V3_CATALOG', 'STORES_NOT_INSTALLED']),
  /** Whether the site is published (Payment Links refuse an unpublished site: `UNPUBLISHED_SITE`). */
  published: z.boolean(),
  /** Whether the site accepts payments (a payment method connected; else `MISSING_ACCEPT_PAYMENTS`). */
  acceptsPayments: z.boolean(),
});
export type SiteSettings = z.infer<typeof siteSettingsSchema>;

const defaults: SiteSettings = {
  timeZone: 'UTC',
  catalogVersion: 'V3_CATALOG',
  published: true,
  acceptsPayments: true,
};

export async function getSiteSetting<K extends keyof SiteSettings>(tx: Tx, key: K): Promise<SiteSettings[K]> {
  const [row] = await tx.select().from(siteSettings).where(eq(siteSettings.key, key));
  return row ? (row.value as SiteSettings[K]) : defaults[key];
}

/** Every setting, as the site has it now. */
export async function getSiteSettings(tx: Tx): Promise<SiteSettings> {
  const rows = await tx.select().from(siteSettings);
  const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
  return { ...defaults, ...siteSettingsSchema.partial().parse(stored) };
}

export async function setSiteSetting<K extends keyof SiteSettings>(tx: Tx, key: K, value: SiteSettings[K]) {
  const parsed = siteSettingsSchema.shape[key].parse(value);
  await tx
    .insert(siteSettings)
    .values({ key, value: parsed })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value: parsed } });
}
