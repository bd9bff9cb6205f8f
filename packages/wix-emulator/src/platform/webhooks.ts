import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { importPKCS8, SignJWT } from 'jose';
import { Router } from '../http/router.ts';
import type { Db } from '../storage/db.ts';
import type { EmulatorSettings } from './settings.ts';
import { apps, webhookDeliveries } from './tables.ts';

/** The emulated site's instance id, as Wix puts it in every webhook. */
export const SITE_INSTANCE_ID = '5e1f0000-0000-4000-8000-00000000517e';
const MAX_ATTEMPTS = 12;
const LEASE_MS = 30_000;

/** Backoff between attempts: 250 ms, 500 ms, 1 s, ... up to a minute. */
export const backoffMs = (attempts: number) => Math.min(60_000, 250 * 2 ** Math.max(0, attempts - 1));

/**
 * Delivers queued events to registered apps the way Wix does: a POST whose body is an RS256 JWT signed with the
 * app's key, `{ data: JSON({ eventType, instanceId, identity, data: JSON(event) }) }`. An answer other than 2xx
 * (or no answer) is retried with backoff; a delivery is leased while in flight so several emulator processes
 * on one database do not send it at once. Every attempt is kept in `emu_webhook_deliveries`.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly log?: (line: string) => void,
    private readonly intervalMs = 100,
    private readonly settings?: EmulatorSettings,
  ) {}

  start(onIdle: () => void) {
    this.stopped = false;
    const loop = async () => {
      while (!this.stopped) {
        let delivered = 0;
        try {
          delivered = await this.deliverDue();
        } catch (error) {
          if (!this.stopped) this.log?.(`webhooks: ${String(error)}`);
        }
        if (delivered === 0) {
          onIdle();
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            this.timer = setTimeout(resolve, this.intervalMs);
          });
        }
      }
    };
    this.running = loop();
  }

  /** Looks for due deliveries now rather than at the next tick. */
  poke() {
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
  }

  async stop() {
    this.stopped = true;
    this.poke();
    await this.running;
  }

  /** Sends every delivery that is due; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    const due = await this.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.status, 'PENDING'), lte(webhookDeliveries.nextAttemptAt, sql`now()`)))
        .orderBy(asc(webhookDeliveries.id))
        .limit(20)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        await tx
          .update(webhookDeliveries)
          .set({ nextAttemptAt: new Date(Date.now() + LEASE_MS) })
          .where(eq(webhookDeliveries.id, row.id));
      }
      return rows;
    });
    await Promise.all(due.map((delivery) => this.attempt(delivery)));
    return due.length;
  }

  private async attempt(delivery: typeof webhookDeliveries.$inferSelect) {
    const [app] = await this.db.select().from(apps).where(eq(apps.appId, delivery.appId));
    const attempts = delivery.attempts + 1;
    let error: string | null = null;
    if (!app) {
      error = 'app is no longer registered';
    } else {
      try {
        const jwt = await signEvent(app.privateKey, app.appId, delivery.eventType, delivery.payload);
        const response = await fetch(app.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: jwt,
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) error = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
      } catch (e) {
        error = String((e as Error).message ?? e);
      }
    }
    const done = error === null;
    const failed = !done && (attempts >= MAX_ATTEMPTS || !app);
    await this.db
      .update(webhookDeliveries)
      .set({
        attempts,
        status: done ? 'DELIVERED' : failed ? 'FAILED' : 'PENDING',
        lastError: error,
        deliveredAt: done ? new Date() : null,
        nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    this.log?.(
      `webhook ${delivery.eventType} #${delivery.id} to ${delivery.appId}: ${done ? 'delivered' : `attempt ${attempts} failed (${error})${failed ? ', giving up' : ''}`}`,
    );
  }

  routes(): Router {
    const r = new Router();
    r.get('/_emulator/v1/webhooks', async ({ ctx }) => ({
      deliveries: await ctx.db.select().from(webhookDeliveries).orderBy(desc(webhookDeliveries.id)).limit(500),
    }));
    return r;
  }
}

export async function signEvent(
  privateKeyPem: string,
  appId: string,
  eventType: string,
  event: unknown,
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'RS256');
  const data = JSON.stringify({
    eventType,
    instanceId: SITE_INSTANCE_ID,
    identity: JSON.stringify({ identityType: 'APP', appId }),
    data: JSON.stringify(event),
  });
  return new SignJWT({ data })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer('wix.com')
    .setAudience(appId)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key);
}
