import { and, asc, eq, lte } from 'drizzle-orm';
import type { Ctx, Route, Router } from '../../http/router.ts';
import type { Tx } from '../../storage/db.ts';
import { getEntity, saveEntity } from '../../storage/entities.ts';
import { applyChange, availableOf, dec, fmt, lockBalance, syncBalanceStatus } from './ledger.ts';
import { type Balance, balances, type JobData, jobs, type Pool, type Program, pools, programs } from './tables.ts';

/** A program's life after provisioning: renewing, pausing, resuming, ending, and strict mode's jobs that settle them. */
async function programPools(tx: Tx, programId: string): Promise<Pool[]> {
  // The documents with their row locks in one statement, in the program's order of pools.
  const rows = await tx
    .select({ data: pools.data })
    .from(pools)
    .where(eq(pools.programId, programId))
    .orderBy(asc(pools.seq))
    .for('update');
  return rows.map((row) => row.data);
}

/** The program's pools with their balances, all with row locks, in one statement (pools in the program's order). */
async function programPoolsAndBalances(tx: Tx, programId: string): Promise<Array<{ pool: Pool; balance: Balance }>> {
  return tx
    .select({ pool: pools.data, balance: balances.data })
    .from(pools)
    .innerJoin(balances, eq(balances.id, pools.id))
    .where(eq(pools.programId, programId))
    .orderBy(asc(pools.seq))
    .for('update');
}

/**
 * Renews every pool of the program that has not ended: what stays is `min(available, balanceCap)` when rollover
 * is enabled (everything when it has no cap) and nothing when it is not; then the pool's `amount` is granted.
 * Both steps are transactions on the ledger. `renewalCount` grows by one.
 */
export async function renew(tx: Tx, program: Program, key: string, now: Date) {
  // A pool's balance is opened with it, in the same transaction (`openBalance`), so the join leaves none out.
  for (const { pool, balance: locked } of await programPoolsAndBalances(tx, String(program.id))) {
    if (pool.status === 'ENDED') continue;
    const credit = pool.details?.creditConfiguration;
    const rollover = credit?.rolloverConfiguration;
    let balance = locked;
    const available = availableOf(balance);
    const cap = rollover?.balanceCap;
    const kept = !rollover?.enabled
      ? dec(0)
      : cap === null || cap === undefined
        ? available
        : available.lt(dec(cap))
          ? available
          : dec(cap);
    const forfeited = available.minus(kept);
    if (forfeited.gt(0)) {
      ({ balance } = await applyChange(
        tx,
        pool,
        balance,
        {
          delta: forfeited.times(-1),
          idempotencyKey: `renew:${key}:${pool.id}:forfeit`,
          kind: 'RENEWAL_FORFEIT',
          details: { reason: `Renewal: ${fmt(forfeited)} over the rollover cap forfeited` },
        },
        now,
      ));
    }
    const grant = dec(credit?.amount);
    if (grant.gt(0)) {
      await applyChange(
        tx,
        pool,
        balance,
        { delta: grant, idempotencyKey: `renew:${key}:${pool.id}:grant`, kind: 'RENEWAL_GRANT' },
        now,
      );
    }
    await saveEntity(tx, pools, pool, { ...pool, renewalCount: Number(pool.renewalCount ?? 0) + 1 }, now);
  }
  return saveEntity(tx, programs, program, program, now);
}

export async function setStatus(
  tx: Tx,
  program: Program,
  status: 'ACTIVE' | 'PAUSED' | 'ENDED',
  now: Date,
): Promise<Program> {
  for (const pool of await programPools(tx, String(program.id))) {
    if (pool.status === 'ENDED' || pool.status === status) continue;
    const saved = await saveEntity(tx, pools, pool, { ...pool, status }, now);
    await syncBalanceStatus(tx, saved, now);
  }
  return saveEntity(tx, programs, program, { ...program, status }, now);
}

// ---- strict mode's jobs (README, "Strict mode") ----

