import { beforeEach, describe, expect, it } from 'vitest';
import { currentPlan, forgetPlan } from './plans.ts';
import { withRetries } from './retries.ts';
import type { WixApis } from './wix.ts';

/**
 * The plan cache on a backend that serves many sites (Wix): one emulator serves one site, so two sites are two
 * app-instance answers behind two callers' sessions, each counting its reads.
 */
const now = new Date('2026-06-01T10:00:00.000Z');
const clock = () => now;

function site(instanceId: string, paid: string | null, sessions: string[]) {
  const reads = { count: 0 };
  let turn = 0;
  const wix = {
    sessionKey: async () => sessions[turn++ % sessions.length],
    appInstances: {
      getAppInstance: async () => {
        reads.count++;
        return {
          instance: {
            instanceId,
            isFree: paid === null,
            billing: paid ? { packageName: paid, billingCycle: 'MONTHLY', expirationDate: null } : undefined,
          },
        };
      },
    },
  } as unknown as WixApis;
  return { wix, reads };
}

beforeEach(() => forgetPlan());

describe('the plan cache keyed by app instance', () => {
  it("never answers one site's plan for another, however the calls interleave", async () => {
    const gym = site('instance-gym', 'studio', ['gym-owner-token']);
    const studio = site('instance-studio', null, ['studio-owner-token']);
    for (let i = 0; i < 3; i++) {
      expect((await currentPlan(gym.wix, clock)).key).toBe('studio');
      expect((await currentPlan(studio.wix, clock)).key).toBe('free');
    }
    // Each site read its own app instance once and was answered from the cache after.
    expect(gym.reads.count).toBe(1);
    expect(studio.reads.count).toBe(1);
  });

  it("a plan event forgets only its instance's plan", async () => {
    const gym = site('instance-gym', 'grow', ['gym-owner-token']);
    const studio = site('instance-studio', 'studio', ['studio-owner-token']);
    await currentPlan(gym.wix, clock);
    await currentPlan(studio.wix, clock);
    forgetPlan('instance-gym');
    await currentPlan(gym.wix, clock);
    await currentPlan(studio.wix, clock);
    expect(gym.reads.count).toBe(2);
    expect(studio.reads.count).toBe(1);
  });

  it('a second session of the same site finds its plan once the answer named the instance', async () => {
    const gym = site('instance-gym', 'grow', ['session-a', 'session-b', 'session-a']);
    expect((await currentPlan(gym.wix, clock)).key).toBe('grow');
    expect((await currentPlan(gym.wix, clock)).key).toBe('grow');
    expect((await currentPlan(gym.wix, clock)).key).toBe('grow');
    // session-b had to read once to learn its instance; session-a's second call was answered from the cache.
    expect(gym.reads.count).toBe(2);
    // A plan event for the instance reaches every session of it.
    forgetPlan('instance-gym');
    await currentPlan(gym.wix, clock);
    expect(gym.reads.count).toBe(3);
  });

  it('a backend that names sessions but cannot name this one reads afresh rather than guess a site', async () => {
    const gym = site('instance-gym', 'grow', []);
    await currentPlan(gym.wix, clock);
    await currentPlan(gym.wix, clock);
    expect(gym.reads.count).toBe(2);
  });

  it('naming the session is no Wix call: the call budget counts only the app instance read', async () => {
    const gym = site('instance-budget', 'grow', ['budget-token']);
    const wix = withRetries(gym.wix);
    const before = wix.callBudget!().used;
    await currentPlan(wix, clock);
    await currentPlan(wix, clock);
    expect(wix.callBudget!().used - before).toBe(1);
  });
});
