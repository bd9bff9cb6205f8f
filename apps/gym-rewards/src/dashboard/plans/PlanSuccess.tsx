import { useQuery } from '@tanstack/react-query';
import { dashboard } from '@wix/dashboard';
import { Box, Button, Card, Heading, Page, Text } from '@wix/design-system';
import React from 'react';
import { LoadError, Loading, PAGE_FITS_PHONE } from '../shared/components';
import { PAYMENT_LINKS_PAGE_ID, PLANS_PAGE_ID, planKeys, plansApi, wordsIn } from './api';

/**
 * After the order page: the plan now, and what it unlocked, in the language the owner chose on Plans (`locale`, carried
 * through the order page's success URL) or the site's.
 */
export function PlanSuccess({ locale }: { locale: string }) {
  const unlocked = useQuery({
    queryKey: [...planKeys.unlocked, locale],
    queryFn: () => plansApi.planUnlocked(locale ? { locale } : {}),
  });
  const words = wordsIn(unlocked.data?.locale ?? (locale || 'en'));
  return (
    <Page height="100vh" {...PAGE_FITS_PHONE} dataHook="plans-success-page">
      <Page.Header title={words.plans} />
      <Page.Content>
        {unlocked.isPending ? <Loading dataHook="plans-success-loading" /> : null}
        {unlocked.isError ? <LoadError dataHook="plans-success-error" error={unlocked.error} /> : null}
        {unlocked.data ? (
          <Card dataHook="plans-success">
            <Card.Content>
              <Box direction="vertical" gap="SP3">
                <Heading size="large" dataHook="plans-success-title">
                  {words.thanks(unlocked.data.plan.name)}
                </Heading>
                <Text weight="bold">{words.nowUnlocked}</Text>
                <Box direction="vertical" gap="SP1" dataHook="plans-unlocked">
                  {unlocked.data.unlocked.map(({ feature, title }) => (
                    <Text key={feature} dataHook={`plans-unlocked-${feature}`}>
                      {`✓ ${title}`}
                    </Text>
                  ))}
                </Box>
                <Box gap="SP2" flexWrap="wrap">
                  <Button
                    dataHook="plans-success-payment-links"
                    onClick={() => dashboard.navigate({ pageId: PAYMENT_LINKS_PAGE_ID })}
                  >
                    {words.openPaymentLinks}
                  </Button>
                  <Button
                    priority="secondary"
                    dataHook="plans-success-back"
                    onClick={() => dashboard.navigate({ pageId: PLANS_PAGE_ID })}
                  >
                    {words.backToPlans}
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
