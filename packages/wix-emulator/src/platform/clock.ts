import { eq } from 'drizzle-orm';
import type { Tx } from '../storage/db.ts';
import { clock } from './tables.ts';

/**
 * The emulator's clock, kept in the database so every process on it agrees and it survives restarts.
 * It runs with wall-clock time shifted by an offset; `set` and `advanceMs` move it, `freeze` stops it.
 */
export async function readClock(tx: Tx): Promise<Date> {
  const [row] = await tx.select().from(clock).where(eq(clock.id, 1));
  if (!row) return new Date();
  if (row.frozenAt) return new Date(row.frozenAt.getTime() + row.offsetMs);
  return new Date(Date.now() + row.offsetMs);
}

export interface ClockChange {
  set?: Date;
  advanceMs?: number;
  freeze?: boolean;
}

export async function moveClock(tx: Tx, change: ClockChange): Promise<Date> {
  const now = await readClock(tx);
  const target = change.set ?? new Date(now.getTime() + (change.advanceMs ?? 0));
  const [row] = await tx.select().from(clock).where(eq(clock.id, 1));
  const frozen = change.freeze ?? !!row?.frozenAt;
  const values = frozen
    ? { frozenAt: target, offsetMs: 0 }
    : { frozenAt: null, offsetMs: target.getTime() - Date.now() };
  await tx
    .insert(clock)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: clock.id, set: values });
  return target;
}
