import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SectionHelper, Text } from '@wix/design-system';
import React from 'react';
import { phrasesIn } from '../../shared/words';
import { api } from '../shared/api';
import { COMMON_PHRASES } from '../shared/components';
import { toast } from '../shared/feedback';
import { keys } from '../shared/query';
import { useWords } from '../shared/words';
import { SETUP_PHRASES } from './words';

/** At most this many pages of site members in one click (20 members a page). */
const MAX_PAGES = 200;

type Enrolled = Exclude<Awaited<ReturnType<typeof api.enrollMembers>>, { status: string }>;

async function enrollAll(notSetUp: string) {
  let enrolled = 0;
  let alreadyMembers = 0;
  let waiting = 0;
  let full: Enrolled['full'];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.enrollMembers({ cursor });
    if ('status' in answer) throw new Error(notSetUp);
    enrolled += answer.enrolled;
    alreadyMembers += answer.alreadyMembers;
    waiting += answer.waiting ?? 0;
    full = answer.full ?? full;
    cursor = answer.next;
    if (!cursor) break;
  }
  return { enrolled, alreadyMembers, waiting, full };
}

/**
 * Bringing the site's existing members into the program (`enrollMembers`, page after page), wherever the owner starts
 * it: the enrol card, the banner, the Members page's empty state. `running` is whether any of them is at it.
 */
const ENROLLING = ['enroll-members'] as const;
export function useEnrollment() {
  const client = useQueryClient();
  const words = useWords(SETUP_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const running = useIsMutating({ mutationKey: ENROLLING }) > 0;
  const mutation = useMutation({
    mutationKey: ENROLLING,
    mutationFn: () => enrollAll(words.setUpFirst),
    onSuccess: async (result) => {
      toast(words.broughtIn(result.enrolled), 'success');
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.allMembers }),
        client.invalidateQueries({ queryKey: keys.outside }),
      ]);
    },
    onError: (error) => toast(words.notBroughtIn(said.messageOf(error)), 'error'),
  });
  return { ...mutation, running };
}

/** Site members with no program yet (`membersNotInProgram`): none before the program is set up. */
export function useMembersOutside() {
  const query = useQuery({ queryKey: keys.outside, queryFn: () => api.membersNotInProgram() });
  const answer = query.data && 'count' in query.data ? query.data : null;
  return answer && answer.count > 0 ? answer : null;
}

/** "3 site members are not in the program yet", "At least 1,000 …" when there were more than were counted. */
export function outsideText(outside: { count: number; complete: boolean }, locale = 'en'): string {
  return phrasesIn(SETUP_PHRASES, locale).outside(outside.count, outside.complete);
}

/**
 * The way forward once the program exists and site members are outside it: how many, and "Bring them in" (the same
 * enrolment as the enrol card). Gone once they are in.
 */
export function OutsideBanner({ dataHook = 'members-outside' }: { dataHook?: string }) {
  const outside = useMembersOutside();
  const enroll = useEnrollment();
  const words = useWords(SETUP_PHRASES);
  if (!outside) return null;
  return (
    <SectionHelper
      dataHook={dataHook}
      skin="standard"
      title={words.outside(outside.count, outside.complete)}
      actionText={enroll.running ? words.bringingThemIn : words.bringThemIn}
      actionDisabled={enroll.running}
      onAction={() => enroll.mutate()}
    >
      <Text size="small" dataHook={`${dataHook}-text`}>
        {enroll.data?.full ? enroll.data.full.message : words.outsideText}
      </Text>
    </SectionHelper>
  );
}
