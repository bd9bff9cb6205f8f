import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAM_EXTERNAL_ID } from './ids.ts';
import { catchUpPool, enrollMembers, memberJoined, NOT_SET_UP } from './membership.ts';
import { settled } from './pool-state.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, startStrictEmulator } from './testing/wix.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

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

describe("a month's renewal asked again, whatever Wix answers for its key used again", () => {
  it('reads as done when the pool says that month was renewed (Renew Program declares no code for it)', async () => {
    const memberId = memberGuid('early');
    const [read] = (await env.wix.pools.queryPools().eq('beneficiary.memberId', memberId).find()).items;
    const pool = await settled(env.wix, read!);
    const monthOn = new Date(new Date(pool!._createdDate!).getTime() + 40 * 86_400_000);
    const first = await catchUpPool(env.wix, pool!, monthOn);
    expect(first.renewed).toHaveLength(1);
    // The same month again from the pool as read before (a retry): Wix refuses the key with a code of its choosing.
    const refusing = {
      ...env.wix,
      programs: {
        ...env.wix.programs,
        renewProgram: async () => {
          throw Object.assign(new Error('key used'), { details: { applicationError: { code: 'ALREADY_EXECUTED' } } });
        },
      },
    } as WixApis;
    expect((await catchUpPool(refusing, pool!, monthOn)).renewed).toEqual(first.renewed);
    // A refusal when that month was not renewed is not taken for done.
    const later = new Date(monthOn.getTime() + 31 * 86_400_000);
    const renewedOnce = (await env.wix.pools.getPool(pool!._id!)) as typeof pool;
    await expect(catchUpPool(refusing, renewedOnce!, later)).rejects.toThrow('key used');
  });
});
