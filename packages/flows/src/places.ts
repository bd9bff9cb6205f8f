import { COLLECTIONS } from './collections.ts';
import { placeId } from './ids.ts';
import { isDuplicateItem, type WixApis } from './wix.ts';

/**
 * Places of the plan's member limit, one Wix Data item each (the app's places collection). A member let in near the
 * limit first takes a place: an item whose id is made from the place's number, so taking it is atomic (Wix Data refuses
 * a second item with that id, WDE0074, even while reads still lag) and two members racing for the last place cannot both
 * get it; only then is the member's program provisioned. A crash between the two leaves a place taken and no program
 * (a place lost until the member's join is retried), never a program beyond the limit. The place is freed when the
 * member's program ends (`freePlaces`).
 */
const PLACES = COLLECTIONS.places;

/** A place of the plan, taken by one member. */
export interface PlaceRecord {
  _id: string;
  place: number;
  memberId: string;
}

/** The places taken now (a consistent read, so every place taken before it is seen): one Wix call. */
export async function placesTaken(wix: WixApis): Promise<PlaceRecord[]> {
  const { items } = await wix.data.query(PLACES).limit(MAX_PLACES_READ).find({ consistentRead: true });
  return items as PlaceRecord[];
}

/** Wix Data's largest query page: places are taken only near the limit, far fewer than this are ever taken at once. */
const MAX_PLACES_READ = 1000;

/**
 * Lets new members in near the plan's limit of `allowed`, from what was read: the members in the program (read first),
 * then the places taken (read after: a member counted in who took a place took it before, and is among the holders).
 * `take(member)` answers whether the member may be provisioned: the member holds a place already (a retried or
 * duplicate join), or the members in and the holders of places, with those found taking places since, are fewer than
 * `allowed` and the member took the lowest free place. Members taking places at the same moment try the same lowest
 * places, so they meet on them: each place is taken once, and each one found taken counts one more member.
 */
export function placeTaker(
  wix: WixApis,
  allowed: number,
  inProgram: ReadonlySet<string>,
  taken: PlaceRecord[],
): (memberId: string) => Promise<boolean> {
  const holders = new Map(taken.map((p) => [p.memberId, p.place]));
  const busy = new Set(taken.map((p) => p.place));
  let counted = new Set([...inProgram, ...holders.keys()]).size;
  return async (memberId) => {
    if (holders.has(memberId)) return true;
    if (counted >= allowed) return false;
    // Counted in before taking a place, so that members of this call taking places at once count each other.
    counted++;
    for (;;) {
      let place = 1;
      while (busy.has(place)) place++;
      busy.add(place);
      const record: PlaceRecord = { _id: placeId(place), place, memberId };
      try {
        await wix.data.insert(PLACES, record);
        holders.set(memberId, place);
        return true;
      } catch (error) {
        if (!isDuplicateItem(error)) throw error;
        // Taken since the places were read: by this member (a duplicate join), or by another (one more member in).
        const holder = (await wix.data.get(PLACES, record._id, { consistentRead: true })) as PlaceRecord | null;
        if (holder?.memberId === memberId) return true;
        if (++counted > allowed) {
          counted--;
          return false;
        }
      }
    }
  };
}

/**
 * Frees the places a member holds: their program has ended (`catchUpPool`). Only the app ends its programs, and an
 * ended member never takes a place again (their program is found), so no place taken meanwhile is removed. Answers the
 * Wix calls it made: a query, and a removal when the member held a place.
 */
export async function freePlaces(wix: WixApis, memberId: string): Promise<number> {
  const { items } = await wix.data.query(PLACES).eq('memberId', memberId).find({ consistentRead: true });
  if (items.length === 0) return 1;
  await wix.data.bulkRemove(
    PLACES,
    items.map((item) => item._id!),
  );
  return 2;
}

/** What freeing a member's places costs at most. */
export const FREE_PLACES_COST = 2;
