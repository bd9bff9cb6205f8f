import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Doc } from '../storage/columns.ts';
import type { Tx } from '../storage/db.ts';
import { apps, webhookDeliveries } from './tables.ts';

/** A Wix domain event, e.g. `wix.members.v1.member_created` with `createdEvent.entity`. */
export interface DomainEvent {
  eventType: string;
  entityFqdn: string;
  slug: string;
  entityId: string;
  /** The REST document of the created or updated entity. */
  entity?: Doc;
  kind: 'created' | 'updated' | 'deleted' | 'action';
  actionEvent?: Doc;
}

/**
 * Queues an event for every registered app, in the caller's transaction: the event exists if and only if the
 * change that caused it was committed. The webhook dispatcher delivers it afterwards, at least once.
 */
export async function emitEvent(tx: Tx, event: DomainEvent, now: Date): Promise<void> {
  const registered = await tx.select({ appId: apps.appId }).from(apps);
  if (registered.length === 0) return;
  const body: Doc = {
    id: randomUUID(),
    entityFqdn: event.entityFqdn,
    slug: event.slug,
    entityId: event.entityId,
    eventTime: now.toISOString(),
    triggeredByAnonymizeRequest: false,
  };
  if (event.kind === 'created') body.createdEvent = { entity: event.entity };
  if (event.kind === 'updated') body.updatedEvent = { currentEntity: event.entity };
  if (event.kind === 'deleted') body.deletedEvent = { movedToTrash: false };
  if (event.kind === 'action') body.actionEvent = { body: event.actionEvent ?? {} };
  await tx.insert(webhookDeliveries).values(
    registered.map((app) => ({
      appId: app.appId,
      eventType: event.eventType,
      entityId: event.entityId,
      payload: body,
      nextAttemptAt: new Date(),
    })),
  );
}

/**
 * Queues an app-instance event (`PaidPlanPurchased`, `PaidPlanChanged`, ...) for the one app it is about, when that app
 * is registered. These are not domain events: the JWT's `eventType` is the bare name and its `data` is `payload` itself,
 * which the SDK hands to `appInstances.onAppInstancePaidPlanPurchased` and its siblings as `{ data, metadata }`.
 */
export async function emitAppInstanceEvent(tx: Tx, appId: string, eventType: string, payload: Doc): Promise<void> {
  const registered = await tx.select({ appId: apps.appId }).from(apps).where(eq(apps.appId, appId));
  if (registered.length === 0) return;
  await tx.insert(webhookDeliveries).values({ appId, eventType, entityId: null, payload, nextAttemptAt: new Date() });
}
