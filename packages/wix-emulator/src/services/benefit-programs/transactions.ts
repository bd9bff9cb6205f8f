import { Router, requireCaller } from '../../http/router.ts';
import { getEntity } from '../../storage/entities.ts';
import { queryEntities } from '../../storage/query.ts';
import { assertOwner, ownedScope } from './access.ts';
import { queryRequest } from './common.ts';
import { transactions } from './tables.ts';

const BASE = '/benefit-programs/v1/transactions';

/** The ledger, read-only: an app or Wix user sees every transaction, a member their own. */
export function transactionRoutes(): Router {
  const r = new Router();

  r.post(`${BASE}/query`, async ({ body, ctx }) => {
    const identity = requireCaller(ctx);
    const { query } = queryRequest.parse(body);
    const page = await queryEntities(ctx.db, transactions, query, ownedScope(transactions, identity));
    return { transactions: page.docs, metadata: page.cursorMetadata };
  });

  r.get(`${BASE}/:transactionId`, async ({ params, ctx }) => {
    const identity = requireCaller(ctx);
    const transaction = await getEntity(
      ctx.db,
      transactions,
      params.transactionId ?? '',
      'TRANSACTION_NOT_FOUND',
      'transaction',
    );
    assertOwner(identity, transaction, 'transaction');
    return { transaction };
  });

  return r;
}
