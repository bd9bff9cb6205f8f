import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { countOf, phrasesIn } from '../../shared/words';
import type { MonthFigures } from '../shared/api';
import { keys } from '../shared/query';
import { Overview } from './Overview';

const month = (m: string, issued: number, redeemed: number): MonthFigures =>
  ({
    month: m,
    tokensIssued: issued,
    tokensRedeemed: redeemed,
    activeMembers: 1234,
    tokensOutstanding: 1,
    tokensForfeited: 0,
    redemptions: [{ productId: 't', product: 'Sweat Towel', count: 2 }],
  }) as MonthFigures;

/** The Overview as the owner reads it in `locale`, its figures already fetched. */
function overviewIn(locale: string): string {
  const client = new QueryClient();
  client.setQueryData(keys.overview(6), [month('2026-10', 1, 0), month('2026-11', 12, 2)]);
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(Overview, { locale })));
}

describe('the Overview in the dashboard locale', () => {
  it('speaks German in de: the headings, the figures and the bars (numbers and months as German writes them)', () => {
    const html = overviewIn('de');
    expect(html).toContain('Übersicht');
    expect(html).toContain('Aktive Mitglieder');
    expect(html).toContain('Eingelöste Prämien, letzte 6 Monate');
    expect(html).toContain('1.234');
    expect(html).toContain('Nov. 2026: 12 Token ausgegeben');
    expect(html).toContain('Okt. 2026: 1 Token ausgegeben');
    expect(html).not.toContain('Active members');
  });

  it('speaks English otherwise: one token, two tokens', () => {
    const html = overviewIn('en-US');
    expect(html).toContain('Active members');
    expect(html).toContain('1,234');
    expect(html).toContain('Oct 2026: 1 token issued');
    expect(html).toContain('Nov 2026: 12 tokens issued');
  });
});

describe('the phrase tables', () => {
  const table = { hello: ['Hello', 'Hallo'], name: [(n: string) => `Hi ${n}`, (n: string) => `Hallo ${n}`] } as const;

  it('take the language of a regional locale and fall back to English', () => {
    expect(phrasesIn(table, 'de-AT').hello).toBe('Hallo');
    expect(phrasesIn(table, 'de').name('Ada')).toBe('Hallo Ada');
    expect(phrasesIn(table, 'fr').hello).toBe('Hello');
  });

  it('count through the locale plural rules', () => {
    expect(countOf(1, 'en', { one: 'token', other: 'tokens' })).toBe('1 token');
    expect(countOf(1000, 'en', { one: 'token', other: 'tokens' })).toBe('1,000 tokens');
    expect(countOf(1000, 'de', { one: 'Punkt', other: 'Punkte' })).toBe('1.000 Punkte');
  });
});
