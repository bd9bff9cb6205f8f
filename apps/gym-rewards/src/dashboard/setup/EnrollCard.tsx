import { Box, Card, Text } from '@wix/design-system';
import React from 'react';
import { UpgradeNotice } from '../plans/PlanLock';
import { BusyButton, COMMON_PHRASES } from '../shared/components';

import { useLocale, useWords } from '../shared/words';
import { useEnrollment } from './enrollment';
import { SETUP_PHRASES } from './words';

/** Members who signed up on the site before the program existed join it from here (once each). */
export function EnrollCard() {
  const enroll = useEnrollment();
  const words = useWords(SETUP_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const locale = useLocale();
  return (
    <Card dataHook="enroll-members">
      <Card.Header
        title={words.enrollTitle}
        subtitle={words.enrollText}
        suffix={
          <BusyButton
            dataHook="enroll-members-start"
            busy={enroll.running}
            busyText={words.enrollBusy}
            onClick={() => enroll.mutate()}
          >
            {words.enrollStart}
          </BusyButton>
        }
      />
      {enroll.data || enroll.isError ? (
        <Card.Content>
          <Box>
            {enroll.data ? (
              <Text size="small" dataHook="enroll-members-result">
                {words.enrolled(enroll.data.enrolled, enroll.data.alreadyMembers, enroll.data.waiting)}
              </Text>
            ) : (
              <Text size="small" skin="error" dataHook="enroll-members-error">
                {said.messageOf(enroll.error)}
              </Text>
            )}
          </Box>
          {enroll.data?.full ? (
            <UpgradeNotice
              dataHook="enroll-members-plan-full"
              locale={locale}
              title={words.waitingOutside(enroll.data.waiting)}
              text={enroll.data.full.message}
            />
          ) : null}
        </Card.Content>
      ) : null}
    </Card>
  );
}
