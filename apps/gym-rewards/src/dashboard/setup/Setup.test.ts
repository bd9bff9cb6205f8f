import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { WixDesignSystemProvider } from '@wix/design-system';
import { createElement, type FunctionComponent, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { COMMON_PHRASES } from '../shared/components';
import { keys } from '../shared/query';
import { LocaleContext, type Phrases } from '../shared/words';
import { OutsideBanner } from './enrollment';
import { emptyForm, newTier, type ProgramForm } from './form';
import { ProgramSetup } from './ProgramSetup';
import { germanReason } from './reasons';
import { ReviewStep } from './steps/ReviewStep';
import { TiersStep } from './steps/TiersStep';
import { TokensStep } from './steps/TokensStep';
import { SETUP_PHRASES } from './words';

const NOW = '2026-11-30T12:00:00.000Z';

/** `element` as the owner reads it in `locale`, the backend's answers already in the query cache. */
function render(locale: string, element: ReactElement): string {
  const client = new QueryClient();
  client.setQueryData(keys.program, null);
  client.setQueryData(keys.door, { secret: 'door-secret-1', now: NOW });
  client.setQueryData(keys.outside, { count: 3, complete: true, calls: 4 });
  return renderToStaticMarkup(
    createElement(
      WixDesignSystemProvider,
      null,
      createElement(QueryClientProvider, { client }, createElement(LocaleContext.Provider, { value: locale }, element)),
    ),
  );
}

const form: ProgramForm = {
  ...emptyForm(),
  programName: 'Iron Harbor Rewards',
  rolloverEnabled: true,
  rolloverCap: 5,
  tiers: [{ ...newTier(5), productIds: ['towel'] }],
};
const stepProps = { form, error: null, update: () => {} };
const step = <P extends object>(component: FunctionComponent<P>, props: P) => createElement(component, props);

/** Every English text of `tables` that German writes otherwise (a text found in the German page leaked). */
const englishTexts = (...tables: Phrases[]) =>
  tables.flatMap((table) =>
    Object.values(table).flatMap(([en, de]) => (typeof en === 'string' && en !== de ? [en] : [])),
  );
const unescaped = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** What a person meets on the page: its text and the texts of its placeholders and labels (not its data hooks). */
const shownTexts = (html: string) =>
  [
    ...html.replace(/<[^>]*>/g, '\n').split('\n'),
    ...[...html.matchAll(/(?:placeholder|aria-label|title)="([^"]*)"/g)].map((match) => match[1]),
  ].join('\n');

/** The texts the page does not show (an empty list when it shows them all; the page is too long to print). */
const missing = (html: string, ...texts: string[]) => texts.filter((text) => !html.includes(text));

describe('the Setup page in the dashboard locale', () => {
  const pages = (locale: string) =>
    unescaped(
      [
        render(locale, createElement(ProgramSetup, { locale })),
        render(locale, step(TokensStep, stepProps)),
        render(
          locale,
          step(TiersStep, {
            ...stepProps,
            activeTier: 0,
            setActiveTier: () => {},
            catalog: {},
            addToCatalog: () => {},
          }),
        ),
        render(locale, step(ReviewStep, { form, changes: { toCreate: 1, toRemove: 0 }, catalog: {}, isNew: true })),
        render(locale, createElement(OutsideBanner)),
      ].join('\n'),
    );

  it('speaks German in de: the wizard, its steps, door access, the banner; no English phrase leaks', () => {
    const html = pages('de');
    expect(
      missing(
        html,
        'Prämienprogramm einrichten',
        'Noch nicht eingerichtet',
        'Grundlagen',
        'Schritt 1 von 4',
        'Programmname',
        'Mitgliedschaftsdauer (Monate)',
        'Willkommens- und Monats-Token',
        'Übertragungsgrenze',
        'Stufe 1',
        'Stufe hinzufügen',
        '1 Stufe von höchstens 10',
        'Ungenutzte Token werden übertragen, höchstens 5 Tokens',
        '1 Produkt',
        'Beim Speichern wird das Programm angelegt: 1 Prämie hinzugefügt, 0 Prämien entfernt',
        'Türzugang',
        'Tür- und Kiosksysteme checken Mitglieder',
        '-Anfrage an die App',
        '3 Website-Mitglieder sind noch nicht im Programm',
        'Jetzt aufnehmen',
      ),
    ).toEqual([]);
    const shown = shownTexts(html);
    expect(englishTexts(SETUP_PHRASES, COMMON_PHRASES).filter((english) => shown.includes(english))).toEqual([]);
  });

  it('speaks English otherwise', () => {
    const html = pages('en-US');
    expect(
      missing(
        html,
        'Rewards setup',
        'Step 1 of 4',
        '1 tier of at most 10',
        'Saving creates the program, adds 1 reward and removes 0 rewards',
        '3 site members are not in the program yet',
        'Each check-in is a <b>POST /visits</b> request',
      ),
    ).toEqual([]);
  });

  it('names a refused field in German, by the same reasons the schema gives', () => {
    const html = unescaped(
      render(
        'de',
        step(TokensStep, {
          ...stepProps,
          form: { ...form, initialTokens: null },
          error: { field: 'initialTokens', message: germanReason('must be at most 10000') },
        }),
      ),
    );
    expect(missing(html, 'Willkommens- und Monats-Token darf höchstens 10000 sein')).toEqual([]);
    expect(germanReason('product towel is already in tier 1')).toBe('Produkt towel ist schon in Stufe 1');
    expect(germanReason('Enter a number')).toBe('Geben Sie eine Zahl ein');
    expect(germanReason('a reason the list does not know')).toBe('a reason the list does not know');
  });
});
