/**
 * The dashboard's one way to speak the owner's language: each page keeps its phrases in one table (a phrase: its
 * English and its German, a text or a function of the values it names), and takes them in the dashboard's locale.
 */

import { createContext, useContext, useMemo } from 'react';

/** The languages the dashboard speaks, in the order of each phrase's translations; the first is the fallback. */
export const LANGUAGES = ['en', 'de'] as const;

/** A text, or a function of the values it names (a text, or page content where the phrase marks words up). */
export type Phrase = string | ((...args: never[]) => unknown);
export type Phrases = Record<string, readonly [Phrase, Phrase]>;

/** A table's phrases in one language: texts stay texts, functions stay functions. */
export type WordsOf<T extends Phrases> = { [K in keyof T]: T[K][0] extends string ? string : T[K][0] };

/** The phrases of `table` in `locale` (its language: `de-AT` speaks `de`), English otherwise. */
export function phrasesIn<T extends Phrases>(table: T, locale: string): WordsOf<T> {
  const index = Math.max(0, LANGUAGES.indexOf(locale.slice(0, 2).toLowerCase() as (typeof LANGUAGES)[number]));
  return Object.fromEntries(Object.entries(table).map(([key, phrases]) => [key, phrases[index]])) as WordsOf<T>;
}

/**
 * The dashboard's locale: the page's `?locale=` (how Wix opens a dashboard page in a language, and how the devsite's
 * story asks for one), else the document's language, else the browser's.
 */
export function dashboardLocale(): string {
  if (typeof window === 'undefined') return 'en';
  const asked = new URLSearchParams(window.location.search).get('locale');
  return asked || document.documentElement.lang || navigator.language || 'en';
}

/** `1 Token`, `2 Token`: the count and the word its plural category (`Intl.PluralRules`) takes in `locale`. */
export function countOf(
  count: number,
  locale: string,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
): string {
  const category = new Intl.PluralRules(locale).select(count);
  return `${new Intl.NumberFormat(locale).format(count)} ${forms[category] ?? forms.other}`;
}

/** `counted('de', 'Prämie', 'Prämien')(3)` is `3 Prämien`: a counted word of one language, for a phrase table. */
export const counted =
  (locale: string, one: string, other: string) =>
  (count: number): string =>
    countOf(count, locale, { one, other });

/** The locale a page speaks, for the components under it; without one, the dashboard's (`dashboardLocale`). */
export const LocaleContext = createContext<string | null>(null);

export const useLocale = (): string => useContext(LocaleContext) ?? dashboardLocale();

/** A component's phrases of `table` in the locale of its page. */
export function useWords<T extends Phrases>(table: T): WordsOf<T> {
  const locale = useLocale();
  return useMemo(() => phrasesIn(table, locale), [table, locale]);
}
