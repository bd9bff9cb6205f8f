import type { pools } from '@wix/benefit-programs';
import { z } from 'zod';
import { addMonths, monthEndsBetween } from './calendar.ts';
import { parseInput } from './errors.ts';
import { externalProgramId } from './ids.ts';
import { memberId } from './inputs.ts';
import { findProgramDefinition, rulesOf } from './program.ts';
import { type Clock, NAMESPACE, type WixApis, wixErrorCode } from './wix.ts';

type Pool = pools.Pool;

/** The answer when the owner has not set up the program yet. */
export const NOT_SET_UP = { status: 'NOT_SET_UP' } as const;

async function programDefinitionId(wix: WixApis): Promise<string | undefined> {
  return (await findProgramDefinition(wix))?._id ?? undefined;
}

/**
 * A member joined (sample flow step 4): provisions their program. A repeated or concurrent event for the same member
 * yields the same single program: Wix refuses a second program with the same external id, and the flow then answers the
 * one that exists.
 */
export async function memberJoined(wix: WixApis, input: { memberId: string }) {
  const { memberId: member } = parseInput(z.object({ memberId }), input);
  const definitionId = await programDefinitionId(wix);
  if (!definitionId) return NOT_SET_UP;
  const externalId = externalProgramId(definitionId, member);
  try {
    const { program } = await wix.programs.provisionProgram(
      { programDefinitionId: definitionId },
      { beneficiary: { memberId: member }, namespace: NAMESPACE, externalProgramId: externalId },
    );
    return { status: 'PROVISIONED' as const, program: program! };
  } catch (error) {
    if (wixErrorCode(error) !== 'PROGRAM_ALREADY_EXISTS') throw error;
    const { program } = await wix.programs.getProgramByExternalIdAndNamespace(NAMESPACE, { externalId });
    return { status: 'ALREADY_MEMBER' as const, program: program! };
  }
}

export interface CatchUpResult {
  /** The months whose renewal this call applied (`YYYY-MM`). */
  renewed: string[];
  ended: boolean;
  /** Wix calls it made. */
  calls: number;
}

/**
 * Applies what is due on a pool's program by `now`: a renewal at the end of every calendar month (site time zone) since
 * the program began, each with its own idempotency key (`<programId>:renewal:<YYYY-MM>`) so it never applies twice, and
 * the end once the membership length has passed. Renewals falling at or after the end are not applied. Needs only the
 * pool: its creation date, renewal count and the rules in its details.
 */
export async function catchUpPool(wix: WixApis, pool: Pool, now: Date, zone?: string): Promise<CatchUpResult> {
  const result: CatchUpResult = { renewed: [], ended: false, calls: 0 };
  if (pool.status === 'ENDED' || !pool._createdDate || !pool.programId) return result;
  const timeZone = zone ?? (await wix.siteTimeZone());
  const start = new Date(pool._createdDate);
  const end = addMonths(start, rulesOf(pool).membershipMonths, timeZone);
  const horizon = new Date(Math.min(now.getTime(), end.getTime() - 1));
  const due = monthEndsBetween(start, horizon, timeZone);
  for (const monthEnd of due.slice(pool.renewalCount ?? 0)) {
    await wix.programs.renewProgram(pool.programId, { idempotencyKey: `${pool.programId}:renewal:${monthEnd.month}` });
    result.renewed.push(monthEnd.month);
    result.calls++;
  }
  if (now.getTime() >= end.getTime()) {
    await wix.programs.endProgram(pool.programId);
    result.ended = true;
    result.calls++;
  }
  return result;
}

/** Catches up one program by id (see `catchUpPool`). */
export async function catchUp(wix: WixApis, programId: string, now: Date): Promise<CatchUpResult> {
  const id = parseInput(z.string().trim().min(1, 'is required'), programId);
  const { items } = await wix.pools.queryPools().eq('programId', id).eq('namespace', NAMESPACE).find();
  const result: CatchUpResult = { renewed: [], ended: false, calls: 1 };
  for (const pool of items) {
    const one = await catchUpPool(wix, pool, now);
    result.renewed.push(...one.renewed);
    result.ended ||= one.ended;
    result.calls += one.calls;
  }
  return result;
}

export interface SweepResult {
  /** Pass it to the next sweep call; null when every active program has been looked at. */
  next: string | null;
  programs: number;
  renewed: number;
  ended: number;
  calls: number;
}

/**
 * Catches up every active program, a chunk at a time: a call stops before it would make more than `budget` Wix calls
 * (a Wix backend invocation should stay near 20) and answers the cursor to resume from. The cursor is the last pool id
 * handled, so programs that end along the way do not shift the rest.
 */
export async function sweep(
  wix: WixApis,
  clock: Clock,
  cursor: string | null = null,
  budget = 20,
): Promise<SweepResult> {
  const now = clock();
  const zone = await wix.siteTimeZone();
  const result: SweepResult = { next: cursor, programs: 0, renewed: 0, ended: 0, calls: 1 };
  const pageSize = Math.max(1, Math.min(50, budget - 1));
  let query = wix.pools.queryPools().eq('namespace', NAMESPACE).eq('status', 'ACTIVE').ascending('_id').limit(pageSize);
  if (cursor) query = query.gt('_id', cursor);
  const { items } = await query.find();
  for (const pool of items) {
    const months = monthEndsBetween(new Date(pool._createdDate!), now, zone).length - (pool.renewalCount ?? 0);
    const cost = Math.max(0, months) + 1;
    if (result.programs > 0 && result.calls + cost > budget) return result;
    const one = await catchUpPool(wix, pool, now, zone);
    result.calls += one.calls;
    result.renewed += one.renewed.length;
    result.ended += one.ended ? 1 : 0;
    result.programs++;
    result.next = pool._id!;
  }
  if (items.length < pageSize) result.next = null;
  return result;
}

/** How many members `enrollMembers` provisions at once. */
const ENROLL_AT_ONCE = 5;

export interface EnrollmentResult {
  /** Members who got a program now. */
  enrolled: number;
  /** Members who already had one. */
  alreadyMembers: number;
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
  const results: Array<Awaited<ReturnType<typeof memberJoined>>> = [];
  for (let i = 0; i < page.items.length; i += ENROLL_AT_ONCE) {
    const batch = page.items.slice(i, i + ENROLL_AT_ONCE);
    results.push(...(await Promise.all(batch.map((m) => memberJoined(wix, { memberId: m._id! })))));
  }
  return {
    enrolled: results.filter((r) => r.status === 'PROVISIONED').length,
    alreadyMembers: results.filter((r) => r.status === 'ALREADY_MEMBER').length,
    next: page.items.length === request.limit ? String(offset + request.limit) : null,
  };
}
