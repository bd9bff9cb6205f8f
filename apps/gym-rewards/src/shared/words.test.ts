import { describe, expect, it } from 'vitest';
import { countOf, languageOf, phrasesIn } from './words';

describe("the app's phrase tables", () => {
  it('speak the language of a locale, English for one the app does not speak', () => {
    expect(['de-AT', 'de_CH', ' ES-mx', 'en-GB', 'fr-FR', '', null].map(languageOf)).toEqual([
      'de',
      'de',
      'es',
      'en',
      'en',
      'en',
      'en',
    ]);
  });

  it("take a phrase in the locale's language, and English where a table has no Spanish", () => {
    const table = {
      hello: ['Hello', 'Hallo', 'Hola'],
      bye: ['Bye', 'Tschüss'],
      count: [(n: number) => `${n} left`, (n: number) => `${n} übrig`],
    } as const;
    expect(phrasesIn(table, 'de-AT').hello).toBe('Hallo');
    expect(phrasesIn(table, 'es-ES').hello).toBe('Hola');
    expect(phrasesIn(table, 'es-ES').bye).toBe('Bye');
    expect(phrasesIn(table, 'fr').bye).toBe('Bye');
    expect(phrasesIn(table, 'es').count(2)).toBe('2 left');
    expect(phrasesIn(table, 'de').count(2)).toBe('2 übrig');
  });

  it('count with Intl.PluralRules, the number formatted for the locale, before the word or where `#` stands', () => {
    expect(countOf(1, 'en', { one: 'token', other: 'tokens' })).toBe('1 token');
    expect(countOf(1000, 'de', { one: 'Punkt', other: 'Punkte' })).toBe('1.000 Punkte');
    const left = { one: 'Falta # token', other: 'Faltan # tokens' };
    expect([countOf(1, 'es', left), countOf(3, 'es', left), countOf(10000, 'es', left)]).toEqual([
      'Falta 1 token',
      'Faltan 3 tokens',
      'Faltan 10.000 tokens',
    ]);
  });
});
