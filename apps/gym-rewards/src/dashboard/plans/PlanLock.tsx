import { useQuery } from '@tanstack/react-query';
import { dashboard } from '@wix/dashboard';
import { SectionHelper } from '@wix/design-system';
import React from 'react';
import { PLANS_PAGE_ID, planKeys, plansApi } from './api';

/** The lock on a feature the owner's plan lacks, with the plan that unlocks it; null when the plan has it (or loading). */
export function usePlanLock(feature: string) {
  const locks = useQuery({ queryKey: planKeys.current, queryFn: () => plansApi.planWithLocks(), staleTime: 60_000 });
  return locks.data?.locks.find((lock) => lock.feature === feature) ?? null;
}

/**
 * A locked feature: what it is, the plan that unlocks it and the way to Plans. Nothing when the plan has it. What was
 * made before stays on the page, readable (the backend refuses only new use).
 */
export function PlanLock({ feature }: { feature: string }) {
  const lock = usePlanLock(feature);
  if (!lock) return null;
  const plan = lock.plan ?? 'a paid';
  return (
    <SectionHelper
      dataHook={`plan-lock-${feature}`}
      skin="premium"
      title={`${lock.title} is in the ${plan} plan`}
      actionText="See plans"
      onAction={() => dashboard.navigate({ pageId: PLANS_PAGE_ID })}
    >
      {`Upgrade to ${plan} to use ${lock.title.toLowerCase()}. What you made before stays here.`}
    </SectionHelper>
  );
}
