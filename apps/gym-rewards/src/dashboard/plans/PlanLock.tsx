import { useQuery } from '@tanstack/react-query';
import { dashboard } from '@wix/dashboard';
import { SectionHelper } from '@wix/design-system';
import React from 'react';
import { useLocale } from '../shared/words';
import { PLANS_PAGE_ID, planKeys, plansApi, wordsIn } from './api';

/** The owner's plan and its locks, in the page's locale (one query shared by every lock on the page). */
function usePlanLocks() {
  const locale = useLocale();
  return useQuery({
    queryKey: [...planKeys.current, locale],
    queryFn: () => plansApi.planWithLocks({ locale }),
    staleTime: 60_000,
  });
}

/** The lock on a feature the owner's plan lacks, with the plan that unlocks it; null when the plan has it (or loading). */
export function usePlanLock(feature: string) {
  return usePlanLocks().data?.locks.find((lock) => lock.feature === feature) ?? null;
}

/** Something the owner's plan stops, why, and the way to Plans (the "See plans" action, in `locale`). */
export function UpgradeNotice({
  dataHook,
  title,
  text,
  locale,
}: {
  dataHook: string;
  title: string;
  text: string;
  locale: string;
}) {
  return (
    <SectionHelper
      dataHook={dataHook}
      skin="premium"
      title={title}
      actionText={wordsIn(locale).backToPlans}
      onAction={() => dashboard.navigate({ pageId: PLANS_PAGE_ID })}
    >
      {text}
    </SectionHelper>
  );
}

/**
 * A locked feature: what it is, the plan that unlocks it and the way to Plans, in the page's locale (the Plans page's
 * words). Nothing when the plan has it. What was made before stays on the page, readable (the backend refuses only new
 * use).
 */
export function PlanLock({ feature }: { feature: string }) {
  const locks = usePlanLocks();
  const lock = locks.data?.locks.find((l) => l.feature === feature);
  if (!locks.data || !lock) return null;
  const words = wordsIn(locks.data.locale);
  const plan = lock.plan ?? words.aPaidPlan;
  return (
    <UpgradeNotice
      dataHook={`plan-lock-${feature}`}
      locale={locks.data.locale}
      title={words.lockTitle(lock.title, plan)}
      text={words.lockText(lock.title, plan)}
    />
  );
}
