import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { COMMON_PHRASES } from '../shared/components';
import { leakedEnglish, missing, renderIn } from '../shared/testing';
import { linkKeys } from './api';
import { EarnOnPaymentCard } from './EarnOnPaymentCard';
import { PAYMENT_LINKS_PHRASES } from './words';

/** The earn-on-payment card (on Setup and Payment links) in `locale`, the rule already fetched. */
const card = (locale: string) =>
  renderIn(locale, createElement(EarnOnPaymentCard), [[linkKeys.earnRule, { enabled: true, amountPerToken: 10 }]]);

describe('the earn-on-payment card in the dashboard locale', () => {
  it('speaks German in de, no English phrase left', () => {
    const html = card('de');
    expect(
      missing(html, 'Token für Zahlungslinks', 'Ein Token für je', 'der gezahlten Währung', 'An', 'Regel speichern'),
    ).toEqual([]);
    expect(leakedEnglish(html, PAYMENT_LINKS_PHRASES, COMMON_PHRASES)).toEqual([]);
  });

  it('speaks English otherwise', () => {
    const html = card('en-US');
    expect(missing(html, 'Earn on payment links', 'One token for every', 'Save rule')).toEqual([]);
    expect(leakedEnglish(html, PAYMENT_LINKS_PHRASES).length).toBeGreaterThan(4);
  });
});
