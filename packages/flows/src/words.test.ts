import { describe, expect, it } from 'vitest';
import { LEDGER_WORDS, languageOf, ledgerLine, WORD_LANGUAGES, wordsIn } from './words.ts';

describe("the flows' words in every language", () => {
  it('each language names every ledger line and every CSV column, none empty', () => {
    const english = wordsIn('en');
    for (const language of WORD_LANGUAGES) {
      const words = wordsIn(language);
      expect(Object.keys(words.ledger).sort()).toEqual(Object.keys(english.ledger).sort());
      expect(words.membersHeader).toHaveLength(english.membersHeader.length);
      expect(words.ledgerHeader).toHaveLength(english.ledgerHeader.length);
      const texts = [...Object.values(words.ledger), ...words.membersHeader, ...words.ledgerHeader];
      expect(texts.filter((text) => text.trim() === '')).toEqual([]);
    }
  });

  it('speak English unless asked for German; a line names its product', () => {
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf('de-CH')).toBe('de');
    expect(ledgerLine({ kind: 'REDEMPTION', product: 'Sweat Towel' })).toBe('Redeemed: Sweat Towel');
    expect(ledgerLine({ kind: 'REDEMPTION', product: 'Sweat Towel' }, 'de')).toBe('Eingelöst: Sweat Towel');
    expect(ledgerLine({ kind: 'VISIT' }, 'de')).toBe('Besuch');
    expect(LEDGER_WORDS.ROLLOVER_CAP).toBe('Expired over the rollover cap');
  });
});
