import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { memberJoined } from './membership.ts';
import { findProgramDefinition } from './program.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator } from './testing/wix.ts';
import { NAMESPACE } from './wix.ts';

let emu: TestEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** A new site with one product in its store, and the owner's choices for a program of one tier. */
async function newSite() {
  emu = await startStrictEmulator();
  const env = await emulatedWix(emu);
  const products = await createProducts(emu, [{ name: 'Water bottle', price: '12' }]);
  const choices = { programName: 'Rewards', tiers: [{ price: 10, productIds: [products['Water bottle']!] }] };
  return { env, choices };
}

async function poolDefinitions(env: Awaited<ReturnType<typeof emulatedWix>>) {
  const definition = await findProgramDefinition(env.wix);
  const found = await env.wix.poolDefinitions.findPoolDefinitionsByProgramDefinition(definition!._id!, {
    namespace: NAMESPACE,
  });
  return found.poolDefinitions ?? [];
}

describe('saving the program, sent twice at once (a double click, two tabs, a retry sent twice)', () => {
  it('on a new site: both saves answer, one program definition and one pool definition', async () => {
    const { env, choices } = await newSite();
    const [a, b] = await Promise.all([setUpProgram(env.wix, choices), setUpProgram(env.wix, choices)]);
    expect(a.programDefinitionId).toBe(b.programDefinitionId);
    expect(await poolDefinitions(env)).toHaveLength(1);
  });

  it('after a save that stopped midway: one pool definition, and a member joining gets one pool', async () => {
    const { env, choices } = await newSite();
    await emu!.admin('/_emulator/v1/faults', {
      seed: 1,
      rules: [{ method: 'POST', path: '/_api/benefit-programs/v1/pool-definitions', errorRate: 1 }],
    });
    await expect(setUpProgram(env.wix, choices)).rejects.toThrow();
    await emu!.admin('/_emulator/v1/faults', undefined, 'DELETE');
    const [a, b] = await Promise.all([setUpProgram(env.wix, choices), setUpProgram(env.wix, choices)]);
    const left = await poolDefinitions(env);
    expect(left).toHaveLength(1);
    expect([a.poolDefinitionId, b.poolDefinitionId]).toEqual([left[0]!._id, left[0]!._id]);
    const member = memberGuid('zoe');
    await memberJoined(env.wix, { memberId: member });
    expect((await env.wix.pools.queryPools().eq('beneficiary.memberId', member).find()).items).toHaveLength(1);
  });
});
