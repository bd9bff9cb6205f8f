import { createToken } from '@gym-rewards/wix-emulator/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD, JSON_TYPE, REWARDS, startTestDevsite, type TestDevsite } from './testing/devsite-fixture.ts';

/**
 * Issue 13, "under faults", through the app's own doors: the door endpoint and the web methods, served by the devsite on
 * the strict platform while the platform fails a fifth of the app's Wix calls (500/503 and 429 not served, and "commit
 * then drop": served, committed, answered 503 or a reset connection). The callers retry as Wix's callers do — the door
 * system sends the same visit again, the owner's page the same adjustment (same request id), the widget the same
 * redemption (same request id) — until answered. Then, with the faults off: every member's balance is exactly what the
 * answers said (welcome tokens + tokens issued + adjustments − prices redeemed), each redemption has one pickup, and each
 * request sent once more answers as it did.
 */
const MEMBERS = 3;
const ROUNDS = 6;
/** One fault plan for every run: the same seed and request order replay the same faults. */
const FAULTS = {
  seed: Number(process.env.FAULT_SEED ?? 13),
  rules: [
    // Who is calling a web method is Wix's to say, not a call of the app's: the devsite asks the platform unfaulted.
    { path: '/oauth2/**', errorRate: 0 },
    { path: '/**', errorRate: 0.08, rateLimitRate: 0.04, dropRate: 0.08, dropAs: 'either' },
  ],
};

let fx: TestDevsite;
beforeAll(async () => {
  fx = await startTestDevsite();
}, 120_000);
afterAll(() => fx?.devsite.close());

/** Sends until answered (not a 5xx, not a 429, not a reset connection); the answer and how many tries it took. */
async function untilAnswered<T extends { status: number }>(send: () => Promise<T>): Promise<T & { tries: number }> {
  for (let tries = 1; tries <= 40; tries++) {
    const answer = await send().catch(() => null);
    if (answer && answer.status < 500 && answer.status !== 429) return { ...answer, tries };
  }
  throw new Error('no answer in 40 tries');
}

describe('through the devsite under injected faults (issue 13)', () => {
  it('visits, adjustments and redemptions retried by their callers: balances exact, one pickup a redemption, replays answer the same', async () => {
    const call = (file: string, method: string, token: string, args: unknown[]) =>
      untilAnswered(() => fx.call(file, method, token, JSON.stringify(args)));
    const owner = fx.owner;
    const { products } = (await call(DASHBOARD, 'storeProducts', owner, [{}])).body.result as {
      products: Array<{ productId: string }>;
    };
    const reward = products[0]!.productId;
    const program = {
      programName: 'Harbor',
      initialTokens: 2,
      visitsPerDay: 1,
      tiers: [{ price: 1, productIds: [reward] }],
    };
    expect((await call(DASHBOARD, 'setUpProgram', owner, [program])).status).toBe(200);
    const { members } = (await (await fetch(`${fx.devsite.url}/_devsite/api/members`)).json()) as {
      members: Array<{ id: string }>;
    };
    const people = members.slice(0, MEMBERS).map((m) => m.id);
    expect(people.length).toBe(MEMBERS);
    for (let page: string | null = null, first = true; first || page; first = false) {
      page = (await call(DASHBOARD, 'enrollMembers', owner, [{ cursor: page }])).body.result.next;
    }
    const tokens = await Promise.all(
      people.map((memberId) => createToken(fx.devsite.emulatorUrl, { type: 'MEMBER', memberId })),
    );
    const balanceOf = async (i: number) =>
      Number((await call(REWARDS, 'redeemableBenefits', tokens[i]!, [])).body.result.balance);
    const expected = await Promise.all(people.map((_, i) => balanceOf(i)));

    expect(
      (
        await fetch(`${fx.devsite.emulatorUrl}/_emulator/v1/faults`, {
          method: 'POST',
          headers: JSON_TYPE,
          body: JSON.stringify(FAULTS),
        })
      ).status,
    ).toBe(200);
    const replays: Array<{ what: string; again: () => Promise<unknown>; first: unknown }> = [];
    let retried = 0;
    await Promise.all(
      people.map(async (memberId, i) => {
        for (let round = 0; round < ROUNDS; round++) {
          // A visit at the door (one counts a day: the first of the day issues the token).
          const visit = JSON.stringify({ memberId, visitId: `visit-${i}-${round}` });
          const sendVisit = async () => (await fx.signedPost('/api/visits', visit)).send();
          const visited = await untilAnswered(sendVisit);
          expect(visited.status, JSON.stringify(visited.body)).toBe(200);
          if (visited.body.status === 'TOKEN_ISSUED') expected[i]! += 1;
          replays.push({ what: `visit ${i}/${round}`, again: sendVisit, first: visited.body });
          // The owner adds a token, with the request id the page keeps for the adjustment.
          const adjustment = [{ memberId, amount: 1, reason: 'under faults', requestId: `adjust-${i}-${round}` }];
          const adjusted = await call(DASHBOARD, 'adjustTokens', owner, adjustment);
          expect(adjusted.body.result.status).toBe('ADJUSTED');
          expected[i]! += 1;
          // The member redeems the one-token reward every other round.
          if (round % 2 === 1) {
            const redemption = [{ productId: reward, requestId: `redeem-${i}-${round}` }];
            const redeemed = await call(REWARDS, 'redeem', tokens[i]!, redemption);
            expect(redeemed.body.result.status, JSON.stringify(redeemed.body)).toBe('REDEEMED');
            expected[i]! -= 1;
            replays.push({
              what: `redeem ${i}/${round}`,
              again: () => fx.call(REWARDS, 'redeem', tokens[i]!, JSON.stringify(redemption)),
              first: redeemed.body.result,
            });
            retried += redeemed.tries - 1;
          }
          retried += visited.tries - 1 + adjusted.tries - 1;
        }
      }),
    );
    const { counts } = (await (await fetch(`${fx.devsite.emulatorUrl}/_emulator/v1/faults`)).json()) as {
      counts: Record<string, number>;
    };
    expect((await fetch(`${fx.devsite.emulatorUrl}/_emulator/v1/faults`, { method: 'DELETE' })).status).toBe(200);

    // The faults were there, and some reached the callers (the app retries what is safe itself; how many get through
    // depends on the order the members' requests interleave in).
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(10);
    expect(retried).toBeGreaterThan(0);
    for (let i = 0; i < MEMBERS; i++) expect(await balanceOf(i), `member ${i}`).toBe(expected[i]);
    for (const replay of replays) {
      const answer = (await replay.again()) as { status: number; body: any };
      expect(answer.status, replay.what).toBe(200);
      const body = 'result' in (answer.body ?? {}) ? answer.body.result : answer.body;
      expect(body, replay.what).toEqual(replay.first);
    }
    // One pickup a redemption: the front desk sees exactly the redemptions made.
    const waiting = (await call(DASHBOARD, 'pickupsToHandOver', owner, [])).body.result as { total: number };
    expect(waiting.total).toBe(MEMBERS * Math.floor(ROUNDS / 2));
    for (let i = 0; i < MEMBERS; i++) expect(await balanceOf(i), `member ${i} after the replays`).toBe(expected[i]);
  }, 300_000);
});
