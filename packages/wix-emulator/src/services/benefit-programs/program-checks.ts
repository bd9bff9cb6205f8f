import { balances, pools, programs, transactions } from '@wix/benefit-programs';
import { expect } from 'vitest';
import { guidFor, type TestEmulator } from '../../testing/index.ts';
import type { setUpGymProgram } from './gym-fixture.ts';

/** What programs.test.ts and redemptions.test.ts share: a member's program on the gym fixture, and the ledger check. */

const modules = { programs, pools, balances, transactions };
type Gym = Awaited<ReturnType<typeof setUpGymProgram>>;

/** Provisions a program for `memberId` and answers it with its one pool. */
export async function provision(emu: TestEmulator, gym: Gym, memberId: string) {
  const app = await emu.client({ type: 'APP' }, modules);
  const { program } = await app.programs.provisionProgram(
    { programDefinitionId: gym.programDefinition._id! },
    {
      beneficiary: { memberId },
      namespace: gym.namespace,
      externalProgramId: guidFor(`${gym.programDefinition._id}_${memberId}`),
    },
  );
  const found = await app.pools.queryPools().eq('programId', program!._id).find();
  expect(found.items).toHaveLength(1);
  return { app, program: program!, pool: found.items[0]! };
}

/** The ledger invariant: a balance equals the signed sum of its pool's transactions. */
export async function expectLedgerBalanced(emu: TestEmulator, poolId: string) {
  const app = await emu.client({ type: 'APP' }, modules);
  const balance = await app.balances.getBalance(poolId);
  let sum = 0;
  let page = await app.transactions.queryTransactions().eq('pool.id', poolId).limit(100).find();
  for (;;) {
    for (const t of page.items) sum += (t.target === 'AVAILABLE' ? 1 : -1) * Number(t.amount);
    if (!page.hasNext()) break;
    page = await page.next();
  }
  expect(Number(balance.amount!.available)).toBe(sum);
  return Number(balance.amount!.available);
}
