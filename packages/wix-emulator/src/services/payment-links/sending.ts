import { desc } from 'drizzle-orm';
import { type Ctx, Router } from '../../http/router.ts';
import { emitEvent } from '../../platform/events.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { findContact } from '../contacts/contacts.ts';
import { amountDue, presentLink, shareUrl } from './link-document.ts';
import { type PaymentLink, paymentLinkSends } from './tables.ts';

type LinkEventSlug = 'created' | 'deleted' | 'activated' | 'deactivated' | 'sent' | 'payment_initiated' | 'updated';

/** A payment link event (reading: `wix.paymentlinks.v1.payment_link_<slug>`, as the payments' events are named). */
export function linkEvent(slug: LinkEventSlug, link: Doc, origin: string, action?: Doc) {
  const entity = presentLink(link, origin);
  const kind = slug === 'created' || slug === 'updated' || slug === 'deleted' ? slug : ('action' as const);
  return {
    eventType: `wix.paymentlinks.v1.payment_link_${slug}`,
    entityFqdn: 'wix.paymentlinks.v1.payment_link',
    slug,
    entityId: String(link.id),
    ...(kind === 'action' ? { actionEvent: action ?? { paymentLink: entity } } : { entity }),
    kind,
  };
}

/** Records one message per recipient and send method in the outbox (platform clock), and emits `payment_link_sent`. */
export async function sendLink(
  tx: Tx,
  ctx: Ctx,
  link: PaymentLink,
  recipients: Array<{ contactId: string; sendMethods: string[] }>,
): Promise<void> {
  const { amount } = await amountDue(tx, link);
  const url = shareUrl(ctx.origin, link.id);
  for (const r of recipients) {
    const contact = (await findContact(tx, ctx.now, r.contactId)) ?? {};
    const primary = contact.primaryInfo ?? {};
    for (const method of r.sendMethods) {
      const to = method === 'EMAIL_METHOD' ? primary.email : primary.phone;
      await tx.insert(paymentLinkSends).values({
        paymentLinkId: String(link.id),
        contactId: r.contactId,
        sendMethod: method,
        to: to ?? null,
        message: { title: link.title, description: link.description ?? null, amount, currency: link.currency, url },
        sentAt: ctx.now,
      });
    }
  }
  await emitEvent(
    tx,
    linkEvent('sent', link, ctx.origin, { paymentLink: presentLink(link, ctx.origin), recipients }),
    ctx.now,
  );
}

/** `GET /_emulator/v1/outbox`: what Send Payment Link sent, newest first (the last 500). */
export function outboxRoutes(): Router {
  const r = new Router();
  r.get('/_emulator/v1/outbox', async ({ ctx }) => {
    const rows = await ctx.db.select().from(paymentLinkSends).orderBy(desc(paymentLinkSends.id)).limit(500);
    return {
      messages: rows.map((row) => ({
        id: row.id,
        paymentLinkId: row.paymentLinkId,
        contactId: row.contactId,
        sendMethod: row.sendMethod,
        to: row.to,
        ...row.message,
        sentAt: row.sentAt.toISOString(),
      })),
    };
  });
  return r;
}
