import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { and, eq, sql } from 'drizzle-orm';
import { failedPrecondition, WixError } from '../../http/errors.ts';
import type { Ctx } from '../../http/router.ts';
import { idempotentRequest, type KeyAlong, keyClaim } from '../../platform/idempotency.ts';
import { builtOnce } from '../../storage/built-once.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { type AlongWrite, getEntity, insertAndSaveEntities, insertEntity, saveEntity } from '../../storage/entities.ts';
import { type Balance, balances, type Pool, type Program, pools, type Transaction, transactions } from './tables.ts';

/**
 * The ledger of a pool's credits. A balance only ever changes here, and every change appends a transaction
 * (`source` → `target`, `amount` ≥ 0), so `amount.available` always equals the sum of the pool's transactions:
 * EXTERNAL→AVAILABLE adds, AVAILABLE→EXTERNAL takes away. Changes to one balance are serialised by a row lock.
 */

/** Decimals travel as strings with at most 4 decimal places; Big keeps them exact. */
export const dec = (value: string | number | null | undefined): Big => new Big(value ?? 0);
export const fmt = (value: Big): string => value.round(4, Big.roundHalfEven).toString();

export interface LedgerEntry {
  /** Signed change to `available`. */
  delta: Big;
  idempotencyKey: string;
  details?: Doc;
  relatedTransactionId?: string | null;
  instructingParty?: Doc | null;
  /** What the change is, kept on the transaction so reports can tell grants, renewals, redemptions and reversals apart. */
  kind:
    | 'PROVISION'
    | 'ADJUST'
    | 'SET'
    | 'RENEWAL_GRANT'
    | 'RENEWAL_FORFEIT'
    | 'REDEMPTION'
    | 'REDEMPTION_CANCEL'
    | 'REVERT';
}

/** The `details.reason` a transaction gets when its caller gave none. */
const DEFAULT_REASONS: Record<LedgerEntry['kind'], string | null> = {
  PROVISION: 'Initial credits of the pool',
  ADJUST: null,
  SET: null,
  RENEWAL_GRANT: 'Renewal: credits of the new period',
  RENEWAL_FORFEIT: 'Renewal: credits over the rollover cap forfeited',
  REDEMPTION: null,
  REDEMPTION_CANCEL: 'Redemption canceled',
  REVERT: 'Balance change reverted',
};

/** `PoolInfo` as a balance shows it. */
function balancePoolInfo(pool: Pool, program: Program | undefined): Balance['poolInfo'] {
  const credit = pool.details?.creditConfiguration;
  const rollover = credit?.rolloverConfiguration;
  return {
    id: pool.id,
    poolDefinitionId: pool.poolDefinitionId ?? null,
    programDefinitionId: pool.programDefinitionId ?? null,
    programId: pool.programId ?? null,
    creditAmount: credit?.amount ?? null,
    namespace: pool.namespace ?? null,
    externalProgramDefinitionId: pool.programDefinition?.externalId ?? null,
    externalProgramId: program?.externalId ?? pool.program?.externalId ?? null,
    creditRolloverConfiguration: {
      enabled: rollover?.enabled ?? false,
      balanceCap: rollover?.balanceCap ?? null,
    },
    status: pool.status,
  };
}

/** `PoolInfo` as a transaction shows it. */
function transactionPoolInfo(pool: Pool): Transaction['pool'] {
  const credit = pool.details?.creditConfiguration;
  return {
    id: pool.id,
    poolDefinitionId: pool.poolDefinitionId ?? null,
    programDefinitionId: pool.programDefinitionId ?? null,
    externalProgramDefinitionId: pool.programDefinition?.externalId ?? null,
    programId: pool.programId ?? null,
    externalProgramId: pool.program?.externalId ?? null,
    creditAmount: credit?.amount ?? null,
    namespace: pool.namespace ?? null,
    displayName: pool.displayName ?? null,
  };
}

/** Opens the balance of a new pool at zero; the pool's initial credits then arrive as its first transaction. */
export async function openBalance(tx: Tx, pool: Pool, now: Date): Promise<Balance> {
  return insertEntity(
    tx,
    balances,
    String(pool.id),
    {
      beneficiary: pool.beneficiary,
      amount: { available: '0', reserved: '0' },
      poolInfo: balancePoolInfo(pool, undefined),
      lastTransactionId: null,
    },
    now,
  );
}

/** Locks a balance for the rest of the transaction; concurrent changes to it wait here. */
export async function lockBalance(tx: Tx, poolId: string): Promise<Balance> {
  return getEntity(tx, balances, poolId, 'NOT_FOUND', 'balance of pool', true);
}

export const availableOf = (balance: Balance) => dec(balance.amount?.available ?? '0');

