import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Phrases } from '../../shared/words';
import { problemsOf } from '../../shared/words.testing';
import { MEMBERS_PHRASES } from '../members/words';
import { OVERVIEW_PHRASES } from '../overview/words';
import { PAYMENT_LINKS_PHRASES } from '../payment-links/words';
import { PLANS_PHRASES } from '../plans/api';
import { SETUP_PHRASES } from '../setup/words';
import { COMMON_PHRASES } from './components';

/** The dashboard speaks English and German (a Spanish locale reads its English): each phrase has exactly those two. */
const DASHBOARD_LANGUAGES = LANGUAGES.slice(0, 2);

/** Every phrase table of the dashboard. */
const TABLES: Record<string, Phrases> = {
  common: COMMON_PHRASES,
  members: MEMBERS_PHRASES,
  overview: OVERVIEW_PHRASES,
  'payment links': PAYMENT_LINKS_PHRASES,
  plans: PLANS_PHRASES,
  setup: SETUP_PHRASES,
};

describe('every phrase table of the dashboard', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    it(`${name}: each phrase in every language, none empty, a function in one a function of the same values in all`, () => {
      expect(problemsOf(table, DASHBOARD_LANGUAGES.length)).toEqual([]);
    });
  }
});
