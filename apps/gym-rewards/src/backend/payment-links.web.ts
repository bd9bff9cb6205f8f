import * as flows from '@gym-rewards/flows';
import { Permissions } from '@wix/web-methods';
import { clockedMethodsOver, methodsOver } from './flow-methods';

/**
 * The Payment links page's calls, each named as the flow it calls (Permissions.Admin: the site's owners and
 * collaborators; the app then works as itself). The Wix CLI makes an RPC stub of each export, found by name.
 */
const admin = methodsOver(Permissions.Admin, {
  /** The links, filtered by status, type and text, newest first, a page at a time. */
  listPaymentLinks: flows.listPaymentLinks,
  /** One link. */
  paymentLink: flows.paymentLink,
  /** A link's payments, newest first. */
  paymentLinkPayments: flows.paymentLinkPayments,
  /** Sends a link to its recipients or to the contacts given. */
  sendPaymentLink: flows.sendPaymentLink,
  /** Starts a checkout for the buyer at the desk: where to send them. */
  takePayment: flows.takePayment,
  activatePaymentLink: flows.activatePaymentLink,
  deactivatePaymentLink: flows.deactivatePaymentLink,
  /** Deletes a link without payments. */
  deletePaymentLink: flows.deletePaymentLink,
  /** Contacts to pick recipients from, by name or email. */
  paymentLinkRecipients: flows.paymentLinkRecipients,
  /** Orders waiting for payment, for an order's link. */
  unpaidOrders: flows.unpaidOrders,
  /** A product's variants and prices. */
  productVariants: flows.productVariants,
  /** The site's currency, for the create form. */
  paymentLinkChoices: (wix) => flows.paymentLinkChoices(wix),
  /** The earn-on-payment rule (off by default). */
  earnOnPaymentRule: (wix) => flows.earnOnPaymentRule(wix),
  setEarnOnPaymentRule: flows.setEarnOnPaymentRule,
});

const adminWithClock = clockedMethodsOver(Permissions.Admin, {
  /** Creates a link once per `requestId`. */
  createPaymentLink: flows.createPaymentLink,
});

export const listPaymentLinks = admin.listPaymentLinks;
export const paymentLink = admin.paymentLink;
export const paymentLinkPayments = admin.paymentLinkPayments;
export const sendPaymentLink = admin.sendPaymentLink;
export const takePayment = admin.takePayment;
export const activatePaymentLink = admin.activatePaymentLink;
export const deactivatePaymentLink = admin.deactivatePaymentLink;
export const deletePaymentLink = admin.deletePaymentLink;
export const paymentLinkRecipients = admin.paymentLinkRecipients;
export const unpaidOrders = admin.unpaidOrders;
export const productVariants = admin.productVariants;
export const paymentLinkChoices = admin.paymentLinkChoices;
export const earnOnPaymentRule = admin.earnOnPaymentRule;
export const setEarnOnPaymentRule = admin.setEarnOnPaymentRule;
export const createPaymentLink = adminWithClock.createPaymentLink;
