import { useMutation, useQuery } from '@tanstack/react-query';
import { dashboard } from '@wix/dashboard';
// The page's frame, then a plan card's parts.
import {
  Badge,
  Box,
  Button,
  Card,
  FormField,
  Heading,
  Page,
  SectionHelper,
  SegmentedToggle,
  Table,
  Text,
} from '@wix/design-system';
import React, { useState } from 'react';
import { phrasesIn } from '../../shared/words';
import { COMMON_PHRASES, LabelledDropdown, LoadError, Loading, PAGE_FITS_PHONE } from '../shared/components';
import { money, PLANS_PAGE_ID, type PlanCardRow, type PlansAnswer, planKeys, plansApi, wordsIn } from './api';
import { PlanSuccess } from './PlanSuccess';

/** The languages the plans are shown in, each named in itself; first, the site's own. */
const languages = (words: ReturnType<typeof wordsIn>) => [
  { id: '', value: words.siteLanguage },
  { id: 'en', value: 'English' },
  { id: 'de', value: 'Deutsch' },
];

type Cycle = 'MONTHLY' | 'YEARLY';

/** What a plan has of a feature, as a cell: ✓, —, a number, or unlimited. */
function allowance(value: boolean | number | null, words: ReturnType<typeof wordsIn>): string {
  if (value === true) return '✓';
  if (value === false || value === 0) return '—';
  if (value === null) return words.unlimited;
  return String(value);
}

function PlanCard({
  plan,
  cycle,
  view,
  onChoose,
  choosing,
}: {
  plan: PlanCardRow;
  cycle: Cycle;
  view: PlansAnswer;
  onChoose: () => void;
  choosing: boolean;
}) {
  const words = wordsIn(view.locale);
  const price = plan.prices.find((p) => p.cycle === cycle) ?? plan.prices[0];
  return (
    <Card dataHook={`plan-card-${plan.key}`}>
      {/* The current plan's badge under the header: beside the title it squeezed the plan's description. */}
      <Card.Header title={plan.title} subtitle={plan.description ?? ''} />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP2">
          {plan.current ? (
            <Box>
              <Badge dataHook={`plan-current-${plan.key}`} skin="neutralSuccess">
                {words.current}
              </Badge>
            </Box>
          ) : null}
          <Heading size="medium" dataHook={`plan-price-${plan.key}`}>
            {plan.free || !price
              ? words.free
              : `${money(price.total, plan.currency, view.locale)} ${cycle === 'YEARLY' ? words.perYear : words.perMonth}`}
          </Heading>
          {price?.tax && !plan.free ? (
            <Text size="small" secondary dataHook={`plan-tax-${plan.key}`}>
              {price.tax.included
                ? `${price.tax.name} ${words.included}: ${money(price.tax.amount, plan.currency, view.locale)}`
                : `${money(price.amount, plan.currency, view.locale)} ${words.plusTax} ${money(price.tax.amount, plan.currency, view.locale)} ${price.tax.name}`}
            </Text>
          ) : null}
          {plan.free || plan.current ? null : (
            <Button dataHook={`plan-choose-${plan.key}`} disabled={choosing} onClick={onChoose}>
              {words.choose(plan.title)}
            </Button>
          )}
        </Box>
      </Card.Content>
    </Card>
  );
}

/** The features side by side: a row a feature, a column a plan. */
function Comparison({ view }: { view: PlansAnswer }) {
  const words = wordsIn(view.locale);
  const columns = [
    { title: words.feature, render: (row: PlansAnswer['features'][number]) => row.title },
    ...view.plans.map((plan) => ({
      title: plan.title,
      render: (row: PlansAnswer['features'][number]) => allowance(plan.allows[row.key], words),
    })),
  ];
  return (
    <Card dataHook="plans-compare">
      <Table data={view.features} columns={columns} rowDataHook="plans-compare-row">
        <Table.Content />
      </Table>
    </Card>
  );
}

