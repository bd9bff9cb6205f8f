import type { pools } from '@wix/benefit-programs';
import { z } from 'zod';
import { addMonths, monthEndsBetween } from './calendar.ts';
import { parseInput } from './errors.ts';
import { externalProgramId } from './ids.ts';
import { memberId } from './inputs.ts';
import { FREE_PLACES_COST, freePlaces } from './places.ts';
import { MAX_SETTLE_READS, poolState, settled } from './pool-state.ts';
import { findProgramDefinition, rulesOf } from './program.ts';
import { siteCached } from './site-cache.ts';
import { backgroundShouldYield, isNotFound, NAMESPACE, type WixApis, wixErrorCode } from './wix.ts';

type Pool = pools.Pool;

/** The answer when the owner has not set up the program yet. */
export const NOT_SET_UP = { status: 'NOT_SET_UP' } as const;

/**
 * The program definition members join, once the owner's setup has made its pool definition too. Setup creates the
 * program definition first and links the pool definition to it after: a member provisioned in between would get a
 * program with no pool, for good (found by the devsite's scenario under load: a member-created event arriving while
 * the owner saved). Until then members wait outside, and "bring existing members in" takes them in.
 */
export function programDefinitionId(wix: WixApis): Promise<string | undefined> {
  // Kept per site a short while once set up (`site-cache.ts`): setup changes the definitions in place, never their ids.
  return siteCached(
    wix,
    'program-definition-id',
    async () => {
      const definition = await findProgramDefinition(wix);
      if (!definition?._id) return undefined;
      const { poolDefinitions = [] } = await wix.poolDefinitions.findPoolDefinitionsByProgramDefinition(
        definition._id,
        { namespace: NAMESPACE },
      );
      return poolDefinitions.length > 0 ? definition._id : undefined;
    },
    { keep: (id) => id !== undefined },
  );
}

/**
 * Room in the program for new members, as the owner's plan allows (`plan-gates.ts` makes it): `take` lets one new member
 * in (false: the plan is full), near the limit by taking one of its last places (`places.ts`); `giveBack` returns the
 * room when the member turned out to be in already.
 */
export interface Admission {
  /** Whether new members take a place now: a member in already is then looked up first, so as to take none. */
  placing(): boolean;
  take(memberId: string): Promise<boolean>;
  giveBack(): void;
  /** Why a new member waits outside: the plan's limit and the way to upgrade. */
  full: { allowed: number; message: string; plan: string | null };
}

/**
 * A member joined (sample flow step 4): provisions their program. A repeated or concurrent event for the same member
 * yields the same single program: Wix refuses a second program with the same external id (`PROGRAM_ALREADY_EXISTS`, or
 * `IN_PROGRESS` while the first is being provisioned), and the flow then answers the one that exists. With `admit`
 * (the plan's room), a new member beyond the plan waits outside (`PLAN_FULL`); a member already in stays in.
 */
export async function memberJoined(
  wix: WixApis,
  input: { memberId: string },
  admit?: () => Promise<Admission | undefined>,
) {
  const { memberId: member } = parseInput(z.object({ memberId }), input);
  const definitionId = await programDefinitionId(wix);
  if (!definitionId) return NOT_SET_UP;
  const externalId = externalProgramId(definitionId, member);
  const existing = async () => {
    const { program } = await wix.programs.getProgramByExternalIdAndNamespace(NAMESPACE, { externalId });
    return { status: 'ALREADY_MEMBER' as const, program: program! };
  };
  const lookUp = () =>
    existing().catch((error) => {
      if (!isNotFound(error)) throw error;
      return undefined;
    });
  const admission = await admit?.();
  // Near the limit a member in already (a repeated event) is found before taking a place it does not need.
  const looked = admission?.placing() === true;
  const found = looked ? await lookUp() : undefined;
  if (found) return found;
  if (admission && !(await admission.take(member))) {
    return (looked ? undefined : await lookUp()) ?? { status: 'PLAN_FULL' as const, ...admission.full };
  }
  try {
    const { program } = await wix.programs.provisionProgram(
      { programDefinitionId: definitionId },
      { beneficiary: { memberId: member }, namespace: NAMESPACE, externalProgramId: externalId },
    );
    return { status: 'PROVISIONED' as const, program: program! };
  } catch (error) {
    // The program exists, or is being provisioned by a concurrent event (a job: IN_PROGRESS).
    if (!['PROGRAM_ALREADY_EXISTS', 'IN_PROGRESS'].includes(wixErrorCode(error) ?? '')) throw error;
    admission?.giveBack();
    return existing();
  }
}

