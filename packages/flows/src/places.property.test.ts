import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PlaceRecord, placesTaken, placeTaker } from './places.ts';
import type { WixApis } from './wix.ts';

/**
 * The places near the plan's limit, property-based over interleavings: members join at once, each reading the members
 * in and the places taken at its own moment (or several sharing one read, as "bring existing members in" does), then
 * taking a place and, when let in, being provisioned. fast-check's scheduler orders every Wix call of every member
 * (the programs read, the places read, each insert and read of a place, the provisioning) in any order. Wix Data is
 * modelled as it behaves: an insert of a taken id is refused (WDE0074), consistent reads see every write before them.
 * The members in never exceed the plan's limit; with no place lost (no crash, no repeated join) exactly as many as
 * fit get in. A fixed seed (fast-check prints it with a failure).
 */
const duplicate = () => Object.assign(new Error('WDE0074'), { details: { applicationError: { code: 'WDE0074' } } });

interface World {
  /** Members in the program (their programs provisioned). */
  inProgram: Set<string>;
  places: Map<string, PlaceRecord>;
}

/** Wix Data's item calls over the world, each one a step the scheduler orders. */
function wixOf(world: World, s: fc.Scheduler): WixApis {
  const step = <T>(label: string, act: () => T) => s.schedule(Promise.resolve(label)).then(act);
  const data = {
    insert: (_c: string, item: PlaceRecord) =>
      step(`insert ${item.place} ${item.memberId}`, () => {
        if (world.places.has(item._id)) throw duplicate();
        world.places.set(item._id, { ...item });
        return item;
      }),
    get: (_c: string, id: string) => step(`get ${id}`, () => world.places.get(id) ?? null),
    query: () => ({
      limit: () => ({ find: () => step('query places', () => ({ items: [...world.places.values()] })) }),
    }),
  };
  return { data } as unknown as WixApis;
}

interface Scenario {
  allowed: number;
  inAlready: number;
  joins: Array<{ member: number; read: number }>;
  crashed: number[];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  allowed: fc.integer({ min: 1, max: 8 }),
  inAlready: fc.integer({ min: 0, max: 8 }),
  /** Joins: a member (by number) and the read they share (members of one read join as one call does). */
  joins: fc.array(fc.record({ member: fc.integer({ min: 0, max: 9 }), read: fc.integer({ min: 0, max: 3 }) }), {
    minLength: 1,
    maxLength: 10,
  }),
  /** Places taken by members whose join crashed before provisioning (lost until they join again). */
  crashed: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 2 }),
});

async function run(s: fc.Scheduler, { allowed, inAlready, joins, crashed }: Scenario) {
  const world: World = { inProgram: new Set(), places: new Map() };
  const wix = wixOf(world, s);
  for (let i = 0; i < Math.min(inAlready, allowed); i++) world.inProgram.add(`old-${i}`);
  // Crashed joins: they took a place (by the same rule) and never provisioned.
  for (const member of crashed) {
    const taker = placeTaker(wix, allowed, new Set(world.inProgram), [...world.places.values()]);
    await s.waitFor(taker(`new-${member}`));
  }
  const reads = new Map<number, Promise<(memberId: string) => Promise<boolean>>>();
  const readOnce = (read: number) => {
    if (!reads.has(read)) {
      const members = s.schedule(Promise.resolve('read programs')).then(() => new Set(world.inProgram));
      reads.set(
        read,
        members.then(async (m) => placeTaker(wix, allowed, m, await placesTaken(wix))),
      );
    }
    return reads.get(read)!;
  };
  const joined = Promise.all(
    joins.map(async ({ member, read }) => {
      const memberId = `new-${member}`;
      if (!(await (await readOnce(read))(memberId))) return;
      await s.schedule(Promise.resolve(`provision ${memberId}`));
      world.inProgram.add(memberId);
    }),
  );
  await s.waitFor(joined);
  return world;
}

describe('places near the limit, over any interleaving of the members joining', () => {
  it('never let more members in than the plan allows; with no crash nor repeated join, exactly as many as fit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), scenario, async (s, input) => {
        const world = await run(s, input);
        expect(world.inProgram.size).toBeLessThanOrEqual(input.allowed);
        const members = new Set(input.joins.map((j) => j.member));
        const clean = input.crashed.length === 0 && members.size === input.joins.length;
        if (clean) {
          const fit = Math.min(input.allowed, Math.min(input.inAlready, input.allowed) + members.size);
          expect(world.inProgram.size).toBe(fit);
        }
      }),
      { numRuns: 400, seed: 20261130 },
    );
  });
});
