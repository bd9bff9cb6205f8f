import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { MemberRow, MembersPage } from '../shared/api';
import { formatDate, formatNumber } from '../shared/format';
import { keys } from '../shared/query';

/** Changes a member's row in every loaded member list (all searches), e.g. the balance a check-in answered. */
export function patchMember(client: QueryClient, memberId: string, patch: Partial<MemberRow>): void {
  client.setQueriesData<InfiniteData<MembersPage>>({ queryKey: keys.allMembers }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            members: page.members.map((m) => (m.memberId === memberId ? { ...m, ...patch } : m)),
          })),
        }
      : data,
  );
}

/** Every member any loaded list holds, by id. */
export function knownMembers(client: QueryClient): Map<string, MemberRow> {
  const known = new Map<string, MemberRow>();
  for (const [, data] of client.getQueriesData<InfiniteData<MembersPage>>({ queryKey: keys.allMembers })) {
    for (const page of data?.pages ?? []) for (const member of page.members) known.set(member.memberId, member);
  }
  return known;
}

type StatusSkin = 'success' | 'warning' | 'neutralLight' | 'general';

/** Pool statuses in a person's words; Wix's jobs on the program (joining, renewing, ending) read as under way. */
const STATUS_LABELS: Record<string, { text: string; skin: StatusSkin }> = {
  ACTIVE: { text: 'Active', skin: 'success' },
  PAUSED: { text: 'Paused', skin: 'warning' },
  ENDED: { text: 'Ended', skin: 'neutralLight' },
  PROVISIONING: { text: 'Joining…', skin: 'general' },
  RENEWING: { text: 'Updating…', skin: 'general' },
  PENDING: { text: 'Updating…', skin: 'general' },
};

/** A pool status for a person. */
export function statusLabel(status: string): { text: string; skin: StatusSkin } {
  return STATUS_LABELS[status] ?? { text: status.charAt(0) + status.slice(1).toLowerCase(), skin: 'general' };
}

/**
 * "Months left" as it is: whole months, "Under a month" in the last one, "Ended" once over; with the date it ends
 * (`ends`), so a 0 never reads as "nothing left" while weeks remain.
 */
export function monthsLeftText(member: { status: string; monthsLeft: number; endsAt: string }): {
  text: string;
  ends: string;
} {
  const ends = formatDate(member.endsAt);
  if (member.status === 'ENDED') return { text: 'Ended', ends: `ended ${ends}` };
  return { text: member.monthsLeft === 0 ? 'Under a month' : formatNumber(member.monthsLeft), ends: `ends ${ends}` };
}
