import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SectionHelper, Text } from '@wix/design-system';
import React from 'react';
import { api } from '../shared/api';
import { messageOf, toast } from '../shared/feedback';
import { plural } from '../shared/format';
import { keys } from '../shared/query';

/** At most this many pages of site members in one click (20 members a page). */
const MAX_PAGES = 200;

type Enrolled = Exclude<Awaited<ReturnType<typeof api.enrollMembers>>, { status: string }>;

async function enrollAll() {
  let enrolled = 0;
  let alreadyMembers = 0;
  let waiting = 0;
  let full: Enrolled['full'];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.enrollMembers({ cursor });
    if ('status' in answer) throw new Error('Set up and save the program first.');
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
  const running = useIsMutating({ mutationKey: ENROLLING }) > 0;
  const mutation = useMutation({
    mutationKey: ENROLLING,
    mutationFn: enrollAll,
    onSuccess: async (result) => {
      toast(`${plural(result.enrolled, 'member')} brought into the program.`, 'success');
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.allMembers }),
        client.invalidateQueries({ queryKey: keys.outside }),
      ]);
    },
    onError: (error) => toast(`Members were not brought in: ${messageOf(error)}`, 'error'),
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
export function outsideText(outside: { count: number; complete: boolean }): string {
  const many = `${outside.complete ? '' : 'At least '}${plural(outside.count, 'site member')}`;
  return `${many} ${outside.count === 1 ? 'is' : 'are'} not in the program yet`;
}

/**
 * The way forward once the program exists and site members are outside it: how many, and "Bring them in" (the same
 * enrolment as the enrol card). Gone once they are in.
 */
export function OutsideBanner({ dataHook = 'members-outside' }: { dataHook?: string }) {
  const outside = useMembersOutside();
  const enroll = useEnrollment();
  if (!outside) return null;
  return (
    <SectionHelper
      dataHook={dataHook}
      skin="standard"
      title={outsideText(outside)}
      actionText={enroll.running ? 'Bringing them in…' : 'Bring them in'}
      actionDisabled={enroll.running}
      onAction={() => enroll.mutate()}
    >
      <Text size="small" dataHook={`${dataHook}-text`}>
        {enroll.data?.full
          ? enroll.data.full.message
          : 'They signed up on the site before the program existed. Bring them in: each gets the welcome tokens and starts earning a token a visit.'}
      </Text>
    </SectionHelper>
  );
}
