import { createElement, type FunctionComponent, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { COMMON_PHRASES } from '../shared/components';
import { keys } from '../shared/query';
import { germanReason } from '../shared/reasons';
import { leakedEnglish, missing, renderIn } from '../shared/testing';
import { OutsideBanner } from './enrollment';
import { emptyForm, newTier, type ProgramForm } from './form';
import { ProgramSetup } from './ProgramSetup';
import { ReviewStep } from './steps/ReviewStep';
import { TiersStep } from './steps/TiersStep';
import { TokensStep } from './steps/TokensStep';
import { SETUP_PHRASES } from './words';

const NOW = '2026-11-30T12:00:00.000Z';

const render = (locale: string, element: ReactElement) =>
  renderIn(locale, element, [
    [keys.program, null],
    [keys.door, { secret: 'door-secret-1', now: NOW }],
    [keys.outside, { count: 3, complete: true, calls: 4 }],
  ]);

const form: ProgramForm = {
  ...emptyForm(),
  programName: 'Iron Harbor Rewards',
  rolloverEnabled: true,
  rolloverCap: 5,
  tiers: [{ ...newTier(5), productIds: ['towel'] }],
};
const stepProps = { form, error: null, update: () => {} };
const step = <P extends object>(component: FunctionComponent<P>, props: P) => createElement(component, props);

describe('the Setup page in the dashboard locale', () => {
  const pages = (locale: string) =>
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
    ].join('\n');

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
    expect(leakedEnglish(html, SETUP_PHRASES, COMMON_PHRASES)).toEqual([]);
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
    // The leak check sees English where it is shown.
    expect(leakedEnglish(html, SETUP_PHRASES).length).toBeGreaterThan(30);
  });

  it('names a refused field in German, by the same reasons the schema gives', () => {
    const html = render(
      'de',
      step(TokensStep, {
        ...stepProps,
        form: { ...form, initialTokens: null },
        error: { field: 'initialTokens', message: germanReason('must be at most 10000') },
      }),
    );
    expect(missing(html, 'Willkommens- und Monats-Token darf höchstens 10000 sein')).toEqual([]);
    expect(germanReason('product towel is already in tier 1')).toBe('Produkt towel ist schon in Stufe 1');
    expect(germanReason('Enter a number')).toBe('Geben Sie eine Zahl ein');
    expect(germanReason('a reason the list does not know')).toBe('a reason the list does not know');
  });
});
