import { earnOnPaymentInPlan, type PaymentLinkPayment } from '@gym-rewards/flows';
import { EventDefinition } from '@wix/sdk';
import { createEventModule } from '@wix/sdk-runtime/event-definition-modules';
import { clock } from '../../clock';
import { elevatedWix } from '../../wix-apis';

/**
 * Wix's "Payment Link Payment Created" event. No SDK package for Payment Links is on the registry, so the event is
 * defined by its type as the SDK's own modules define theirs (`EventDefinition` + `createEventModule`).
 */
const onPaymentLinkPaymentCreated = createEventModule(
  EventDefinition('wix.paymentlinks.payments.v1.payment_link_payment_created', true)<{
    entity: PaymentLinkPayment;
  }>(),
);

/**
 * A payment link was paid: the paying member earns tokens by the owner's rule, once per payment, while the plan has it.
 * While the member's program is being updated the flow throws (`EarnLater`): the handler fails, and Wix delivers the
 * event again.
 */
onPaymentLinkPaymentCreated(async (event) => {
  if (!event.entity) return;
  await earnOnPaymentInPlan(elevatedWix(), clock, { payment: event.entity });
});
