import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { WordsOf } from '../../shared/words';
import { api, type CheckInAnswer, type MemberRow } from '../shared/api';
import { COMMON_PHRASES } from '../shared/components';
import { isRefusal, toast } from '../shared/feedback';
import { formatsIn } from '../shared/format';
import { useRequestIds } from '../shared/hooks';
import { keys } from '../shared/query';
import { useLocale, useWords } from '../shared/words';
import { patchMember } from './cache';
import { MEMBERS_PHRASES } from './words';

export interface CheckInOutcome {
  tone: 'success' | 'warning' | 'danger';
  text: string;
}

/** What the front desk reads after a check-in, by the visit's answer. */
function outcomeOf(answer: CheckInAnswer, words: WordsOf<typeof MEMBERS_PHRASES>, locale: string): CheckInOutcome {
  switch (answer.status) {
    case 'TOKEN_ISSUED':
      return { tone: 'success', text: words.tokenIssued(formatsIn(locale).number(Number(answer.balance))) };
    case 'ALREADY_COUNTED':
      return { tone: 'warning', text: words.alreadyCounted };
    case 'NOT_IN_PROGRAM':
      return { tone: 'danger', text: words.notInProgram };
    case 'PROGRAM_PAUSED':
      return { tone: 'warning', text: words.programPaused };
    case 'PROGRAM_UPDATING':
      return { tone: 'warning', text: words.programUpdating };
  }
}

interface Visit {
  member: MemberRow;
  /** The submission: the same member's check-in until it has a definite answer. */
  key: string;
  visitId: string;
}

/**
 * Front-desk check-ins, several members at once. Each check-in is a visit with a new `visitId`; when a check-in fails
 * without an answer (the network), trying it again sends the same `visitId`, so the visit still counts once.
 */
export function useCheckIn() {
  const client = useQueryClient();
  const ids = useRequestIds();
  const words = useWords(MEMBERS_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const locale = useLocale();
  const [outcomes, setOutcomes] = useState<Record<string, CheckInOutcome>>({});
  const show = (member: MemberRow, outcome: CheckInOutcome) => {
    setOutcomes((o) => ({ ...o, [member.memberId]: outcome }));
    toast(`${member.name}: ${outcome.text}`, outcome.tone === 'danger' ? 'error' : outcome.tone);
  };

  const visit = useMutation({
    mutationKey: keys.checkIns,
    mutationFn: ({ member, visitId }: Visit) => api.recordVisit({ memberId: member.memberId, visitId }),
    onSuccess: async (answer, { member, key }) => {
      ids.settle(key);
      show(member, outcomeOf(answer, words, locale));
      if (answer.status === 'TOKEN_ISSUED') {
        patchMember(client, member.memberId, { balance: Number(answer.balance) });
        await client.invalidateQueries({ queryKey: keys.ledger(member.memberId) });
      }
    },
    onError: (error, { member, key }) => {
      if (isRefusal(error)) ids.settle(key);
      show(member, { tone: 'danger', text: words.checkInFailed(said.messageOf(error)) });
    },
  });
  // The members whose check-in is on its way.
  const pending = useMutationState({
    filters: { mutationKey: keys.checkIns, status: 'pending' },
    select: (mutation) => (mutation.state.variables as Visit).member.memberId,
  });
  const busy = Object.fromEntries(pending.map((memberId) => [memberId, true]));

  const checkIn = (member: MemberRow) => {
    const key = `visit:${member.memberId}`;
    visit.mutate({ member, key, visitId: ids.idFor(key) });
  };

  return { checkIn, busy, outcomes };
}
