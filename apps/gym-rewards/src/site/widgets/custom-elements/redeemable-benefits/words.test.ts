import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, languageOf } from '../../../../shared/words';
import { problemsOf } from '../../../../shared/words.testing';
import { contrast, readable, textOn } from './contrast';
import { DEFAULTS } from './defaults';
import { siteLocale } from './locale';
import { type WidgetWords, widgetPhrases, widgetWords } from './words';

type Functions = { [K in keyof WidgetWords as WidgetWords[K] extends string ? never : K]: WidgetWords[K] };

/** Values for every phrase that takes some (a missing one is a type error): counts first, texts as markers. */
const VALUES: { [K in keyof Functions]: Parameters<Functions[K]> } = {
  tokens: [2],
  toNextTier: [2, '‹tier›'],
  progressLabel: ['‹tier›'],
  tierName: [2],
  lockedVisits: [2],
  redeemLabel: ['‹product›'],
  confirmQuestion: ['‹product›', '‹price›'],
  pickupReady: ['‹product›'],
  notEnough: ['‹price›', '‹balance›'],
  failed: ['‹reason›'],
  handedOver: ['‹date›'],
  carryOver: [2, '‹date›'],
  expire: [2],
  allCarry: ['‹date›'],
  allExpire: [2, '‹date›'],
  newTokens: [2],
  lastTurn: ['‹date›'],
  lastExpired: [2],
  lastArrived: [2],
};

/** The phrases counting their first value: one form per plural category. */
const COUNTED = Object.keys(VALUES).filter(
  (key) => key !== 'tierName' && typeof VALUES[key as keyof Functions][0] === 'number',
);

/** `phrase` in `language` with its count `n` and the sample texts. */
const say = (language: string, key: keyof Functions, n?: number) => {
  const phrase = widgetWords(language).words[key] as (...values: unknown[]) => string;
  const [, ...rest] = VALUES[key];
  return n === undefined ? phrase(...VALUES[key]) : phrase(n, ...rest);
};

describe("the widget's phrase table", () => {
  it('has every phrase in every language, none empty, a function taking the same values in all', () => {
    expect(problemsOf(widgetPhrases('en'), LANGUAGES.length)).toEqual([]);
    expect(Object.keys(VALUES).sort()).toEqual(
      Object.entries(widgetPhrases('en'))
        .filter(([, [english]]) => typeof english === 'function')
        .map(([key]) => key)
        .sort(),
    );
  });

  it('says every value it is given, in every language', () => {
    for (const language of LANGUAGES) {
      for (const key of Object.keys(VALUES) as (keyof Functions)[]) {
        const text = say(language, key);
        for (const value of VALUES[key]) expect(text, `${language}.${key}`).toContain(String(value));
      }
    }
  });

  it('has a form of its own for every plural category (Intl.PluralRules) of each language, with the count in it', () => {
    expect(COUNTED.length).toBe(9);
    for (const language of LANGUAGES) {
      const rules = new Intl.PluralRules(language);
      const number = new Intl.NumberFormat(language);
      for (const key of COUNTED as (keyof Functions)[]) {
        const forms = new Map<string, string>();
        for (const n of [0, 1, 2, 5, 21, 1000]) {
          const text = say(language, key, n);
          expect(text, `${language}.${key} for ${n}`).toContain(number.format(n));
          const form = text.replace(number.format(n), '#');
          const category = rules.select(n);
          // The same category always takes the same form, and two categories never share one.
          expect(forms.get(category) ?? form, `${language}.${key}: ${category}`).toBe(form);
          forms.set(category, form);
        }
        expect(new Set(forms.values()).size, `${language}.${key}`).toBe(forms.size);
      }
    }
  });

  it('picks plural forms with Intl.PluralRules and formats numbers in the locale', () => {
    const en = widgetWords('en-GB').words;
    const de = widgetWords('de-DE').words;
    const es = widgetWords('es').words;
    expect([en.tokens(1), en.tokens(0), en.tokens(1000)]).toEqual(['1 token', '0 tokens', '1,000 tokens']);
    expect([de.tokens(1), de.tokens(2), de.tokens(1000)]).toEqual(['1 Token', '2 Tokens', '1.000 Tokens']);
    expect(es.lockedVisits(1)).toBe('Bloqueado: falta 1 visita');
    expect(es.lockedVisits(3)).toBe('Bloqueado: faltan 3 visitas');
    expect(en.carryOver(3, '1 January')).toBe('3 tokens carry over on 1 January');
    expect(en.expire(2)).toBe('2 expire: spend them before then.');
    expect(de.tierName(2)).toBe('Stufe 2');
    // The locale's own digits, not only its language's: Swiss German groups thousands otherwise than German.
    const swiss = new Intl.NumberFormat('de-CH').format(1000);
    expect(swiss).not.toBe('1.000');
    expect(widgetWords('de-CH').words.tokens(1000)).toBe(`${swiss} Tokens`);
  });

  it('speaks English for a language it does not have', () => {
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf('de_CH')).toBe('de');
    expect(widgetWords('fr').words.redeem).toBe('Redeem');
    expect(widgetWords('fr').language).toBe('en');
    expect(widgetWords('es-MX').words.redeem).toBe('Canjear');
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
