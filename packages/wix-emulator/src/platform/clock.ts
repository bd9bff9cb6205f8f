import { eq, sql } from 'drizzle-orm';
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
  return stateOf(await clockRow(tx));
}

type ClockRow = { offsetMs: number; frozenAt: Date | null } | undefined;

async function clockRow(tx: Tx): Promise<ClockRow> {
  const [row] = await tx.select().from(clock).where(eq(clock.id, 1));
  return row;
}

function stateOf(row: ClockRow): { now: Date; frozen: boolean } {
  if (!row) return { now: new Date(), frozen: false };
  if (row.frozenAt) return { now: new Date(row.frozenAt.getTime() + row.offsetMs), frozen: true };
  return { now: new Date(Date.now() + row.offsetMs), frozen: false };
}

/** The channel an emulator announces a clock change on (`moveClock`, a reset): the others forget what they read. */
export const CLOCK_CHANNEL = 'wix_emulator_clock';

/**
 * The clock as this process last read it, so a request does not read the clock's row every time. It is forgotten when
 * this process moves the clock or resets, and when any emulator on the database announces a change (`CLOCK_CHANNEL`,
 * which the emulator listens on); without that listener (`listening` false) every read goes to the database.
 */
export class ClockCache {
  private row: ClockRow | null = null;
  /** Bumped by `forget`: a read that started before a change does not keep what it read. */
  private generation = 0;
  listening = false;

  async now(tx: Tx): Promise<Date> {
    if (!this.listening) return readClock(tx);
    if (this.row !== null) return stateOf(this.row).now;
    const generation = this.generation;
    const row = await clockRow(tx);
    if (generation === this.generation) this.row = row;
    return stateOf(row).now;
  }

  forget() {
    this.generation++;
    this.row = null;
  }
}

/** Tells every emulator on the database that the clock changed (delivered when the transaction commits). */
export async function announceClockChange(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_notify(${CLOCK_CHANNEL}, '')`);
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
  await announceClockChange(tx);
  return { now: target, frozen };
}
