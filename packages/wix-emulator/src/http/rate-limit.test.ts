import { programs } from '@wix/benefit-programs';
import { describe, expect, it } from 'vitest';
import { errorOf, startTestEmulator } from '../testing/index.ts';
import { RateLimiter } from './rate-limit.ts';

/** The rate limit's window, on times the test gives (the platform's clock), never the machine's. */
describe('the rate limit follows the platform clock', () => {
  const at = (seconds: number) => Date.UTC(2026, 2, 2, 8, 0, seconds);

  it('refuses past the limit within a sliding minute and lets a request through once the oldest leaves it', () => {
    const limiter = new RateLimiter();
    expect(limiter.take(2, at(0))).toBe(true);
    expect(limiter.take(2, at(30))).toBe(true);
    expect(limiter.take(2, at(59))).toBe(false);
    expect(limiter.retryAfterMs(at(59))).toBe(1_000);
    // A refused request is not counted: the first one leaves the window at second 60.
    expect(limiter.take(2, at(60))).toBe(true);
    expect(limiter.take(2, at(61))).toBe(false);
    expect(limiter.retryAfterMs(at(61))).toBe(29_000);
  });

  it('holds the minute still while the clock stands still, and starts a new one when the clock is moved back', () => {
    const limiter = new RateLimiter();
    expect(limiter.take(1, at(10))).toBe(true);
    expect(limiter.take(1, at(10))).toBe(false);
    expect(limiter.take(1, at(10))).toBe(false);
    expect(limiter.take(1, at(0))).toBe(true);
    expect(limiter.take(1, at(0))).toBe(false);
  });

  it('on the strict emulator: a frozen clock moved on by a minute lets calls through again', async () => {
    const emu = await startTestEmulator({ strict: true, tunables: { rateLimitPerMinute: 3 } });
    try {
      await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T08:00:00.000Z', freeze: true });
      const app = await emu.client({ type: 'APP' }, { programs });
      for (let i = 0; i < 3; i++) await app.programs.queryPrograms().find();
      expect(await errorOf(app.programs.queryPrograms().find())).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
      await emu.admin('/_emulator/v1/clock', { advanceMs: 59_000 });
      expect(await errorOf(app.programs.queryPrograms().find())).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
      await emu.admin('/_emulator/v1/clock', { advanceMs: 1_000 });
      await app.programs.queryPrograms().find();
    } finally {
      await emu.close();
    }
  });
});
