/**
 * The app's one way to speak a language, for the dashboard and the site widget alike: each page or widget keeps its
 * phrases in one table (a phrase: its English, its German and, where the table has it, its Spanish; a text or a
 * function of the values it names), and takes them in a locale's language. No React here: the widget ships this file.
 */

/** The languages the app speaks, in the order of each phrase's translations; the first is the fallback. */
export const LANGUAGES = ['en', 'de', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text, or a function of the values it names (a text, or page content where the phrase marks words up). */
export type Phrase = string | ((...args: never[]) => unknown);
/** A table in English and German, Spanish where given: a language a phrase lacks speaks English (the dashboard's). */
export type Phrases = Record<string, readonly [Phrase, Phrase, Phrase?]>;
/** A table in every language (the site widget's): a phrase missing one is a type error. */
export type EveryLanguage = Record<string, readonly [Phrase, Phrase, Phrase]>;

/** A table's phrases in one language: texts stay texts, functions stay functions. */
export type WordsOf<T extends Phrases> = { [K in keyof T]: T[K][0] extends string ? string : T[K][0] };

/** The language of a locale (`de-AT` and `de_CH` speak `de`), English when the app does not speak it. */
export function languageOf(locale: string | null | undefined): Language {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] as Language;
  return LANGUAGES.includes(language) ? language : 'en';
}

/** The phrases of `table` in `locale`'s language; a phrase without that language speaks English. */
export function phrasesIn<T extends Phrases>(table: T, locale: string): WordsOf<T> {
  const index = LANGUAGES.indexOf(languageOf(locale));
  return Object.fromEntries(
    Object.entries(table).map(([key, phrases]) => [key, phrases[index] ?? phrases[0]]),
  ) as WordsOf<T>;
}

/**
 * `1 Token`, `2 Token`: the count, formatted for `locale`, and the form its plural category (`Intl.PluralRules`) takes
 * there (`other` when the language has no form of its own for it). A form with a `#` puts the count there:
 * `{ one: 'Falta # token', other: 'Faltan # tokens' }`.
 */
export function countOf(
  count: number,
  locale: string,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
): string {
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  const number = new Intl.NumberFormat(locale).format(count);
  return form.includes('#') ? form.replace('#', number) : `${number} ${form}`;
}

/** `counted('de', 'Prämie', 'Prämien')(3)` is `3 Prämien`: a counted word of one language, for a phrase table. */
export const counted =
  (locale: string, one: string, other: string) =>
  (count: number): string =>
    countOf(count, locale, { one, other });
