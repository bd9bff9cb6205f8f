/**
 * The Payment links page's calls to the backend, typed as they arrive in the browser (see `../shared/api.ts`).
 */
import * as methods from '../../backend/payment-links.web';
import type { Answer } from '../shared/api';

type Methods = typeof methods;
type Wired = { [K in keyof Methods]: (...args: Parameters<Methods[K]>) => Promise<Answer<Methods[K]>> };

export const linksApi = methods as unknown as Wired;

export type LinksPage = Answer<Methods['listPaymentLinks']>;
export type LinkRow = LinksPage['links'][number];
export type PaymentRow = Answer<Methods['paymentLinkPayments']>['payments'][number];
export type ContactRow = Answer<Methods['paymentLinkRecipients']>['contacts'][number];
export type OrderRow = Answer<Methods['unpaidOrders']>['orders'][number];
export type Variants = Answer<Methods['productVariants']>;
export type EarnRule = Answer<Methods['earnOnPaymentRule']>;

/** Query keys of the page. */
export const linkKeys = {
  all: ['payment-links'] as const,
  list: (filters: object) => ['payment-links', 'list', filters] as const,
  payments: (id: string) => ['payment-links', 'payments', id] as const,
  recipients: (search: string) => ['payment-links', 'recipients', search] as const,
  orders: ['payment-links', 'orders'] as const,
  variants: (productId: string) => ['payment-links', 'variants', productId] as const,
  choices: ['payment-links', 'choices'] as const,
  earnRule: ['earn-on-payment'] as const,
};

/** A link's status badge: light skins with dark text (white on the success badge's green is 3.17:1, under 4.5:1). */
export const STATUS_SKIN = {
  ACTIVE: 'neutralSuccess',
  INACTIVE: 'neutralLight',
  PAID: 'general',
  EXPIRED: 'warningLight',
} as const;

/** `USD 25.00` as the person's locale writes money. */
export function formatMoney(amount: string | null, currency: string): string {
  if (amount === null) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}
