import catalogues from './messages.json';

/**
 * Every string the widget shows, in one catalogue (`messages.json`): English, German and Spanish. A message is a text with `{name}`
 * placeholders, or plural forms keyed by `Intl.PluralRules` categories (`one`, `other`, and whatever else a language
 * needs) where `#` is the count, formatted for the locale. A language lacking a message is a type error.
 */
type Plural = { one?: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
type Message = string | Plural;

type Catalogue = Record<MessageKey, Message>;
export type MessageKey = keyof typeof catalogues.en;

/** Each language must have every English message: a missing one fails the typecheck here. */
export const CATALOGUES: Record<string, Catalogue> = {
  en: catalogues.en,
  de: catalogues.de satisfies Catalogue,
  es: catalogues.es satisfies Catalogue,
};
export const LANGUAGES = Object.keys(CATALOGUES);

/** The catalogue's language for a locale (`de-AT` → `de`), English when it has none. */
export function languageOf(locale: string | null | undefined): string {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return language in CATALOGUES ? language : 'en';
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The widget's messages in a locale: `t(key, values)`; a plural message takes its count as `n`. */
export function translator(locale: string): { t: Translate; locale: string; language: string } {
  const language = languageOf(locale);
  // A locale the browser cannot format in falls back to the catalogue's language.
  const tag = Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : language;
  const catalogue = CATALOGUES[language]!;
  const plural = new Intl.PluralRules(tag);
  const number = new Intl.NumberFormat(tag);
  const t: Translate = (key, values = {}) => {
    const message = catalogue[key];
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const n = Number(values.n ?? 0);
      text = (message[plural.select(n)] ?? message.other).replace('#', number.format(n));
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(typeof values[name] === 'number' ? number.format(values[name]) : values[name]) : whole,
    );
  };
  return { t, locale: tag, language };
}
