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
const backoffMs = (attempts: number) => Math.min(60_000, 250 * 2 ** Math.max(0, attempts - 1));

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
    if (this.settings?.strict) {
      // Strict: every event is sent twice, the sends of one batch in a seeded shuffled order, one after another.
      const errors = new Map<number, string | null>();
      for (const delivery of strictOrder([...due, ...due], this.settings.webhookSeed + (due[0]?.id ?? 0))) {
        const error = await this.send(delivery);
        if (!errors.has(delivery.id) || error !== null) errors.set(delivery.id, error);
      }
      for (const delivery of due) await this.record(delivery, errors.get(delivery.id) ?? null);
      return due.length;
    }
    await Promise.all(due.map(async (delivery) => this.record(delivery, await this.send(delivery))));
    return due.length;
  }

  /** One POST of a delivery; answers the error, or null when the app answered 2xx. */
  private async send(delivery: typeof webhookDeliveries.$inferSelect): Promise<string | null> {
    const [app] = await this.db.select().from(apps).where(eq(apps.appId, delivery.appId));
    if (!app) return NO_APP;
    try {
      const jwt = await signEvent(app.privateKey, app.appId, delivery.eventType, delivery.payload);
      const response = await fetch(app.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: jwt,
        signal: AbortSignal.timeout(10_000),
      });
      return response.ok ? null : `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (e) {
      return String((e as Error).message ?? e);
    }
  }

  private async record(delivery: typeof webhookDeliveries.$inferSelect, error: string | null) {
    const attempts = delivery.attempts + 1;
    const app = error !== NO_APP;
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

const NO_APP = 'app is no longer registered';

/** A deterministic shuffle (Fisher-Yates over mulberry32 seeded with `seed`): the same seed, the same order. */
export function strictOrder<T>(values: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function signEvent(privateKeyPem: string, appId: string, eventType: string, event: unknown): Promise<string> {
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
