/**
 * What a flow cost, read from the emulator's request log (`GET /_emulator/v1/requests`): the Wix calls the app made and
 * how many of them ran one after another (sequential rounds, what a member waits for on Wix, ~100-300 ms each).
 */

/** A line of the emulator's request log, as far as counting needs it. */
export interface LoggedRequest {
  method: string;
  path: string;
  identity: { type: string } | null;
  status: number;
  startedAtMs: number;
  durationMs: number;
}

/**
 * The calls the app made: every request but the emulator's own controls (`/_emulator/`), the platform's check of a web
 * method's caller (the devsite asks Token Info with no identity of its own, as Wix checks a permission before the
 * method runs: not the app's call) and what the site owner did (the bench playing the owner, the trigger of an event).
 */
export function appCalls(entries: readonly LoggedRequest[]): LoggedRequest[] {
  return entries.filter(
    (e) =>
      !e.path.startsWith('/_emulator/') &&
      !(e.path === '/oauth2/token-info' && e.identity === null) &&
      e.identity?.type !== 'ADMIN',
  );
}

/**
 * Calls and sequential rounds: a call starting before every call started earlier has ended runs alongside them (same
 * round); one starting after they all ended waited for them (a new round).
 */
export function callsAndRounds(entries: readonly LoggedRequest[]): { calls: number; rounds: number } {
  let rounds = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...entries].sort((a, b) => a.startedAtMs - b.startedAtMs)) {
    if (call.startedAtMs >= lastEnd) rounds++;
    lastEnd = Math.max(lastEnd, call.startedAtMs + call.durationMs);
  }
  return { calls: entries.length, rounds };
}
