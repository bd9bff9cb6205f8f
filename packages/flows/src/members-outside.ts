import { NOT_SET_UP, programDefinitionId } from './membership.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

/** Site members looked at per page when counting who is outside the program (Wix's largest query page). */
const COUNT_PAGE = 100;
/** Pages counted at most: a thousand site members, about twenty Wix calls. */
const COUNT_PAGES = 10;

interface OutsideCount {
  /** Site members with no program of this app, among those counted. */
  count: number;
  /** False when the site has more members than were counted (`count` is then "at least"). */
  complete: boolean;
  /** Wix calls it made. */
  calls: number;
}

/**
 * How many of the site's members have no program yet: the ones "bring existing members in" (`enrollMembers`) would
 * take in, for the owner's banner. Two calls a page of a hundred site members (the members; their pools, any status:
 * a member whose program ended is in, as `memberJoined` sees it; a page more of pools when restarted members have more
 * than a hundred), after the two of the program definition; at most ten pages. Never cached: a member joins at any
 * moment.
 */
export async function membersNotInProgram(wix: WixApis): Promise<OutsideCount | typeof NOT_SET_UP> {
  const definitionId = await programDefinitionId(wix);
  if (!definitionId) return NOT_SET_UP;
  const result: OutsideCount = { count: 0, complete: false, calls: 2 };
  for (let page = 0; page < COUNT_PAGES; page++) {
    const { items } = await wix.members
      .queryMembers()
      .skip(page * COUNT_PAGE)
      .limit(COUNT_PAGE)
      .find();
    result.calls++;
    const ids = items.map((m) => m._id!);
    if (ids.length > 0) {
      let pools = await wix.pools
        .queryPools()
        .eq('namespace', NAMESPACE)
        .in('beneficiary.memberId', ids)
        .limit(COUNT_PAGE)
        .find();
      result.calls++;
      const inside = new Set<string>();
      const add = (page: typeof pools) => {
        for (const p of page.items) if (p.beneficiary?.memberId) inside.add(p.beneficiary.memberId);
      };
      add(pools);
      // A member restarted has a pool more: the pools of a page of members may take more than a page.
      while (inside.size < ids.length && pools.hasNext()) {
        pools = await pools.next();
        result.calls++;
        add(pools);
      }
      result.count += ids.filter((id) => !inside.has(id)).length;
    }
    if (items.length < COUNT_PAGE) {
      result.complete = true;
      break;
    }
  }
  return result;
}
