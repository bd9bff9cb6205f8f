import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { members as membersModule } from '@wix/members';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membersNotInProgram } from './members-outside.ts';
import { enrollMembers, memberJoined, NOT_SET_UP } from './membership.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, startStrictEmulator } from './testing/wix.ts';
import type { WixApis } from './wix.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;
beforeAll(async () => {
  emu = await startStrictEmulator();
  env = await emulatedWix(emu);
});
afterAll(async () => emu?.close());

describe('site members not in the program yet (the owner’s banner)', () => {
  it('counts those "bring them in" would take in, in two calls a page, and none once they are in', async () => {
    const owner = await emu.client({ type: 'ADMIN' }, { members: membersModule });
    const ids: string[] = [];
    for (const name of ['ana', 'ben', 'cai', 'dee']) {
      ids.push((await owner.members.createMember({ member: { loginEmail: `${name}@example.com` } }))._id!);
    }
    expect(await membersNotInProgram(env.wix)).toEqual(NOT_SET_UP);

    const products = await createProducts(emu, [{ name: 'Towel', price: '5' }]);
    await setUpProgram(env.wix, { programName: 'Rewards', tiers: [{ price: 5, productIds: [products.Towel!] }] });
    await memberJoined(env.wix, { memberId: ids[0]! });
    const everyone = (await env.wix.members.queryMembers().limit(100).find()).items.length;
    // Two for the program definition, two for the one page of members.
    expect(await membersNotInProgram(env.wix)).toEqual({ count: everyone - 1, complete: true, calls: 4 });

    let cursor: string | null = null;
    do {
      const page = await enrollMembers(env.wix, { cursor });
      if (!('next' in page)) throw new Error('the program is set up');
      cursor = page.next;
    } while (cursor);
    expect(await membersNotInProgram(env.wix)).toMatchObject({ count: 0, complete: true });
    // Their pools take more than one page (members restarted have two; here pages of two): every page is read.
    const pagesOfTwo = {
      ...env.wix,
      pools: { ...env.wix.pools, queryPools: () => limitedTo(2, env.wix.pools.queryPools()) },
    } as WixApis;
    expect(await membersNotInProgram(pagesOfTwo)).toMatchObject({ count: 0, complete: true });
  });
});

/** A query builder whose pages hold at most `most` items, whatever limit is asked. */
function limitedTo<T extends object>(most: number, builder: T): T {
  return new Proxy(builder, {
    get(target, property) {
      const member = Reflect.get(target, property);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        const answer = member.apply(target, property === 'limit' ? [Math.min(Number(args[0]), most)] : args);
        return property === 'find' ? answer : limitedTo(most, answer as object);
      };
    },
  });
}
