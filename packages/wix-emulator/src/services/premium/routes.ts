import type { Router } from '../../http/router.ts';
import { appInstanceRoutes } from './app-instances.ts';
import { featureSpec, productFamilySpec, productSpec, productTypeSpec } from './catalog.ts';
import { displayRoutes } from './display.ts';
import { premiumEntityRoutes } from './entities.ts';
import { offeringRoutes } from './offering.ts';
import { orderPageRoutes } from './order-page.ts';

/** The premium platform (catalog, display manager, dynamic offering, order page) and the app instance's billing. */
export function premiumRoutes(): Router[] {
  return [
    ...[productTypeSpec, productFamilySpec, featureSpec, productSpec].map((spec) => premiumEntityRoutes(spec as never)),
    ...displayRoutes(),
    offeringRoutes(),
    orderPageRoutes(),
    appInstanceRoutes(),
  ];
}
