import type { StrictTunables } from '@gym-rewards/wix-emulator';

/**
 * The platform the devsite's tests and the story run on: strict, with Wix's jobs shortened to 300 ms and the per-minute
 * call budget lifted (a test lives months in seconds; the flows' tests cover the retries over it).
 */
export const STRICT_PLATFORM: Partial<StrictTunables> = { transientMs: 300, rateLimitPerMinute: 1_000_000 };
