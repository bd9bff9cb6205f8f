import { z } from 'zod';
import { cursorQuery, queryable } from '../../http/query-rules.ts';
import { Router, requireManager } from '../../http/router.ts';
import { queryEntities } from '../../storage/query.ts';
import { paymentLinkPayments } from './tables.ts';

const RULES = {
  filterable: new Set(['id', 'createdDate', 'updatedDate', 'paymentLinkId', 'type', 'currencyCode', 'amount']),
  sortable: new Set(['createdDate', 'updatedDate']),
};

/** Query Payment Link Payments: cursor paging, `{ paymentLinkPayments, pagingMetadata }`; apps and Wix users only. */
export function paymentRoutes(): Router {
  const r = new Router();
  r.post('/payment-links/v1/payment-link-payments/query', async ({ body, ctx }) => {
    requireManager(ctx, 'queryPaymentLinkPayments');
    const q = z.object({ query: cursorQuery.nullish() }).parse(body).query ?? {};
    const sort = queryable(q, 'query', RULES);
    const page = await queryEntities(ctx.db, paymentLinkPayments, { ...q, sort });
    return { paymentLinkPayments: page.docs, pagingMetadata: page.cursorMetadata };
  });
  return r;
}
