import { type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../http/router.ts';
import type { Doc } from '../../storage/columns.ts';
import { dataItems } from './tables.ts';

/**
 * Strict mode (d): Wix Data reads may not see the most recent writes unless `consistentRead` is set ("Wix Data and
 * eventual consistency"). A write sets its row's `visible_at` to its wall-clock time plus `dataLagMs` (as set when it is
 * written) and keeps in `previous` the version a lagging read saw just before it (null when there was no item); a
 * removal in strict mode leaves a tombstone (`removed`), so the removed item is still seen while its removal lags. A read
 * without `consistentRead` answers `previous` until `visible_at`, then the latest version. Writes always act on the
 * latest. Outside strict mode every read sees the latest.
 */

/** Which version of each item a read sees: the latest (`at` null), or, for a lagging read at `at`, what had settled by then. */
export interface ReadView {
  at: Date | null;
}

const LATEST: ReadView = { at: null };

/** The SDK sends `consistentRead: true` in JSON bodies and in `?.r=`; a plain query parameter arrives as a string. */
const isConsistentRead = (value: unknown) => value === true || value === 'true';

/**
 * The view of a read: in strict mode without `consistentRead`, a lagging read at the wall-clock now; `pinned` (a
 * cursor's) keeps the view of a query's first page for its next pages.
 */
export function readView(ctx: Ctx, consistentRead: unknown, pinned?: ReadView): ReadView {
  if (!ctx.settings.strict || isConsistentRead(consistentRead)) return LATEST;
  return pinned ?? { at: new Date() };
}

/** How a write records itself: when lagging reads start to see it, and whether a removal keeps a tombstone. */
export interface WriteLag {
  at: Date;
  visibleAt: Date;
  tombstones: boolean;
}

export function writeLag(ctx: Ctx): WriteLag {
  const at = new Date();
  return { at, visibleAt: new Date(at.getTime() + ctx.settings.dataLagMs), tombstones: ctx.settings.strict };
}

const timestamp = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** The version of a row a view sees: the document and its queryable form, and whether it sees an item at all. */
export function visibleVersion(view: ReadView): { item: SQL<Doc | null>; queryable: SQL; exists: SQL } {
  if (view.at === null) {
    return {
      item: sql<Doc | null>`${dataItems.item}`,
      queryable: sql`(${dataItems.queryable})`,
      exists: sql`(not ${dataItems.removed})`,
    };
  }
  return versionSeenAt(timestamp(view.at));
}

/** The version a lagging read at `at` (a `timestamptz`) sees. */
function versionSeenAt(at: SQL): { item: SQL<Doc | null>; queryable: SQL; exists: SQL } {
  const lagging = sql`(${dataItems.visibleAt} is not null and ${dataItems.visibleAt} > ${at})`;
  const latest = (column: SQL) => sql`(case when ${dataItems.removed} then null else ${column} end)`;
  return {
    item: sql<Doc | null>`(case when ${lagging} then ${dataItems.previous} else ${latest(sql`${dataItems.item}`)} end)`,
    queryable: sql`(case when ${lagging} then ${dataItems.previousQueryable} else ${latest(sql`${dataItems.queryable}`)} end)`,
    exists: sql`(case when ${lagging} then ${dataItems.previous} is not null else not ${dataItems.removed} end)`,
  };
}

/**
 * The lag columns a write sets on an existing row: `previous` becomes what lagging reads see at the write's time, so no
 * read sees a version before its `dataLagMs` have passed, nor goes back to an older version. (Several writes within
 * `dataLagMs` therefore keep the version before the first of them until `dataLagMs` after the last.)
 */
export function lagColumnsOnWrite(lag: WriteLag) {
  return lagColumnsAt(timestamp(lag.at), lag.visibleAt);
}

/**
 * The same columns for a statement built once (`builtOnce`): the write's instants are its placeholders `lagAt` (ISO
 * text) and `visibleAt` (a `Date`), whose values `lagValues` gives.
 */
export const lagColumnsPlaceholders = () =>
  lagColumnsAt(sql`${sql.placeholder('lagAt')}::timestamptz`, sql.placeholder('visibleAt'));

export const lagValues = (lag: WriteLag) => ({ lagAt: lag.at.toISOString(), visibleAt: lag.visibleAt });

function lagColumnsAt(at: SQL, visibleAt: unknown) {
  const seen = versionSeenAt(at);
  return { visibleAt: visibleAt as Date, previous: seen.item, previousQueryable: seen.queryable };
}