/** Redeem Benefit's and Revert Balance Change's refusal to go below zero (data: the SDK's `NotEnoughBalance`). */
export class NotEnoughBalance extends WixError {
  constructor(pool: Pool, available: Big, requested: Big) {
    super(
      428,
      'NOT_ENOUGH_BALANCE',
      `pool ${pool.id} has ${fmt(available)} available and ${fmt(requested)} was requested`,
      {
        balance: { available: fmt(available), reserved: '0' },
        requested: fmt(requested),
      },
    );
  }
}

/** Change Balance's refusal to go below zero (data: the SDK's `BalanceExceededLimits`; the lower limit is zero). */
export const balanceExceededLimits = (pool: Pool, available: Big, requested: Big) =>
  failedPrecondition(
    'BALANCE_EXCEEDED_LIMITS',
    `pool ${pool.id} has ${fmt(available)} available: taking ${fmt(requested)} would go below zero`,
    { balance: { available: fmt(available), reserved: '0' }, requested: fmt(requested), lowerLimit: '0' },
  );

/**
 * Applies one change to a locked balance: refuses to go below zero (`belowZero` says how the method refuses), appends the transaction, bumps the balance's
 * revision and `lastTransactionId`. Returns the new balance and the transaction.
 */
export async function applyChange(
  tx: Tx,
  pool: Pool,
  balance: Balance,
  entry: LedgerEntry,
  now: Date,
  belowZero: (pool: Pool, available: Big, requested: Big) => WixError = (...args) => new NotEnoughBalance(...args),
  along?: AlongWrite<{ inserted: Transaction; saved: Balance }>,
): Promise<{ balance: Balance; transaction: Transaction }> {
  const available = availableOf(balance);
  const next = available.plus(entry.delta);
  if (next.lt(0)) throw belowZero(pool, available, entry.delta.abs());
  const id = randomUUID();
  const adding = entry.delta.gte(0);
  // The entry and the balance it changes in one statement.
  const { inserted: transaction, saved } = await insertAndSaveEntities(
    tx,
    {
      table: transactions,
      id,
      body: {
        pool: transactionPoolInfo(pool),
        amount: fmt(entry.delta.abs()),
        source: adding ? 'EXTERNAL' : 'AVAILABLE',
        target: adding ? 'AVAILABLE' : 'EXTERNAL',
        idempotencyKey: entry.idempotencyKey,
        relatedTransactionId: entry.relatedTransactionId ?? null,
        beneficiary: pool.beneficiary,
        instructingParty: entry.instructingParty ?? null,
        status: 'COMPLETED',
        details: { effectiveDate: now.toISOString(), reason: DEFAULT_REASONS[entry.kind], ...(entry.details ?? {}) },
      },
      extra: { poolId: String(pool.id) },
    },
    {
      table: balances,
      current: balance,
      next: {
        ...balance,
        amount: { available: fmt(next), reserved: balance.amount?.reserved ?? '0' },
        poolInfo: { ...balance.poolInfo, status: pool.status },
        lastTransactionId: id,
      },
    },
    now,
    along,
  );
  return { balance: saved, transaction };
}

/** The pool with a row lock, for operations that read its status and then change its balance. */
export async function lockPool(tx: Tx, poolId: string): Promise<Pool> {
  return getEntity(tx, pools, poolId, 'POOL_NOT_FOUND', 'pool', true);
}

/**
 * The pool and its balance, both with a row lock, in one statement (pool first, as `lockPool` then `lockBalance`); a
 * missing one is refused as they refuse it.
 */
export async function lockPoolAndBalance(tx: Tx, poolId: string): Promise<{ pool: Pool; balance: Balance }> {
  const row = await findPoolAndBalance(tx, poolId);
  if (row) return row;
  return { pool: await lockPool(tx, poolId), balance: await lockBalance(tx, poolId) };
}

/** The pool and its balance, both with a row lock, in one statement; undefined when either is missing. */
async function findPoolAndBalance(tx: Tx, poolId: string): Promise<{ pool: Pool; balance: Balance } | undefined> {
  const [row] = await poolAndBalanceForUpdate(tx, { poolId });
  return row && { pool: row[0] as Pool, balance: row[1] as Balance };
}

const poolAndBalanceForUpdate = builtOnce<{ poolId: string }>((tx) =>
  tx
    .select({ pool: pools.data, balance: balances.data })
    .from(pools)
    .innerJoin(balances, eq(balances.id, pools.id))
    .where(eq(pools.id, sql.placeholder('poolId')))
    .for('update'),
);

