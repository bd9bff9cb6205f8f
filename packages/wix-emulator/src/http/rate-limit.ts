/**
 * Strict mode's rate limit: at most `limit` requests in any sliding minute of the platform's clock for the one emulated
 * site. Requests refused for the limit are not counted, so a caller that waits gets through again.
 *
 * The minute is the platform clock's (`ctx.now`, README "The clock"), so a simulation that moves the clock (a rush of
 * ten minutes run in seconds) meets the limit as a site would in those ten minutes; a clock that runs (the default)
 * moves with wall-clock time, so nothing changes in real time. A frozen clock holds the minute still: requests past the
 * limit are refused until the clock is moved on. A clock moved back (time travel to an earlier day) starts a new minute.
 */
export class RateLimiter {
  private hits: number[] = [];

  /** Counts a request at `now` (the platform's time, ms) and answers true, or answers false (counting nothing) when the minute is full. */
  take(limit: number, now: number): boolean {
    const last = this.hits[this.hits.length - 1];
    if (last !== undefined && last > now) this.hits = [];
    const since = now - 60_000;
    let drop = 0;
    while (drop < this.hits.length && (this.hits[drop] ?? 0) <= since) drop++;
    if (drop > 0) this.hits.splice(0, drop);
    if (this.hits.length >= limit) return false;
    this.hits.push(now);
    return true;
  }

  /** Milliseconds of platform time until the oldest counted request leaves the window. */
  retryAfterMs(now: number): number {
    const oldest = this.hits[0];
    return oldest === undefined ? 0 : Math.max(0, oldest + 60_000 - now);
  }

  clear() {
    this.hits = [];
  }
}
