import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { MemberRow, MembersPage } from '../shared/api';
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

/** A pool status for a person. */
export function statusLabel(status: string): {
  text: string;
  skin: 'success' | 'warning' | 'neutralLight' | 'general';
} {
  switch (status) {
    case 'ACTIVE':
      return { text: 'Active', skin: 'success' };
    case 'PAUSED':
      return { text: 'Paused', skin: 'warning' };
    case 'ENDED':
      return { text: 'Ended', skin: 'neutralLight' };
    // Wix's jobs on the program (joining, renewing, ending) are running.
    case 'PROVISIONING':
      return { text: 'Joining…', skin: 'general' };
    case 'RENEWING':
    case 'PENDING':
      return { text: 'Updating…', skin: 'general' };
    default:
      return { text: status.charAt(0) + status.slice(1).toLowerCase(), skin: 'general' };
  }
}
