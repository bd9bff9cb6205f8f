import { forgetPlan } from '@gym-rewards/flows';
import { appInstances } from '@wix/app-management';

/** The owner changed plans (`PaidPlanChanged`): what the plan allows is read afresh at the next gate. */
appInstances.onAppInstancePaidPlanChanged(async ({ metadata }) => forgetPlan(metadata?.instanceId));
