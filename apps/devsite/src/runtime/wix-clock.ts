import type { Clock } from '@gym-rewards/flows';

/**
 * Stands in for the app's `src/backend/clock.ts` in the devsite: the time of the local Wix platform, which the devsite
 * moves a day or a month at a time. The offset lives on `globalThis` because Vite loads this module in its own module
 * graph, apart from the devsite's.
 */
const state = globalThis as { __devsiteClockOffsetMs?: number };

export const clock: Clock = () => new Date(Date.now() + (state.__devsiteClockOffsetMs ?? 0));

export function setClockOffset(offsetMs: number): void {
  state.__devsiteClockOffsetMs = offsetMs;
}
