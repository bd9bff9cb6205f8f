import { createElement, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { SETUP_PHRASES } from '../setup/words';
import { COMMON_PHRASES } from '../shared/components';
import { keys } from '../shared/query';
import { leakedEnglish, missing, renderIn } from '../shared/testing';
import { monthsLeftText, statusLabel } from './cache';
import { MemberPanel } from './MemberPanel';
import { Members } from './Members';
import { rolloverWarning } from './rollover';
import { MEMBERS_PHRASES } from './words';

const riley = {
  memberId: 'm-riley',
  name: 'Riley Quinn',
  email: 'riley@gym.example',
  balance: 1234,
  status: 'ACTIVE',
  monthsLeft: 0,
  endsAt: '2026-12-20T12:00:00.000Z',
  joined: '2026-09-20T12:00:00.000Z',
};
const entry = (transactionId: string, kind: string, amount: number, product: string | null = null) => ({
  transactionId,
  at: '2026-11-02T12:00:00.000Z',
  amount,
  kind,
  reason: null,
  reference: null,
  product,
});
const ledger = {
  pages: [
    {
      status: 'FOUND',
      cursor: null,
      entries: [
        entry('t3', 'REDEMPTION', -3, 'Sweat Towel'),
        entry('t2', 'ROLLOVER_CAP', -2),
        entry('t1', 'VISIT', 1),
        entry('t0', 'INITIAL', 2),
      ],
    },
  ],
  pageParams: [null],
};
const pickups = {
  total: 1,
  pickups: [
    {
      _id: 'p1',
      memberId: 'm-riley',
      productId: 'towel',
      productName: 'Sweat Towel',
      price: 1,
      code: 'K7Q2',
      redeemedAt: '2026-11-02T12:00:00.000Z',
    },
  ],
};

/** The Members page and Riley's panel in `locale`, the backend's answers already in the cache. */
function pages(locale: string): string {
  const render = (element: ReactElement) =>
    renderIn(locale, element, [
      [keys.members(''), { pages: [{ members: [riley], cursor: null }], pageParams: [null] }],
      [keys.ledger('m-riley'), ledger],
      [keys.pickups, pickups],
      [keys.outside, { count: 0, complete: true, calls: 1 }],
      [keys.program, { rollover: { enabled: true, cap: 3 } }],
    ]);
  return [
    render(createElement(Members, { locale })),
    // The empty list, with site members outside the program (the setup table's words for them).
    renderIn(locale, createElement(Members, { locale }), [
      [keys.members(''), { pages: [{ members: [], cursor: null }], pageParams: [null] }],
      [keys.outside, { count: 2, complete: true, calls: 1 }],
    ]),
    render(createElement(MemberPanel, { member: riley, onClose: () => {} })),
  ].join('\n');
}

describe('the Members page in the dashboard locale', () => {
  it("speaks German in de: the list, a member's panel, the ledger's lines, pickups; no English phrase leaks", () => {
    const html = pages('de');
    expect(
      missing(
        html,
        'Mitglieder',
        'Guthaben',
        'Restmonate',
        'Unter einem Monat',
        'endet am 20.12.2026',
        'Aktiv',
        'Einchecken',
        'CSV exportieren',
        'Wartende Abholungen',
        '1 wartend',
        '1 Token',
        'Herausgeben',
        'Token korrigieren',
        'Pausieren',
        'Mitgliedschaft von Riley Quinn pausieren',
        'Verlauf',
        'Eingelöst: Sweat Towel',
        'Über der Übertragungsgrenze verfallen',
        'Besuch',
        'Willkommens-Token',
        '1.234',
        'beigetreten am 20.09.2026',
        '2 Website-Mitglieder sind noch nicht im Programm: Nehmen Sie sie auf',
      ),
    ).toEqual([]);
    expect(leakedEnglish(html, MEMBERS_PHRASES, SETUP_PHRASES, COMMON_PHRASES)).toEqual([]);
    for (const english of ['Redeemed: Sweat Towel', 'Expired over the rollover cap', 'Welcome tokens', 'Visit']) {
      expect(html).not.toContain(english);
    }
  });

  it('speaks English otherwise, the ledger in the flows’ English words', () => {
    const html = pages('en-US');
    expect(
      missing(html, 'Members', 'Under a month', 'Check in', 'Pickups waiting', 'Redeemed: Sweat Towel', '1,234'),
    ).toEqual([]);
    // The leak check sees English where it is shown.
    expect(leakedEnglish(html, MEMBERS_PHRASES).length).toBeGreaterThan(20);
  });

  it('words a status, the months left and the rollover warning in German', () => {
    expect(statusLabel('PAUSED', 'de').text).toBe('Pausiert');
    expect(monthsLeftText({ status: 'ENDED', monthsLeft: 0, endsAt: riley.endsAt }, 'de').text).toBe('Beendet');
    expect(rolloverWarning(2, 5, { enabled: true, cap: 3 }, 'de')).toBe(
      'Das Guthaben wäre 7, über der Übertragungsgrenze von 3: 4 Token verfallen bei der nächsten monatlichen Verlängerung, wenn sie nicht eingelöst werden.',
    );
  });
});
