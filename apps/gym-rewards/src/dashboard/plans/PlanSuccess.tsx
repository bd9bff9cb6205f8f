import { useQuery } from '@tanstack/react-query';
import { dashboard } from '@wix/dashboard';
import { Box, Button, Card, Heading, Page, Text } from '@wix/design-system';
import React from 'react';
import { LoadError, Loading } from '../shared/components';
import { PLANS_PAGE_ID, planKeys, plansApi } from './api';

/** After the order page: the plan now, and what it unlocked. */
export function PlanSuccess() {
  const unlocked = useQuery({ queryKey: planKeys.unlocked, queryFn: () => plansApi.planUnlocked() });
  return (
    <Page height="100vh">
      <Page.Header title="Plans" />
      <Page.Content>
        {unlocked.isPending ? <Loading dataHook="plans-success-loading" /> : null}
        {unlocked.isError ? <LoadError dataHook="plans-success-error" error={unlocked.error} /> : null}
        {unlocked.data ? (
          <Card dataHook="plans-success">
            <Card.Content>
              <Box direction="vertical" gap="SP3">
                <Heading size="large" dataHook="plans-success-title">
                  {`Thank you! You are on ${unlocked.data.plan.name}`}
                </Heading>
                <Text weight="bold">Now unlocked</Text>
                <Box direction="vertical" gap="SP1" dataHook="plans-unlocked">
                  {unlocked.data.unlocked.map(({ feature, title }) => (
                    <Text key={feature} dataHook={`plans-unlocked-${feature}`}>
                      {`✓ ${title}`}
                    </Text>
                  ))}
                </Box>
                <Box gap="SP2">
                  <Button
                    dataHook="plans-success-payment-links"
                    onClick={() => dashboard.navigate({ pageId: '16d0c74a-7124-4fed-b44a-cdc46cb56f40' })}
                  >
                    Open Payment links
                  </Button>
                  <Button
                    priority="secondary"
                    dataHook="plans-success-back"
                    onClick={() => dashboard.navigate({ pageId: PLANS_PAGE_ID })}
                  >
                    See plans
                  </Button>
                </Box>
              </Box>
            </Card.Content>
          </Card>
        ) : null}
      </Page.Content>
    </Page>
  );
}
