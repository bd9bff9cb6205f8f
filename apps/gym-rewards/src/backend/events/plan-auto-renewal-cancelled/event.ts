import { forgetPlan } from '@gym-rewards/flows';
import { appInstances } from '@wix/app-management';

/** The plan will not renew (`PaidPlanAutoRenewalCancelled`): its expiry is read afresh at the next gate. */
appInstances.onAppInstancePaidPlanAutoRenewalCancelled(async ({ metadata }) => forgetPlan(metadata?.instanceId));
