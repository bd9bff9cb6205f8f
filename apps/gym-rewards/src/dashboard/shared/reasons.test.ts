import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { COMMON_PHRASES } from './components';
import type { FieldError } from './feedback';
import { germanReason } from './reasons';
import { renderIn } from './testing';
import { useWords } from './words';

/** A field's reason as a form shows it, through the phrase every form uses. */
function Reason({ error }: { error: FieldError }) {
  return createElement('p', null, useWords(COMMON_PHRASES).fieldError(error)?.message);
}

describe("a field's reason in the page's language", () => {
  it('reads the reasons of token adjustments, payment links and the earning rule in German', () => {
    expect(germanReason('must say why (3 characters or more)')).toBe('muss einen Grund nennen (3 Zeichen oder mehr)');
    expect(germanReason('must not be 0')).toBe('darf nicht 0 sein');
    expect(germanReason('must be at least -10000')).toBe('muss mindestens -10000 sein');
    expect(germanReason('must be more than 0')).toBe('muss größer als 0 sein');
    expect(germanReason('must be an amount with at most 2 decimals')).toBe(
      'muss ein Betrag mit höchstens 2 Nachkommastellen sein',
    );
    expect(germanReason('must be at most 50 (Wix sends a link to 50 contacts at a time)')).toBe(
      'darf höchstens 50 sein (Wix sendet einen Link an höchstens 50 Kontakte auf einmal)',
    );
    expect(germanReason('must not name a contact twice')).toBe('darf keinen Kontakt zweimal nennen');
  });

  it('shows it as the form shows it: German on a German page, as it came on an English one', () => {
    const error = { field: 'amount', message: 'must not be 0' };
    expect(renderIn('de', createElement(Reason, { error }), [])).toContain('darf nicht 0 sein');
    expect(renderIn('en', createElement(Reason, { error }), [])).toContain('must not be 0');
  });
});
