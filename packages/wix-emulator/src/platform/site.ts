import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../storage/db.ts';
import { siteSettings } from './tables.ts';

/** Settings of the one emulated site, with Wix's defaults for a new site. */
export const siteSettingsSchema = z.object({
  /** IANA time zone of the site (Wix site properties `timeZone`). */
  timeZone: z
    .string()
    .min(1)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'is not an IANA time zone'),
  /** Which Stores catalog the site runs (Wix `catalogVersioning.getCatalogVersion`). */
  catalogVersion: z.enum(['V1_CATALOG', 'V3_CATALOG', 'STORES_NOT_INSTALLED']),
});
export type SiteSettings = z.infer<typeof siteSettingsSchema>;

const defaults: SiteSettings = { timeZone: 'UTC', catalogVersion: 'V3_CATALOG' };

export async function getSiteSetting<K extends keyof SiteSettings>(tx: Tx, key: K): Promise<SiteSettings[K]> {
  const [row] = await tx.select().from(siteSettings).where(eq(siteSettings.key, key));
  return row ? (row.value as SiteSettings[K]) : defaults[key];
}

export async function setSiteSetting<K extends keyof SiteSettings>(tx: Tx, key: K, value: SiteSettings[K]) {
  const parsed = siteSettingsSchema.shape[key].parse(value);
  await tx
    .insert(siteSettings)
    .values({ key, value: parsed })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value: parsed } });
}