export interface CatchUpResult {
  /** The months whose renewal this call applied (`YYYY-MM`). */
  renewed: string[];
  ended: boolean;
  /** Wix calls it made. */
  calls: number;
  /** False when `maxCalls` stopped it before everything due was applied: call it again. */
  complete: boolean;
}

/** What waiting out one job before the next costs at most: a read of the pool and its waits. */
export const WAIT_COST = 1 + MAX_SETTLE_READS;

/**
 * Applies what is due on a pool's program by `now`: a renewal at the end of every calendar month (site time zone) since
 * the program began, each with its own idempotency key (`<programId>:renewal:<YYYY-MM>`) so it never applies twice, and
 * the end once the membership length has passed. Renewals falling at or after the end are not applied. Needs only the
 * pool: its creation date, renewal count and the rules in its details. With `maxCalls` it stops before a job that could
 * take it past that many Wix calls (`complete: false`); the rest is applied by the next call.
 */
/** Whether the pool's renewals (its job waited out) number at least `count`. */
async function renewedUpTo(wix: WixApis, pool: Pool, count: number, onRead: () => void): Promise<boolean> {
  onRead();
  const now = await settled(wix, await wix.pools.getPool(pool._id!), onRead);
  return (now.renewalCount ?? 0) >= count;
}

export async function catchUpPool(
  wix: WixApis,
  pool: Pool,
  now: Date,
  zone?: string,
  maxCalls = Number.POSITIVE_INFINITY,
): Promise<CatchUpResult> {
  const result: CatchUpResult = { renewed: [], ended: false, calls: 0, complete: true };
  /** Whether a job of `cost` calls (and the wait for the one before it) still fits in `maxCalls`. */
  const fits = (waitFirst: boolean, cost = 1) => {
    const fit = result.calls + (waitFirst ? WAIT_COST : 0) + cost <= maxCalls;
    if (!fit) result.complete = false;
    return fit;
  };
  if (pool.status === 'ENDED' || !pool._createdDate || !pool.programId) return result;
  const timeZone = zone ?? (await wix.siteTimeZone());
  const start = new Date(pool._createdDate);
  const end = addMonths(start, rulesOf(pool).membershipMonths, timeZone);
  const horizon = new Date(Math.min(now.getTime(), end.getTime() - 1));
  const ending = now.getTime() >= end.getTime();
  const dueFrom = (p: Pool) => monthEndsBetween(start, horizon, timeZone).slice(p.renewalCount ?? 0);
  if (dueFrom(pool).length === 0 && !ending) return result;
  // Renewing and ending are jobs Wix runs after answering: one at a time, each waited out before the next starts (the
  // last is left to finish by itself: readers of the pool wait for it, see member-pool.ts).
  const waitForJob = async () => {
    result.calls++;
    return settled(wix, await wix.pools.getPool(pool._id!), () => result.calls++);
  };
  const busy = poolState(pool) === 'UPDATING';
  if (busy && !fits(true)) return result;
  const current = busy ? await waitForJob() : pool;
  const renewals = dueFrom(current);
  for (const [i, monthEnd] of renewals.entries()) {
    if (!fits(i > 0)) return result;
    if (i > 0) await waitForJob();
    try {
      await wix.programs.renewProgram(pool.programId, {
        idempotencyKey: `${pool.programId}:renewal:${monthEnd.month}`,
      });
    } catch (error) {
      // Renewed before under this key? Renew Program declares no code for a key used again (the local platform answers
      // Wix's standard ALREADY_EXISTS): whatever Wix answers, the pool says whether that month was renewed (one read,
      // on this path only).
      if (
        wixErrorCode(error) !== 'ALREADY_EXISTS' &&
        !(await renewedUpTo(wix, pool, (current.renewalCount ?? 0) + i + 1, () => result.calls++))
      ) {
        throw error;
      }
    }
    result.renewed.push(monthEnd.month);
    result.calls++;
  }
  if (ending && !fits(renewals.length > 0, 1 + FREE_PLACES_COST)) return result;
  if (ending && renewals.length > 0) await waitForJob();
  if (ending) {
    // The member's place near the plan's limit, if they took one, is free for a new member: freed first, so a failure
    // between the two leaves the end to ask again (a retry finds the pool not ended) and never a place held for good by
    // an ended member. Until the end, the member still counts as in the program (`placeTaker`).
    const member = pool.beneficiary?.memberId;
    if (member) result.calls += await freePlaces(wix, member);
    try {
      await wix.programs.endProgram(pool.programId);
    } catch (error) {
      // Ended, or being ended, by another call.
      if (wixErrorCode(error) !== 'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED') throw error;
    }
    result.ended = true;
    result.calls++;
  }
  return result;
}

