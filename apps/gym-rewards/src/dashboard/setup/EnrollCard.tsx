import { Box, Card, Text } from '@wix/design-system';
import React from 'react';
import { UpgradeNotice } from '../plans/PlanLock';
import { BusyButton } from '../shared/components';
import { messageOf } from '../shared/feedback';
import { plural } from '../shared/format';
import { useEnrollment } from './enrollment';

/** Members who signed up on the site before the program existed join it from here (once each). */
export function EnrollCard() {
  const enroll = useEnrollment();
  return (
    <Card dataHook="enroll-members">
      <Card.Header
        title="Members already on the site"
        subtitle="New members join the program when they sign up. Bring in those who signed up before it existed."
        suffix={
          <BusyButton
            dataHook="enroll-members-start"
            busy={enroll.running}
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
