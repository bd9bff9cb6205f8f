/**
 * The locale the widget speaks, read in this order:
 * 1. its `locale` attribute, when the page sets one (the editor does not; a site's own code may);
 * 2. `window.commonConfig.locale`, then `.language`: what a Wix site page carries for the language it is rendered in,
 *    and what `@wix/site` itself reads for the current language (`getCommonConfigValue` in
 *    node_modules/@wix/site/dist/esm/websiteHostModule.js, used for its `x-wix-linguist` header in linguistHeader.js);
 * 3. the page's `<html lang>`;
 * 4. the browser's language; English last.
 * Reading `window.commonConfig` directly keeps `@wix/site` out of the widget's bundle.
 */
export function siteLocale(attribute?: string | null): string {
  const config = (globalThis as { commonConfig?: { locale?: string; language?: string } }).commonConfig;
  const candidates = [
    attribute,
    config?.locale,
    config?.language,
    globalThis.document?.documentElement?.lang,
    globalThis.navigator?.language,
  ];
  for (const candidate of candidates) {
    const tag = candidate?.trim().replace('_', '-');
    if (!tag) continue;
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? 'en';
    } catch {
      // not a BCP 47 tag: the next source
    }
  }
  return 'en';
}
