/**
 * The Plans page's calls to the backend, typed as they arrive in the browser (see `../shared/api.ts`), and the words
 * of the page in the owner's language (the plans' own texts come from Wix, translated by the catalog).
 */
import * as methods from '../../backend/plans.web';
import type { Answer } from '../shared/api';

type Methods = typeof methods;
type Wired = { [K in keyof Methods]: (...args: Parameters<Methods[K]>) => Promise<Answer<Methods[K]>> };

export const plansApi = methods as unknown as Wired;

export type PlansAnswer = Answer<Methods['plansView']>;
export type PlanCardRow = PlansAnswer['plans'][number];
export type PlanLocks = Answer<Methods['planWithLocks']>;

/** The Plans page's id (`pages/plans/page.json`): where locked features link to. */
export const PLANS_PAGE_ID = '5b0f3c2e-8a41-4d6b-9f7e-2c1d0a9e4b73';

export const planKeys = {
  view: (locale: string) => ['plans', 'view', locale] as const,
  current: ['plans', 'current'] as const,
  unlocked: ['plans', 'unlocked'] as const,
};

const WORDS = {
  en: {
    plans: 'Plans',
    language: 'Language',
    monthly: 'Monthly',
    yearly: 'Yearly',
    perMonth: '/ month',
    perYear: '/ year',
    current: 'Current plan',
    choose: 'Choose',
    free: 'Free',
    unlimited: 'Unlimited',
    included: 'included',
    plusTax: 'plus',
    feature: 'Feature',
    checkout: 'Checkout',
    cancel: 'Cancel',
    thanks: (plan: string) => `Thank you! You are on ${plan}`,
    nowUnlocked: 'Now unlocked',
    openPaymentLinks: 'Open Payment links',
    backToPlans: 'See plans',
    aPaidPlan: 'a paid',
    lockTitle: (feature: string, plan: string) => `${feature} is in the ${plan} plan`,
    lockText: (feature: string, plan: string) =>
      `Upgrade to ${plan} to use ${feature.toLowerCase()}. What you made before stays here.`,
  },
  de: {
    plans: 'Tarife',
    language: 'Sprache',
    monthly: 'Monatlich',
    yearly: 'Jährlich',
    perMonth: '/ Monat',
    perYear: '/ Jahr',
    current: 'Aktueller Tarif',
    choose: 'Auswählen',
    free: 'Kostenlos',
    unlimited: 'Unbegrenzt',
    included: 'enthalten',
    plusTax: 'zzgl.',
    feature: 'Funktion',
    checkout: 'Bezahlen',
    cancel: 'Abbrechen',
    thanks: (plan: string) => `Vielen Dank! Sie nutzen jetzt ${plan}`,
    nowUnlocked: 'Jetzt freigeschaltet',
    openPaymentLinks: 'Zahlungslinks öffnen',
    backToPlans: 'Tarife ansehen',
    aPaidPlan: 'einem kostenpflichtigen',
    lockTitle: (feature: string, plan: string) => `${feature} ist im Tarif ${plan} enthalten`,
    lockText: (feature: string, plan: string) =>
      `Wechseln Sie zu ${plan}, um ${feature} zu nutzen. Was Sie zuvor erstellt haben, bleibt hier.`,
  },
};

/** The page's words in `locale` (its language), English otherwise. */
export function wordsIn(locale: string) {
  return WORDS[locale.slice(0, 2) as keyof typeof WORDS] ?? WORDS.en;
}

/** An amount as the locale writes money. */
export function money(amount: string, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}
