/**
 * For the pages' tests: a page rendered as the owner reads it in a locale (`react-dom/server`, the backend's answers
 * already in the query cache), and what the page shows a person, to find the words it should say and those it must not.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { WixDesignSystemProvider } from '@wix/design-system';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Phrases } from '../../shared/words';
import { LocaleContext } from './words';

/** `element` in `locale`, with `answers` (query key, data) in the cache; its markup unescaped. */
export function renderIn(locale: string, element: ReactElement, answers: Array<[readonly unknown[], unknown]>): string {
  const client = new QueryClient();
  for (const [key, data] of answers) client.setQueryData(key, data);
  const html = renderToStaticMarkup(
    createElement(
      WixDesignSystemProvider,
      null,
      createElement(QueryClientProvider, { client }, createElement(LocaleContext.Provider, { value: locale }, element)),
    ),
  );
  return html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** What a person meets on the page: its text and the texts of its placeholders and labels (not its data hooks). */
export const shownTexts = (html: string) =>
  [
    ...html.replace(/<[^>]*>/g, '\n').split('\n'),
    ...[...html.matchAll(/(?:placeholder|aria-label|title)="([^"]*)"/g)].map((match) => match[1]),
  ].join('\n');

/** The texts the page does not show (an empty list when it shows them all; the page is too long to print). */
export const missing = (html: string, ...texts: string[]) => texts.filter((text) => !html.includes(text));

/** Every English text of `tables` that German writes otherwise (found in a German page, it leaked). */
export const englishTexts = (...tables: Phrases[]) =>
  tables.flatMap((table) =>
    Object.values(table).flatMap(([en, de]) => (typeof en === 'string' && en !== de ? [en] : [])),
  );

/** The English texts of `tables` a German page shows (none, when nothing leaked). */
export const leakedEnglish = (html: string, ...tables: Phrases[]) => {
  const shown = shownTexts(html);
  return englishTexts(...tables).filter((english) => shown.includes(english));
};
