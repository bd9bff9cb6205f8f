import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { phrasesIn } from '../../shared/words';
import type { MemberRow, MembersPage } from '../shared/api';
import { formatsIn } from '../shared/format';
import { keys } from '../shared/query';
import { MEMBERS_PHRASES } from './words';

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

/** A status badge's skin: light ones with dark text (white on the success badge's green is under 4.5:1, axe-core). */
type StatusSkin = 'neutralSuccess' | 'warning' | 'neutralLight' | 'general';

/** Pool statuses in a person's words; Wix's jobs on the program (joining, renewing, ending) read as under way. */
const STATUS_LABELS: Record<
  string,
  { word: 'active' | 'paused' | 'ended' | 'joining' | 'updating'; skin: StatusSkin }
> = {
  ACTIVE: { word: 'active', skin: 'neutralSuccess' },
  PAUSED: { word: 'paused', skin: 'warning' },
  ENDED: { word: 'ended', skin: 'neutralLight' },
  PROVISIONING: { word: 'joining', skin: 'general' },
  RENEWING: { word: 'updating', skin: 'general' },
  PENDING: { word: 'updating', skin: 'general' },
};

/** A pool status for a person, in `locale`. */
export function statusLabel(status: string, locale = 'en'): { text: string; skin: StatusSkin } {
  const label = STATUS_LABELS[status];
  if (!label) return { text: status.charAt(0) + status.slice(1).toLowerCase(), skin: 'general' };
  return { text: phrasesIn(MEMBERS_PHRASES, locale)[label.word], skin: label.skin };
}

/**
 * "Months left" as it is: whole months, "Under a month" in the last one, "Ended" once over; with the date it ends
 * (`ends`), so a 0 never reads as "nothing left" while weeks remain.
 */
export function monthsLeftText(
  member: { status: string; monthsLeft: number; endsAt: string },
  locale = 'en',
): { text: string; ends: string } {
  const words = phrasesIn(MEMBERS_PHRASES, locale);
  const format = formatsIn(locale);
  const ends = format.date(member.endsAt);
  if (member.status === 'ENDED') return { text: words.ended, ends: words.endedOn(ends) };
  return {
    text: member.monthsLeft === 0 ? words.underAMonth : format.number(member.monthsLeft),
    ends: words.endsOn(ends),
  };
}
