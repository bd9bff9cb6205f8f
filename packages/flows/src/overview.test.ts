import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from './membership.ts';
import { monthlyOverview } from './operations.ts';
import { redeem } from './pickups.ts';
import { settled } from './pool-state.ts';
import { setUpProgram } from './setup.ts';
import {
  createProducts,
  emulatedWix,
  joinAndSettle,
  memberGuid,
  startStrictEmulator,
  testClock,
} from './testing/wix.ts';
import { recordVisit } from './visits.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
const time = testClock(() => emu, '2026-06-10T09:00:00.000Z');
const clock = time.clock;
const travel = time.travel;
let towel: string;

beforeAll(async () => {
  emu = await startStrictEmulator();
  await travel(clock().toISOString());
  env = await emulatedWix(emu);
  const products = await createProducts(emu, [{ name: 'Towel', price: '5' }]);
  towel = products.Towel!;
  await setUpProgram(env.wix, {
    programName: 'Rewards',
    initialTokens: 2,
    rollover: { enabled: true, cap: 3 },
    tiers: [{ price: 5, productIds: [products.Towel!] }],
  });
  for (const name of ['ana', 'ben']) await joinAndSettle(env.wix, memberGuid(name));
});
afterAll(async () => emu?.close());

describe("the overview's figures of what the gym owes, what expired and what was redeemed", () => {
  it('counts the tokens members hold clock(), those forfeited over the rollover cap at a renewal, rewards by product', async () => {
    // Ana visits three days: 5 tokens, 2 over the cap of 3; Ben keeps his 2.
    for (const day of ['10', '11', '12']) {
      await travel(`2026-06-${day}T09:00:00.000Z`);
      await recordVisit(env.wix, clock, { memberId: memberGuid('ana'), visitId: `ana-${day}` });
    }
    const june = await monthlyOverview(env.wix, clock, { months: 1 });
    expect(june).toEqual([
      {
        month: '2026-06',
        tokensIssued: 7,
        tokensRedeemed: 0,
        tokensForfeited: 0,
        redemptions: [],
        activeMembers: 2,
        tokensOutstanding: 7,
      },
    ]);

    // The turn of the month: Ana keeps 3 of 5, Ben his 2; each gets the month's 2.
    await travel('2026-07-02T09:00:00.000Z');
    let cursor: string | null = null;
    do cursor = (await sweep(env.wix, clock, cursor)).next;
    while (cursor);
    for (const pool of (await env.wix.pools.queryPools().limit(100).find()).items) await settled(env.wix, pool);
    // Ana spends her 5 on the towel.
    const redeemed = await redeem(env.wix, clock, {
      memberId: memberGuid('ana'),
      productId: towel,
      requestId: 'towel',
    });
    expect(redeemed.status).toBe('REDEEMED');
    const [, july] = await monthlyOverview(env.wix, clock, { months: 2 });
    expect(july).toEqual({
      month: '2026-07',
      tokensIssued: 4,
      tokensRedeemed: 5,
      tokensForfeited: 2,
      redemptions: [{ productId: towel, product: 'Towel', count: 1 }],
      activeMembers: 2,
      tokensOutstanding: 3 + 2 + 2 + 2 - 5,
    });
  });
});
