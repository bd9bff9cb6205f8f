import { forgetPlan } from '@gym-rewards/flows';
import { appInstances } from '@wix/app-management';

/** The owner bought a paid plan (`PaidPlanPurchased`): what the plan allows is read afresh at the next gate. */
appInstances.onAppInstancePaidPlanPurchased(async ({ metadata }) => forgetPlan(metadata?.instanceId));
