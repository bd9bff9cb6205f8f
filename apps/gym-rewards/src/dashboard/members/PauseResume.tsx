import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TextButton } from '@wix/design-system';
import React from 'react';
import { api, type LifecycleAnswer, type MemberRow } from '../shared/api';
import { isRefusal, messageOf, toast } from '../shared/feedback';
import { useRequestIds } from '../shared/hooks';
import { useWords, type WordsOf } from '../shared/words';
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

/**
 * Pause (an injury, a long trip) or resume a member's membership, next to its status. The months go on while paused:
 * monthly tokens still arrive and the membership still ends on its date. A retry after a lost answer sends the same
 * request id (the backend counts it once).
 */
export function PauseResume({ member }: { member: MemberRow }) {
  const client = useQueryClient();
  const ids = useRequestIds();
  const words = useWords(MEMBERS_PHRASES);
  const to = member.status === 'ACTIVE' ? 'pause' : member.status === 'PAUSED' ? 'resume' : null;
  const key = `${member.memberId}:${to}`;
  const move = useMutation({
    mutationFn: (request: { memberId: string; requestId: string }) =>
      to === 'pause' ? api.pauseMember(request) : api.resumeMember(request),
    onSuccess: (answer) => {
      ids.settle(key);
      const outcome = lifecycleOutcome(answer, words);
      if (answer.status === 'PAUSED' || answer.status === 'ACTIVE') patchMember(client, member.memberId, answer);
      if (answer.status === 'PROGRAM_ENDED') patchMember(client, member.memberId, { status: 'ENDED' });
      toast(`${member.name}: ${outcome.text}`, outcome.ok ? 'success' : 'warning');
    },
    onError: (error) => {
      if (isRefusal(error)) ids.settle(key);
      toast(`${member.name}: ${words.notChanged(messageOf(error))}`, 'error');
    },
  });
  if (!to) return null;
  return (
    <TextButton
      dataHook={`member-${to}`}
      size="small"
      disabled={move.isPending}
      ariaLabel={to === 'pause' ? words.pauseLabel(member.name) : words.resumeLabel(member.name)}
      onClick={() => move.mutate({ memberId: member.memberId, requestId: ids.idFor(key) })}
    >
      {to === 'pause' ? words.pause : words.resume}
    </TextButton>
  );
}
