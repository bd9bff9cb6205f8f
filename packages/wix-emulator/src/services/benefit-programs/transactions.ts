import { Router } from '../../http/router.ts';
import { ownedReads } from './access.ts';
import { transactions } from './tables.ts';

const BASE = '/benefit-programs/v1/transactions';

/** The ledger, read-only: an app or Wix user sees every transaction, a member their own. */
export function transactionRoutes(): Router {
  const r = new Router();

  ownedReads(r, BASE, transactions, 'transaction', 'transactionId', 'TRANSACTION_NOT_FOUND');

  return r;
}