/** Program statuses a job may start from; the others are transient (ProgramStatus of the SDK). */
export const AT_REST = new Set(['ACTIVE', 'PAUSED']);
export const TRANSIENT = new Set(['PROVISIONING', 'PAUSING', 'RESUMING', 'ENDING']);

type JobKind = 'PROVISION' | 'RENEW' | 'PAUSE' | 'RESUME' | 'END';

export async function startJob(tx: Tx, id: string, programId: string, kind: JobKind, data: JobData) {
  await tx.insert(jobs).values({ id, programId, kind, data, startedAt: new Date() });
}

export async function jobInProgress(tx: Tx, programId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.programId, programId), eq(jobs.settled, false)))
    .limit(1);
  return row !== undefined;
}

/** Puts every pool of the program that has not ended in a transient status; answers their statuses before. */
export async function markPools(
  tx: Tx,
  program: Program,
  status: 'PENDING' | 'RENEWING',
  now: Date,
): Promise<Record<string, Pool['status']>> {
  const before: Record<string, Pool['status']> = {};
  for (const pool of await programPools(tx, String(program.id))) {
    if (pool.status === 'ENDED') continue;
    before[String(pool.id)] = pool.status;
    await syncBalanceStatus(tx, await saveEntity(tx, pools, pool, { ...pool, status }, now), now);
  }
  return before;
}

/** Finishes one job: what the request would have done at once outside strict mode. */
async function settleJob(tx: Tx, job: typeof jobs.$inferSelect, now: Date) {
  const program = await getEntity(tx, programs, job.programId, 'NOT_FOUND', 'program', true);
  const data = job.data;
  if (job.kind === 'PROVISION') {
    const finalStatus = data.finalStatus;
    for (const grant of data.grants ?? []) {
      const current = await getEntity(tx, pools, grant.poolId, 'POOL_NOT_FOUND', 'pool', true);
      const pool = await saveEntity(tx, pools, current, { ...current, status: finalStatus }, now);
      await syncBalanceStatus(tx, pool, now);
      if (dec(grant.amount).gt(0)) {
        await applyChange(
          tx,
          pool,
          await lockBalance(tx, grant.poolId),
          { delta: dec(grant.amount), idempotencyKey: `provision:${grant.poolId}`, kind: 'PROVISION' },
          now,
        );
      }
    }
    await saveEntity(tx, programs, program, { ...program, status: finalStatus }, now);
    return;
  }
  if (job.kind === 'RENEW') {
    const before = data.poolStatuses ?? {};
    for (const [poolId, status] of Object.entries(before)) {
      const current = await getEntity(tx, pools, poolId, 'POOL_NOT_FOUND', 'pool', true);
      if (current.status !== 'RENEWING') continue;
      await syncBalanceStatus(tx, await saveEntity(tx, pools, current, { ...current, status }, now), now);
    }
    await renew(tx, program, String(data.key), now);
    return;
  }
  await setStatus(tx, program, data.finalStatus ?? 'ENDED', now);
}

/**
 * Strict mode: settles every job started at least `transientMs` ago (wall-clock), before a Benefit Programs request is served, so
 * that request (a read or a write) sees the final state. Jobs are locked while settled: concurrent requests wait.
 */
async function settleDueJobs(ctx: Ctx): Promise<void> {
  if (!ctx.settings.strict) return;
  const startedBy = new Date(Date.now() - ctx.settings.transientMs);
  const due = (tx: Tx) =>
    tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.settled, false), lte(jobs.startedAt, startedBy)))
      .orderBy(asc(jobs.startedAt), asc(jobs.id));
  if ((await due(ctx.db).limit(1)).length === 0) return;
  await ctx.tx(async (tx) => {
    for (const job of await due(tx).for('update')) {
      await settleJob(tx, job, ctx.now);
      await tx.update(jobs).set({ settled: true }).where(eq(jobs.id, job.id));
    }
  });
}

/** The router's routes, each settling due jobs first (strict mode only). */
export function withJobSettlement(router: Router): Router {
  for (const route of router.routes as Route[]) {
    const handler = route.handler;
    route.handler = async (req) => {
      await settleDueJobs(req.ctx);
      return handler(req);
    };
  }
  return router;
}
