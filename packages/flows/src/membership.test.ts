import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAM_EXTERNAL_ID } from './ids.ts';
import { enrollMembers, memberJoined, NOT_SET_UP } from './membership.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator } from './testing/wix.ts';
import { NAMESPACE } from './wix.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
beforeAll(async () => {
  emu = await startStrictEmulator();
  env = await emulatedWix(emu);
});
afterAll(async () => emu?.close());

describe('a member joining while the owner saves the setup', () => {
  it('waits outside until the pool definition exists, then gets a program with its pool', async () => {
    // Setup has made the program definition and not yet its pool definition.
    await env.wix.programDefinitions.createProgramDefinition({
      namespace: NAMESPACE,
      externalId: PROGRAM_EXTERNAL_ID,
      displayName: 'Rewards',
    });
    expect(await memberJoined(env.wix, { memberId: memberGuid('early') })).toEqual(NOT_SET_UP);
    expect(await enrollMembers(env.wix)).toEqual(NOT_SET_UP);
    expect((await env.wix.programs.queryPrograms().find()).items).toEqual([]);

    const products = await createProducts(emu, [{ name: 'Towel', price: '5' }]);
    await setUpProgram(env.wix, { programName: 'Rewards', tiers: [{ price: 5, productIds: [products.Towel!] }] });
    expect((await memberJoined(env.wix, { memberId: memberGuid('early') })).status).toBe('PROVISIONED');
    const { items } = await env.wix.pools.queryPools().eq('beneficiary.memberId', memberGuid('early')).find();
    expect(items).toHaveLength(1);
  });
});
