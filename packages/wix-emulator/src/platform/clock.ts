import { eq } from 'drizzle-orm';
import type { Tx } from '../storage/db.ts';
import { clock } from './tables.ts';

/**
 * The emulator's clock, kept in the database so every process on it agrees and it survives restarts.
 * It runs with wall-clock time shifted by an offset; `set` and `advanceMs` move it, `freeze` stops it.
 */
export async function readClock(tx: Tx): Promise<Date> {
  return (await clockState(tx)).now;
}

/** The time, and whether the clock stands still (it moves then only when set or advanced). */
export async function clockState(tx: Tx): Promise<{ now: Date; frozen: boolean }> {
  const [row] = await tx.select().from(clock).where(eq(clock.id, 1));
  if (!row) return { now: new Date(), frozen: false };
  if (row.frozenAt) return { now: new Date(row.frozenAt.getTime() + row.offsetMs), frozen: true };
  return { now: new Date(Date.now() + row.offsetMs), frozen: false };
}

export interface ClockChange {
  set?: Date;
  advanceMs?: number;
  freeze?: boolean;
}

export async function moveClock(tx: Tx, change: ClockChange): Promise<{ now: Date; frozen: boolean }> {
  const current = await clockState(tx);
  const target = change.set ?? new Date(current.now.getTime() + (change.advanceMs ?? 0));
  const frozen = change.freeze ?? current.frozen;
  const values = frozen
    ? { frozenAt: target, offsetMs: 0 }
    : { frozenAt: null, offsetMs: target.getTime() - Date.now() };
  await tx
    .insert(clock)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: clock.id, set: values });
  return { now: target, frozen };
}
