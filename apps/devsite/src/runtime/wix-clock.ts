import type { Clock } from '@gym-rewards/flows';

/**
 * Stands in for the app's `src/backend/clock.ts` in the devsite: the time of the local Wix platform, which the devsite
 * moves a day or a month at a time. It follows the platform's clock: running from where it was set, or standing still
 * when the platform's clock is frozen (as in the tests). The state lives on `globalThis` because Vite loads this module
 * in its own module graph, apart from the devsite's.
 */
const state = globalThis as { __devsiteClock?: { frozenAt: number } | { offsetMs: number } };

export const clock: Clock = () => {
  const set = state.__devsiteClock;
  if (!set) return new Date();
  return 'frozenAt' in set ? new Date(set.frozenAt) : new Date(Date.now() + set.offsetMs);
};

/** Sets the app's clock to the platform's, as `GET /_emulator/v1/clock` tells it. */
export function followPlatformClock(platform: { now: string; frozen: boolean }): void {
  const now = Date.parse(platform.now);
  state.__devsiteClock = platform.frozen ? { frozenAt: now } : { offsetMs: now - Date.now() };
}
