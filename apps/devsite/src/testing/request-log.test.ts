import { describe, expect, it } from 'vitest';
import { appCalls, callsAndRounds, type LoggedRequest } from './request-log.ts';

const call = (startedAtMs: number, durationMs: number, over: Partial<LoggedRequest> = {}): LoggedRequest => ({
  method: 'POST',
  path: '/benefit-programs/v1/pools/query',
  identity: { type: 'APP' },
  status: 200,
  startedAtMs,
  durationMs,
  ...over,
});

describe('counting calls from the request log', () => {
  it('counts calls made together as one round and calls made in turn as one each', () => {
    // Two together, then one after both ended, then two more together.
    const log = [call(0, 10), call(1, 5), call(12, 3), call(20, 4), call(20.5, 8)];
    expect(callsAndRounds(log)).toEqual({ calls: 5, rounds: 3 });
    expect(callsAndRounds([...log].reverse())).toEqual({ calls: 5, rounds: 3 });
    expect(callsAndRounds([])).toEqual({ calls: 0, rounds: 0 });
  });

  it('a call starting while an earlier one runs joins its round, however short the other calls were', () => {
    expect(callsAndRounds([call(0, 50), call(1, 2), call(4, 2)])).toEqual({ calls: 3, rounds: 1 });
    expect(callsAndRounds([call(0, 2), call(2, 2)])).toEqual({ calls: 2, rounds: 2 });
  });

  it("leaves out the emulator's controls, the platform's caller check and the owner's own calls", () => {
    const log = [
      call(0, 1, { path: '/_emulator/v1/requests', identity: null }),
      call(1, 1, { path: '/oauth2/token-info', identity: null }),
      call(2, 1, { path: '/members/v1/members', identity: { type: 'ADMIN' } }),
      call(3, 1, { path: '/members/v1/members/my', identity: { type: 'MEMBER' } }),
      call(4, 1, { path: '/oauth2/token-info', identity: { type: 'APP' } }),
      call(5, 1, { path: '/wix-data/v2/items/query', identity: null, status: 401 }),
    ];
    expect(appCalls(log).map((e) => e.startedAtMs)).toEqual([3, 4, 5]);
  });
});
