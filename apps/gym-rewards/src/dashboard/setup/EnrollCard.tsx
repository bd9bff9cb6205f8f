import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Box, Card, Text } from '@wix/design-system';
import React from 'react';
import { UpgradeNotice } from '../plans/PlanLock';
import { api } from '../shared/api';
import { BusyButton } from '../shared/components';
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

/** Members who signed up on the site before the program existed join it from here (once each). */
export function EnrollCard() {
  const client = useQueryClient();
  const enroll = useMutation({
    mutationFn: enrollAll,
    onSuccess: async (result) => {
      toast(`${plural(result.enrolled, 'member')} brought into the program.`, 'success');
      await client.invalidateQueries({ queryKey: keys.allMembers });
    },
    onError: (error) => toast(`Members were not brought in: ${messageOf(error)}`, 'error'),
  });
  return (
    <Card dataHook="enroll-members">
      <Card.Header
        title="Members already on the site"
        subtitle="New members join the program when they sign up. Bring in those who signed up before it existed."
        suffix={
          <BusyButton
            dataHook="enroll-members-start"
            busy={enroll.isPending}
            busyText="Bringing members in…"
            onClick={() => enroll.mutate()}
          >
            Bring existing members in
          </BusyButton>
        }
      />
      {enroll.data || enroll.isError ? (
        <Card.Content>
          <Box>
            {enroll.data ? (
              <Text size="small" dataHook="enroll-members-result">
                {plural(enroll.data.enrolled, 'member')} brought in; {plural(enroll.data.alreadyMembers, 'member')}{' '}
                already in the program.
                {enroll.data.waiting ? ` ${plural(enroll.data.waiting, 'member')} waiting: the plan is full.` : ''}
              </Text>
            ) : (
              <Text size="small" skin="error" dataHook="enroll-members-error">
                {messageOf(enroll.error)}
              </Text>
            )}
          </Box>
          {enroll.data?.full ? (
            <UpgradeNotice
              dataHook="enroll-members-plan-full"
              locale="en"
              title={`${plural(enroll.data.waiting, 'member')} waiting outside the program`}
              text={enroll.data.full.message}
            />
          ) : null}
        </Card.Content>
      ) : null}
    </Card>
  );
}
