import { z } from 'zod';
import { parseInput } from './errors.ts';
import { stableId } from './ids.ts';
import { memberId, requestId } from './inputs.ts';
import { currentPool, poolState } from './member-pool.ts';
import { settled } from './pool-state.ts';
import { type Clock, type WixApis, wixErrorCode } from './wix.ts';

/**
 * What pausing or resuming a member answers: the member's program as it now is (`PAUSED` or `ACTIVE`), or why
 * nothing changed: no program, an ended one (its months are over), or Wix still busy with a job on it (try again).
 */
export type LifecycleResult =
  | { status: 'PAUSED' | 'ACTIVE' }
  | { status: 'NOT_IN_PROGRAM' }
  | { status: 'PROGRAM_ENDED' }
  | { status: 'PROGRAM_UPDATING' };

const lifecycleInput = z.object({ memberId, requestId });

/**
 * Pauses a member (an injury, a long trip): while paused they earn no token for a visit and redeem nothing (Wix's
 * Pause Program: "benefits can't be redeemed until the program is resumed"); tokens they hold stay theirs. The months
 * go on: renewals still arrive and the membership still ends on its date. Pausing a paused member changes nothing;
 * `requestId` makes a retry the same request (Wix's idempotency key).
 */
export function pauseMember(
  wix: WixApis,
  clock: Clock,
  input: { memberId: string; requestId: string },
): Promise<LifecycleResult> {
  return moveMember(wix, clock, input, 'PAUSED');
}

/** Resumes a paused member: they earn and redeem again. Resuming an active member changes nothing. */
export function resumeMember(
  wix: WixApis,
  clock: Clock,
  input: { memberId: string; requestId: string },
): Promise<LifecycleResult> {
  return moveMember(wix, clock, input, 'ACTIVE');
}

async function moveMember(
  wix: WixApis,
  clock: Clock,
  input: { memberId: string; requestId: string },
  to: 'PAUSED' | 'ACTIVE',
): Promise<LifecycleResult> {
  const request = parseInput(lifecycleInput, input);
  // Caught up first: a membership whose months are over ends now rather than being paused.
  const { pool } = await currentPool(wix, request.memberId, clock());
  const state = poolState(pool);
  if (!pool?.programId || state === 'NONE') return { status: 'NOT_IN_PROGRAM' };
  if (state === 'ENDED') return { status: 'PROGRAM_ENDED' };
  if (state === 'UPDATING') return { status: 'PROGRAM_UPDATING' };
  if (state === to) return { status: to };
  // Wix's key is at most 64 characters: the request id's stable id (36), under the move's name.
  const idempotencyKey = stableId(`${to === 'PAUSED' ? 'pause' : 'resume'}:${request.requestId}`);
  try {
    if (to === 'PAUSED') await wix.programs.pauseProgram(pool.programId, { idempotencyKey });
    else await wix.programs.resumeProgram(pool.programId, { idempotencyKey });
  } catch (error) {
    // Done before under this key (a retry), the program moved meanwhile (another request), or a job of Wix's on it
    // (IN_PROGRESS, e.g. the other request's pause): where it stands once that is over is the answer.
    const code = wixErrorCode(error) ?? '';
    if (!['ALREADY_EXECUTED', 'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED', 'IN_PROGRESS'].includes(code)) throw error;
  }
  // Pausing and resuming are jobs Wix runs after answering: the answer waits it out (a few short reads at most).
  const after = poolState(await settled(wix, await wix.pools.getPool(pool._id!)));
  if (after === 'ENDED') return { status: 'PROGRAM_ENDED' };
  if (after === 'PAUSED' || after === 'ACTIVE') return { status: after };
  return { status: 'PROGRAM_UPDATING' };
}
