import { failedPrecondition } from '../../http/errors.ts';
import { type Ctx, Router, requireCaller } from '../../http/router.ts';
import { getSiteSetting } from '../../platform/site.ts';

/** Wix Stores Catalog Versioning: which catalog the site runs (site setting `catalogVersion`, default V3). */
export function catalogVersioningRoutes(): Router {
  const r = new Router();
  r.get('/stores/v3/provision/version', async ({ ctx }) => {
    requireCaller(ctx);
    return { catalogVersion: await getSiteSetting(ctx.db, 'catalogVersion') };
  });
  return r;
}

/** Catalog V3 methods answer 428 on a site that runs Catalog V1 or has no Stores app. */
export async function requireV3Catalog(ctx: Ctx): Promise<void> {
  const catalogVersion = await getSiteSetting(ctx.db, 'catalogVersion');
  if (catalogVersion !== 'V3_CATALOG') {
    throw failedPrecondition(
      'FAILED_PRECONDITION',
      `the site's Stores catalog is ${catalogVersion}: Catalog V3 methods are not available`,
      { catalogVersion },
    );
  }
}