/** Plans: the package picker, the order page as checkout, and after paying the success page. */
export function Plans() {
  const query = new URLSearchParams(typeof window !== 'undefined' ? window.location.search : '');
  const paid = query.has('paid');
  const [locale, setLocale] = useState('');
  const [cycle, setCycle] = useState<Cycle>('MONTHLY');
  const [checkout, setCheckout] = useState<string | null>(null);
  const view = useQuery({
    queryKey: planKeys.view(locale),
    queryFn: () => plansApi.plansView(locale ? { locale } : {}),
    enabled: !paid,
  });
  const choose = useMutation({
    mutationFn: async (plan: string) =>
      plansApi.choosePlan({
        plan,
        cycle,
        // Back to this page in the owner's dashboard (not the address of the frame the page runs in on Wix).
        successUrl: await dashboard.getPageUrl({
          pageId: PLANS_PAGE_ID,
          relativeUrl: `?paid=1${locale ? `&locale=${locale}` : ''}`,
        }),
      }),
    onSuccess: (page) => setCheckout(page.riskIframeUrl),
  });

  if (paid) return <PlanSuccess locale={query.get('locale') ?? ''} />;
  const pageLocale = view.data?.locale ?? (locale || 'en');
  const words = wordsIn(pageLocale);
  const said = phrasesIn(COMMON_PHRASES, pageLocale);
  return (
    <Page height="100vh" {...PAGE_FITS_PHONE} dataHook="plans-page">
      <Page.Header title={view.data?.title ?? words.plans} subtitle={view.data?.description ?? ''} />
      <Page.Content>
        {/* What the plans are shown in, above them: in the header they squeezed its title and the toggle's words. */}
        <Box gap="SP3" verticalAlign="bottom" marginBottom="SP4" flexWrap="wrap" dataHook="plans-controls">
          <Box width="240px">
            <FormField label={words.language}>
              <LabelledDropdown
                label={words.language}
                dataHook="plans-locale"
                options={languages(words)}
                selectedId={locale}
                onSelect={(option) => setLocale(String(option.id))}
              />
            </FormField>
          </Box>
          {/* Wide enough for "Monthly" and "Monatlich": the toggle's buttons share its width and cut their words short. */}
          <Box width="300px" direction="vertical">
            <SegmentedToggle dataHook="plans-cycle" selected={cycle} onClick={(_, value) => setCycle(value as Cycle)}>
              <SegmentedToggle.Button value="MONTHLY" dataHook="plans-cycle-monthly">
                {words.monthly}
              </SegmentedToggle.Button>
              <SegmentedToggle.Button value="YEARLY" dataHook="plans-cycle-yearly">
                {words.yearly}
              </SegmentedToggle.Button>
            </SegmentedToggle>
          </Box>
        </Box>
        {view.isPending ? <Loading dataHook="plans-loading" /> : null}
        {view.isError ? <LoadError dataHook="plans-error" error={view.error} onRetry={() => view.refetch()} /> : null}
        {choose.isError ? (
          <SectionHelper dataHook="plans-choose-error" skin="danger">
            {said.messageOf(choose.error)}
          </SectionHelper>
        ) : null}
        {checkout ? (
          <Card dataHook="plans-checkout">
            <Card.Header
              title={words.checkout}
              suffix={
                <Button
                  priority="secondary"
                  size="small"
                  dataHook="plans-checkout-cancel"
                  onClick={() => setCheckout(null)}
                >
                  {words.cancel}
                </Button>
              }
            />
            <Card.Content>
              <iframe
                title={words.checkout}
                src={checkout}
                data-hook="plans-checkout-frame"
                style={{ width: '100%', height: 420, border: 0 }}
              />
            </Card.Content>
          </Card>
        ) : null}
        {view.data ? (
          <Box direction="vertical" gap="SP6">
            {/* Side by side on a desktop, one under another on a phone: each card at least 240 px wide. */}
            <Box gap="SP6" flexWrap="wrap">
              {view.data.plans.map((plan) => (
                <Box key={plan.key} flex="1 1 240px" direction="vertical">
                  <PlanCard
                    plan={plan}
                    cycle={cycle}
                    view={view.data}
                    choosing={choose.isPending}
                    onChoose={() => choose.mutate(plan.key)}
                  />
                </Box>
              ))}
            </Box>
            <Comparison view={view.data} />
          </Box>
        ) : null}
      </Page.Content>
    </Page>
  );
}
