/**
 * The Plans page's calls to the backend, typed as they arrive in the browser (see `../shared/api.ts`), and the words
 * of the page in the owner's language (the plans' own texts come from Wix, translated by the catalog).
 */
import * as methods from '../../backend/plans.web';
import { type Phrases, phrasesIn } from '../../shared/words';
import paymentLinksPage from '../pages/payment-links/page.json';
import plansPage from '../pages/plans/page.json';
import type { Answer } from '../shared/api';

type Methods = typeof methods;
type Wired = { [K in keyof Methods]: (...args: Parameters<Methods[K]>) => Promise<Answer<Methods[K]>> };

export const plansApi = methods as unknown as Wired;

export type PlansAnswer = Answer<Methods['plansView']>;
export type PlanCardRow = PlansAnswer['plans'][number];
export type PlanLocks = Answer<Methods['planWithLocks']>;

/** The Plans page's id, as its `page.json` declares it: where locked features link to. */
export const PLANS_PAGE_ID = plansPage.id;
/** The Payment links page's id, as its `page.json` declares it: where the success page sends the owner. */
export const PAYMENT_LINKS_PAGE_ID = paymentLinksPage.id;

export const planKeys = {
  view: (locale: string) => ['plans', 'view', locale] as const,
  current: ['plans', 'current'] as const,
  unlocked: ['plans', 'unlocked'] as const,
};

/** Each phrase of the page in every language of LANGUAGES. */
export const PLANS_PHRASES = {
  plans: ['Plans', 'Tarife'],
  language: ['Language', 'Sprache'],
  siteLanguage: ['Site language', 'Sprache der Website'],
  monthly: ['Monthly', 'Monatlich'],
  yearly: ['Yearly', 'Jährlich'],
  perMonth: ['/ month', '/ Monat'],
  perYear: ['/ year', '/ Jahr'],
  current: ['Current plan', 'Aktueller Tarif'],
  choose: [(plan: string) => `Choose ${plan}`, (plan: string) => `${plan} wählen`],
  free: ['Free', 'Kostenlos'],
  unlimited: ['Unlimited', 'Unbegrenzt'],
  included: ['included', 'enthalten'],
  plusTax: ['plus', 'zzgl.'],
  feature: ['Feature', 'Funktion'],
  checkout: ['Checkout', 'Bezahlen'],
  cancel: ['Cancel', 'Abbrechen'],
  thanks: [
    (plan: string) => `Thank you! You are on ${plan}`,
    (plan: string) => `Vielen Dank! Sie nutzen jetzt ${plan}`,
  ],
  nowUnlocked: ['Now unlocked', 'Jetzt freigeschaltet'],
  openPaymentLinks: ['Open Payment links', 'Zahlungslinks öffnen'],
  backToPlans: ['See plans', 'Tarife ansehen'],
  aPaidPlan: ['a paid', 'einem kostenpflichtigen'],
  lockTitle: [
    (feature: string, plan: string) => `${feature} is in the ${plan} plan`,
    (feature: string, plan: string) => `${feature}: im Tarif ${plan} enthalten`,
  ],
  lockText: [
    (feature: string, plan: string) =>
      `Upgrade to ${plan} to use ${inSentence(feature)}. What you made before stays here.`,
    (feature: string, plan: string) =>
      `Wechseln Sie zu ${plan}, um ${feature} zu nutzen. Was Sie zuvor erstellt haben, bleibt hier.`,
  ],
} satisfies Phrases;

/** A feature's title inside an English sentence: "Payment links" → "payment links", "CSV export" stays. */
function inSentence(title: string): string {
  const first = title.split(' ')[0] ?? '';
  return first.length > 1 && first === first.toUpperCase() ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

/** The page's words in `locale` (its language), English otherwise. */
export const wordsIn = (locale: string) => phrasesIn(PLANS_PHRASES, locale);

/** An amount as the locale writes money. */
export function money(amount: string, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}
