/**
 * The dashboard's side of the app's phrase tables (`src/shared/words.ts`): the locale a page speaks, and its phrases
 * for the components under it.
 */

import { createContext, useContext, useMemo } from 'react';
import { type Phrases, phrasesIn, type WordsOf } from '../../shared/words';

/**
 * The dashboard's locale: the page's `?locale=` (how Wix opens a dashboard page in a language, and how the devsite's
 * story asks for one), else the document's language, else the browser's.
 */
export function dashboardLocale(): string {
  if (typeof window === 'undefined') return 'en';
  const asked = new URLSearchParams(window.location.search).get('locale');
  return asked || document.documentElement.lang || navigator.language || 'en';
}

/** The locale a page speaks, for the components under it; without one, the dashboard's (`dashboardLocale`). */
export const LocaleContext = createContext<string | null>(null);

export const useLocale = (): string => useContext(LocaleContext) ?? dashboardLocale();

/** A component's phrases of `table` in the locale of its page. */
export function useWords<T extends Phrases>(table: T): WordsOf<T> {
  const locale = useLocale();
  return useMemo(() => phrasesIn(table, locale), [table, locale]);
}