/**
 * `findPoolAndBalance` with an idempotency key claimed in the same statement (`idempotentRequestAlong`'s first
 * statement): `taken` when the key was claimed before (the work then changes nothing). When the pool or its balance is
 * missing the work fails (it is refused), and the claim goes with the transaction's rollback.
 */
export async function findPoolAndBalanceClaiming(
  tx: Tx,
  poolId: string,
  key: KeyAlong<Doc>,
): Promise<{ pool: Pool; balance: Balance; taken: boolean } | undefined> {
  const [row] = await poolAndBalanceClaimingKey(tx, { ...key.claimValues, poolId });
  return row && { pool: row[0] as Pool, balance: row[1] as Balance, taken: row[2] === 0 };
}

/** `lockPoolAndBalance` with the key claimed (`findPoolAndBalanceClaiming`); a missing one refused as it refuses it. */
export async function lockPoolAndBalanceClaiming(
  tx: Tx,
  poolId: string,
  key: KeyAlong<Doc>,
): Promise<{ pool: Pool; balance: Balance; taken: boolean }> {
  const found = await findPoolAndBalanceClaiming(tx, poolId, key);
  if (found) return found;
  await lockPoolAndBalance(tx, poolId);
  throw new Error(`pool ${poolId}: found with its balance only after the statement that looked for them`);
}

const poolAndBalanceClaimingKey = builtOnce<Record<string, unknown>>((tx) => {
  const claim = keyClaim(tx);
  return tx
    .with(claim)
    .select({ pool: pools.data, balance: balances.data, claimed: sql<number>`(select count(*) from ${claim})::int` })
    .from(pools)
    .innerJoin(balances, eq(balances.id, pools.id))
    .where(eq(pools.id, sql.placeholder('poolId')))
    .for('update');
});

/** The transaction that reversed `transactionId` (a cancellation or revert), if any. */
async function reversalOf(tx: Tx, transactionId: string): Promise<Transaction | undefined> {
  const [row] = await tx
    .select({ data: transactions.data })
    .from(transactions)
    .where(and(sql`${transactions.data} ->> 'relatedTransactionId' = ${transactionId}`))
    .limit(1);
  return row?.data;
}

/** Keeps the balance's copy of the pool status in step when a pool's status changes. */
export async function syncBalanceStatus(tx: Tx, pool: Pool, now: Date): Promise<void> {
  const balance = await lockBalance(tx, String(pool.id));
  await saveEntity(tx, balances, balance, { ...balance, poolInfo: { ...balance.poolInfo, status: pool.status } }, now);
}

/**
 * Writes the transaction that undoes `original` (a cancellation or a revert): the same amount the other way, with
 * `relatedTransactionId` set. A transaction is undone once: a second time answers `alreadyDone(previous)`.
 */
async function reverseTransaction(
  tx: Tx,
  original: Transaction,
  entry: Pick<LedgerEntry, 'idempotencyKey' | 'kind' | 'details'>,
  now: Date,
  checks: { alreadyDone: (previous: Transaction) => WixError; pool?: (pool: Pool) => void },
): Promise<Transaction> {
  const poolId = String(original.pool?.id);
  const { pool, balance } = await lockPoolAndBalance(tx, poolId);
  const previous = await reversalOf(tx, String(original.id));
  if (previous) throw checks.alreadyDone(previous);
  checks.pool?.(pool);
  const amount = dec(original.amount);
  const { transaction } = await applyChange(
    tx,
    pool,
    balance,
    {
      ...entry,
      delta: original.target === 'AVAILABLE' ? amount.times(-1) : amount,
      relatedTransactionId: String(original.id),
    },
    now,
  );
  return transaction;
}

/** What undoing a transaction writes, and what refuses it. */
export interface Reversal {
  entry: Pick<LedgerEntry, 'kind' | 'details'>;
  checks: Parameters<typeof reverseTransaction>[4];
}

/**
 * Revert Balance Change and Cancel Redemption: once per idempotency key, the original transaction read (404
 * TRANSACTION_NOT_FOUND), checked and described by `reversal` (which throws to refuse), then undone.
 */
export function reverseOnce(
  ctx: Ctx,
  scope: string,
  request: { transactionId: string; idempotencyKey: string },
  reversal: (original: Transaction) => Reversal,
  options: { reuseCode?: string; executedCode?: string },
) {
  return idempotentRequest(
    ctx,
    scope,
    request,
    async (tx) => {
      const original = await getEntity(tx, transactions, request.transactionId, 'TRANSACTION_NOT_FOUND', 'transaction');
      const { entry, checks } = reversal(original);
      const entryWithKey = { ...entry, idempotencyKey: request.idempotencyKey };
      const transaction = await reverseTransaction(tx, original, entryWithKey, ctx.now, checks);
      return { transactionId: String(transaction.id) };
    },
    options,
  );
}
