import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TextButton } from '@wix/design-system';
import React from 'react';
import type { WordsOf } from '../../shared/words';
import { api, type LifecycleAnswer, type MemberRow, type RestartAnswer } from '../shared/api';
import { COMMON_PHRASES } from '../shared/components';
import { isRefusal, toast } from '../shared/feedback';
import { useRequestIds } from '../shared/hooks';
import { keys } from '../shared/query';
import { useWords } from '../shared/words';
import { patchMember } from './cache';
import { MEMBERS_PHRASES } from './words';

/** What a pause or a resume did, for the owner. */
function lifecycleOutcome(
  answer: LifecycleAnswer,
  words: WordsOf<typeof MEMBERS_PHRASES>,
): { ok: boolean; text: string } {
  switch (answer.status) {
    case 'PAUSED':
      return { ok: true, text: words.pausedNow };
    case 'ACTIVE':
      return { ok: true, text: words.resumedNow };
    case 'PROGRAM_ENDED':
      return { ok: false, text: words.cannotPause };
    case 'PROGRAM_UPDATING':
      return { ok: false, text: words.stillUpdating };
    default:
      return { ok: false, text: words.notInRewards };
  }
}

/** What a restart did, for the owner. */
function restartOutcome(answer: RestartAnswer, words: WordsOf<typeof MEMBERS_PHRASES>): { ok: boolean; text: string } {
  switch (answer.status) {
    case 'RESTARTED':
      return { ok: true, text: words.restartedNow };
    case 'ACTIVE':
    case 'PAUSED':
      return { ok: false, text: words.notEnded };
    case 'PLAN_FULL':
      return { ok: false, text: words.planFullRestart(answer.allowed) };
    case 'PROGRAM_UPDATING':
      return { ok: false, text: words.stillUpdating };
    case 'NOT_SET_UP':
      return { ok: false, text: words.notSetUp };
    default:
      return { ok: false, text: words.notInRewards };
  }
}

/**
 * Pause (an injury, a long trip) or resume a member's membership, next to its status; restart one that ended. The months go on while paused:
 * monthly tokens still arrive and the membership still ends on its date. A retry after a lost answer sends the same
 * request id (the backend counts it once).
 */
export function PauseResume({ member }: { member: MemberRow }) {
  const client = useQueryClient();
  const ids = useRequestIds();
  const words = useWords(MEMBERS_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const to =
    member.status === 'ACTIVE'
      ? 'pause'
      : member.status === 'PAUSED'
        ? 'resume'
        : member.status === 'ENDED'
          ? 'restart'
          : null;
  const key = `${member.memberId}:${to}`;
  const move = useMutation({
    mutationFn: async (request: { memberId: string; requestId: string }) =>
      to === 'restart'
        ? { kind: 'restart' as const, restart: await api.restartMember({ memberId: request.memberId }) }
        : {
            kind: 'lifecycle' as const,
            lifecycle: await (to === 'pause' ? api.pauseMember(request) : api.resumeMember(request)),
          },
    onSuccess: async (answer) => {
      ids.settle(key);
      if (answer.kind === 'restart') {
        const outcome = restartOutcome(answer.restart, words);
        toast(`${member.name}: ${outcome.text}`, outcome.ok ? 'success' : 'warning');
        // The new membership is a new row in the list (the ended one leaves it) with a ledger of its own: read again.
        if (answer.restart.status === 'RESTARTED') {
          await Promise.all([
            client.invalidateQueries({ queryKey: keys.allMembers }),
            client.invalidateQueries({ queryKey: keys.ledger(member.memberId) }),
          ]);
        }
        return;
      }
      const moved = answer.lifecycle;
      const outcome = lifecycleOutcome(moved, words);
      if (moved.status === 'PAUSED' || moved.status === 'ACTIVE') patchMember(client, member.memberId, moved);
      if (moved.status === 'PROGRAM_ENDED') patchMember(client, member.memberId, { status: 'ENDED' });
      toast(`${member.name}: ${outcome.text}`, outcome.ok ? 'success' : 'warning');
    },
    onError: (error) => {
      if (isRefusal(error)) ids.settle(key);
      toast(`${member.name}: ${words.notChanged(said.messageOf(error))}`, 'error');
    },
  });
  if (!to) return null;
  return (
    <TextButton
      dataHook={`member-${to}`}
      size="small"
      disabled={move.isPending}
      ariaLabel={
        to === 'pause'
          ? words.pauseLabel(member.name)
          : to === 'resume'
            ? words.resumeLabel(member.name)
            : words.restartLabel(member.name)
      }
      onClick={() => move.mutate({ memberId: member.memberId, requestId: ids.idFor(key) })}
    >
      {to === 'pause' ? words.pause : to === 'resume' ? words.resume : words.restart}
    </TextButton>
  );
}
