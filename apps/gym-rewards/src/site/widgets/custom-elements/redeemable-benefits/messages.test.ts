import { afterEach, describe, expect, it } from 'vitest';
import { contrast, readable, textOn } from './contrast';
import { DEFAULTS } from './defaults';
import { siteLocale } from './locale';
import { CATALOGUES, languageOf, translator } from './messages';

const placeholders = (message: unknown) =>
  [...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort((a, b) => a!.localeCompare(b!));

describe("the widget's message catalogue", () => {
  it('has every message in every language, with the same placeholders, and plural forms with a count', () => {
    const english = CATALOGUES.en!;
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      expect(Object.keys(catalogue).sort(), language).toEqual(Object.keys(english).sort());
      for (const [key, message] of Object.entries(catalogue)) {
        const english_ = english[key as keyof typeof english];
        expect([...new Set(placeholders(message))], `${language}.${key}`).toEqual([...new Set(placeholders(english_))]);
        expect(typeof message, `${language}.${key}`).toBe(typeof english_);
        if (typeof message === 'object') {
          for (const form of Object.values(message)) expect(form, `${language}.${key}`).toContain('#');
          // Every plural category of the language used for small counts has its own form.
          for (const n of [0, 1, 2, 5, 21]) {
            const category = new Intl.PluralRules(language).select(n);
            expect(message[category] ?? message.other, `${language}.${key} for ${n}`).toBeTruthy();
          }
        }
      }
    }
  });

  it('picks plural forms with Intl.PluralRules and formats numbers in the locale', () => {
    const en = translator('en-GB').t;
    const de = translator('de-DE').t;
    const es = translator('es').t;
    expect([en('tokens', { n: 1 }), en('tokens', { n: 0 }), en('tokens', { n: 1000 })]).toEqual([
      '1 token',
      '0 tokens',
      '1,000 tokens',
    ]);
    expect([de('tokens', { n: 1 }), de('tokens', { n: 2 }), de('tokens', { n: 1000 })]).toEqual([
      '1 Token',
      '2 Tokens',
      '1.000 Tokens',
    ]);
    expect(es('lockedVisits', { n: 1 })).toBe('Bloqueado: falta 1 visita');
    expect(es('lockedVisits', { n: 3 })).toBe('Bloqueado: faltan 3 visitas');
    expect(en('carryOver', { n: 3, date: '1 January' })).toBe('3 tokens carry over on 1 January');
    expect(en('expire', { n: 2 })).toBe('2 expire: spend them before then.');
    expect(de('tierName', { n: 2 })).toBe('Stufe 2');
  });

  it('speaks English for a language it does not have', () => {
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf('de_CH')).toBe('de');
    expect(translator('fr').t('redeem')).toBe('Redeem');
  });
});

describe("the widget's locale", () => {
  const global = globalThis as { commonConfig?: { locale?: string; language?: string } };
  afterEach(() => {
    delete global.commonConfig;
  });

  it("takes its attribute first, then the Wix page's commonConfig, skipping what is not a language tag", () => {
    global.commonConfig = { locale: 'de-de', language: 'de' };
    expect(siteLocale('es-ES')).toBe('es-ES');
    expect(siteLocale()).toBe('de-DE');
    expect(siteLocale('not a tag!')).toBe('de-DE');
    global.commonConfig = { language: 'es' };
    expect(siteLocale()).toBe('es');
  });
});

describe("the widget's colours", () => {
  it('default to an accent that reads at 4.5:1 with white text on it and as text on the background', () => {
    expect(contrast('#ffffff', '#ff6b35')).toBeCloseTo(2.84, 1);
    expect(contrast('#ffffff', DEFAULTS.accentColor)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(DEFAULTS.accentColor, DEFAULTS.backgroundColor)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(DEFAULTS.textColor, DEFAULTS.backgroundColor)).toBeGreaterThanOrEqual(4.5);
  });

  it("pick readable text on the owner's accent", () => {
    expect(textOn('#ffd400')).toBe('#1b1b1b');
    expect(textOn(DEFAULTS.accentColor)).toBe('#ffffff');
    expect(readable('#ffd400', '#ffffff', '#1b1b1b')).toBe('#1b1b1b');
    expect(readable('#c2410c', '#ffffff', '#1b1b1b')).toBe('#c2410c');
  });
});