/** Catches up one program by id (see `catchUpPool`). */
export async function catchUp(wix: WixApis, programId: string, now: Date): Promise<CatchUpResult> {
  const id = parseInput(z.string().trim().min(1, 'is required'), programId);
  const { items } = await wix.pools.queryPools().eq('programId', id).eq('namespace', NAMESPACE).find();
  const result: CatchUpResult = { renewed: [], ended: false, calls: 1, complete: true };
  for (const pool of items) {
    const one = await catchUpPool(wix, pool, now);
    result.renewed.push(...one.renewed);
    result.ended ||= one.ended;
    result.calls += one.calls;
  }
  return result;
}

export { sweep } from './sweep.ts';

/** A lazy value asked for at most once. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

type Joined = Awaited<ReturnType<typeof memberJoined>>;

const countOf = (results: Joined[]) => {
  const full = results.find((r) => r.status === 'PLAN_FULL');
  return {
    enrolled: results.filter((r) => r.status === 'PROVISIONED').length,
    alreadyMembers: results.filter((r) => r.status === 'ALREADY_MEMBER').length,
    ...(full ? { waiting: results.filter((r) => r.status === 'PLAN_FULL').length, full: planFull(full) } : {}),
  };
};
const planFull = (r: Joined) => {
  const { allowed, message, plan } = r as Extract<Joined, { status: 'PLAN_FULL' }>;
  return { allowed, message, plan };
};

/** How many members `enrollMembers` provisions at once. */
const ENROLL_AT_ONCE = 5;

interface EnrollmentResult {
  /** Members who got a program now. */
  enrolled: number;
  /** Members who already had one. */
  alreadyMembers: number;
  /** Members left outside because the plan is full (absent when none were), and why with the plan to upgrade to. */
  waiting?: number;
  full?: Admission['full'];
  /** Pass it to the next call; null when every site member has been looked at. */
  next: string | null;
}

/**
 * Brings the site's existing members into the program, a page at a time (the members who join later get theirs from
 * the member-created event). Each member's program is provisioned as `memberJoined` does, so running it again, or
 * alongside the event, never makes a second program. Three sequential rounds a page: the program definition, the page
 * of members, their programs together.
 */
export async function enrollMembers(
  wix: WixApis,
  input: { cursor?: string | null; limit?: number } = {},
  admit?: () => Promise<Admission | undefined>,
): Promise<EnrollmentResult | typeof NOT_SET_UP> {
  const request = parseInput(
    z.object({
      cursor: z
        .string()
        .regex(/^\d{1,7}$/, 'is not a cursor from this flow')
        .nullish(),
      limit: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').default(20),
    }),
    input,
  );
  const definitionId = await programDefinitionId(wix);
  if (!definitionId) return NOT_SET_UP;
  const offset = Number(request.cursor ?? 0);
  const page = await wix.members.queryMembers().skip(offset).limit(request.limit).find();
  // A few members at a time: a page of programs at once would spend the site's call budget in one burst.
  const results: Joined[] = [];
  // The plan's room is counted once for the page and shared by its members.
  const room = admit && once(admit);
  for (let i = 0; i < page.items.length; i += ENROLL_AT_ONCE) {
    // Live traffic first: stop where the site's call budget runs low, and go on from here next time.
    if (backgroundShouldYield(wix)) {
      return { ...countOf(results), next: String(offset + i) };
    }
    const batch = page.items.slice(i, i + ENROLL_AT_ONCE);
    results.push(...(await Promise.all(batch.map((m) => memberJoined(wix, { memberId: m._id! }, room)))));
  }
  return { ...countOf(results), next: page.items.length === request.limit ? String(offset + request.limit) : null };
}
