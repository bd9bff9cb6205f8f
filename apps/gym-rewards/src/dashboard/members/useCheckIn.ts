import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type CheckInAnswer, type MemberRow } from '../shared/api';
import { isRefusal, messageOf, toast } from '../shared/feedback';
import { formatNumber } from '../shared/format';
import { useRequestIds } from '../shared/hooks';
import { keys } from '../shared/query';
import { patchMember } from './cache';

export interface CheckInOutcome {
  tone: 'success' | 'warning' | 'danger';
  text: string;
}

export function outcomeOf(answer: CheckInAnswer): CheckInOutcome {
  switch (answer.status) {
    case 'TOKEN_ISSUED':
      return { tone: 'success', text: `Token issued · balance ${formatNumber(answer.balance)}` };
    case 'ALREADY_COUNTED':
      return { tone: 'warning', text: 'Already counted today' };
    case 'NOT_IN_PROGRAM':
      return { tone: 'danger', text: 'Not in the program' };
    case 'PROGRAM_PAUSED':
      return { tone: 'warning', text: 'Program paused' };
    case 'PROGRAM_UPDATING':
      return { tone: 'warning', text: 'Program being updated: check in again in a moment' };
  }
}

/**
 * Front-desk check-ins. Each check-in is a visit with a new `visitId`; when a check-in fails without an answer (the
 * network), trying it again sends the same `visitId`, so the visit still counts once.
 */
export function useCheckIn() {
  const client = useQueryClient();
  const ids = useRequestIds();
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [outcomes, setOutcomes] = useState<Record<string, CheckInOutcome>>({});

  const checkIn = async (member: MemberRow) => {
    const key = `visit:${member.memberId}`;
    const visitId = ids.idFor(key);
    setBusy((b) => ({ ...b, [member.memberId]: true }));
    try {
      const answer = await api.recordVisit({ memberId: member.memberId, visitId });
      ids.settle(key);
      const outcome = outcomeOf(answer);
      setOutcomes((o) => ({ ...o, [member.memberId]: outcome }));
      toast(`${member.name}: ${outcome.text}`, outcome.tone === 'danger' ? 'error' : outcome.tone);
      if (answer.status === 'TOKEN_ISSUED') {
        patchMember(client, member.memberId, { balance: Number(answer.balance) });
        await client.invalidateQueries({ queryKey: keys.ledger(member.memberId) });
      }
    } catch (error) {
      if (isRefusal(error)) ids.settle(key);
      const outcome: CheckInOutcome = { tone: 'danger', text: `Check-in failed: ${messageOf(error)}` };
      setOutcomes((o) => ({ ...o, [member.memberId]: outcome }));
      toast(`${member.name}: ${outcome.text}`, 'error');
    } finally {
      setBusy((b) => ({ ...b, [member.memberId]: false }));
    }
  };

  return { checkIn, busy, outcomes };
}
