/**
 * Strict mode's rate limit: at most `limit` requests in any sliding minute of wall-clock time for the one emulated
 * site. Requests refused for the limit are not counted, so a caller that waits gets through again.
 */
export class RateLimiter {
  private hits: number[] = [];

  /** Counts a request at `now` and answers true, or answers false (counting nothing) when the minute is full. */
  take(limit: number, now = Date.now()): boolean {
    const since = now - 60_000;
    let drop = 0;
    while (drop < this.hits.length && (this.hits[drop] ?? 0) <= since) drop++;
    if (drop > 0) this.hits.splice(0, drop);
    if (this.hits.length >= limit) return false;
    this.hits.push(now);
    return true;
  }

  /** Milliseconds until the oldest counted request leaves the window. */
  retryAfterMs(now = Date.now()): number {
    const oldest = this.hits[0];
    return oldest === undefined ? 0 : Math.max(0, oldest + 60_000 - now);
  }

  clear() {
    this.hits = [];
  }
}
