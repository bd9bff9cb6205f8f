import type { Clock } from '@gym-rewards/flows';

/** The time as the app's backend tells it. On Wix, the system clock; the devsite replaces this one module to travel in time. */
export const clock: Clock = () => new Date();
