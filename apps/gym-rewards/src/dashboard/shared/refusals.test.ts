import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { Refusal } from '../../shared/refusal';
import { COMMON_PHRASES } from './components';
import { germanMessageOf, germanReasonOf } from './refusals';
import { renderIn } from './testing';
import { useWords } from './words';

const unpublished: Refusal = {
  code: 'PRECONDITION',
  reason: 'UNPUBLISHED_SITE',
  message: 'Publish your site first: Wix takes payments through payment links only on a published site.',
};

/** What went wrong, as a page shows it in a toast or a notice. */
function Said({ error }: { error: unknown }) {
  return createElement('p', null, useWords(COMMON_PHRASES).messageOf(error));
}

describe('what went wrong, in the page’s language', () => {
  it('says a whole-form refusal in German by the reason the flows name, and as it came on an English page', () => {
    expect(renderIn('de', createElement(Said, { error: unpublished }), [])).toContain(
      'Veröffentlichen Sie zuerst Ihre Website',
    );
    expect(renderIn('en', createElement(Said, { error: unpublished }), [])).toContain('Publish your site first');
  });

  it('says a field’s reason, "try again" and the unknown in German; a reason it does not know stays as it came', () => {
    expect(germanMessageOf({ code: 'INVALID_INPUT', field: 'amount', message: 'must not be 0' })).toBe(
      'amount: darf nicht 0 sein',
    );
    expect(germanReasonOf({ code: 'INVALID_INPUT', field: 'amount', message: 'must not be 0' })).toBe(
      'darf nicht 0 sein',
    );
    expect(germanMessageOf({ code: 'UNAVAILABLE', status: 503, message: 'Wix is not answering' })).toMatch(
      /^Wix antwortet gerade nicht/,
    );
    expect(germanMessageOf(undefined)).toBe('Etwas ist schiefgelaufen. Versuchen Sie es noch einmal.');
    const wixOwn: Refusal = { code: 'PRECONDITION', reason: 'LINK_EXPIRED', message: 'The payment link: it expired' };
    expect(germanMessageOf(wixOwn)).toBe('The payment link: it expired');
  });
});
