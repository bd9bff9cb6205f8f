import type { Router } from '../http/router.ts';
import { automationEventRoutes } from './automations/events.ts';
import { balanceRoutes } from './benefit-programs/balances.ts';
import { itemRoutes } from './benefit-programs/items.ts';
import { poolDefinitionRoutes } from './benefit-programs/pool-definitions.ts';
import { poolRoutes } from './benefit-programs/pools.ts';
import { programDefinitionRoutes } from './benefit-programs/program-definitions.ts';
import { withJobSettlement } from './benefit-programs/program-jobs.ts';
import { programRoutes } from './benefit-programs/programs.ts';
import { transactionRoutes } from './benefit-programs/transactions.ts';
import { contactRoutes } from './contacts/contacts.ts';
import { dataCollectionRoutes } from './data/collections.ts';
import { dataItemRoutes } from './data/items.ts';
import { orderRoutes } from './ecom/orders.ts';
import { memberRoutes } from './members/members.ts';
import { checkoutRoutes } from './payment-links/pages.ts';
import { paymentLinkRoutes } from './payment-links/payment-links.ts';
import { paymentRoutes } from './payment-links/payments.ts';
import { outboxRoutes } from './payment-links/sending.ts';
import { premiumRoutes } from './premium/routes.ts';
import { sitePropertiesRoutes } from './site-properties/site-properties.ts';
import { catalogVersioningRoutes } from './stores/catalog-versioning.ts';
import { productRoutes } from './stores/products.ts';

/** Every emulated Wix service's routes. */
export function serviceRoutes(): Router[] {
  return [
    // Benefit Programs: in strict mode, provision, renew, end, pause and resume are jobs settled before each request.
    ...[
      programDefinitionRoutes(),
      poolDefinitionRoutes(),
      itemRoutes(),
      programRoutes(),
      poolRoutes(),
      balanceRoutes(),
      transactionRoutes(),
    ].map(withJobSettlement),
    catalogVersioningRoutes(),
    productRoutes(),
    memberRoutes(),
    dataItemRoutes(),
    dataCollectionRoutes(),
    sitePropertiesRoutes(),
    ...premiumRoutes(),
    contactRoutes(),
    orderRoutes(),
    paymentLinkRoutes(),
    checkoutRoutes(),
    paymentRoutes(),
    outboxRoutes(),
    automationEventRoutes(),
  ];
}
