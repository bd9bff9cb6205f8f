import { and, inArray, sql } from 'drizzle-orm';
import { failedPrecondition } from '../../http/errors.ts';
import { getSiteSettings } from '../../platform/site.ts';
import type { Tx } from '../../storage/db.ts';
import { findEntity } from '../../storage/entities.ts';
import { linkNotFound } from './link-document.ts';
import { type PaymentLink, paymentLinks } from './tables.ts';

/** What a site needs for payment links: published (`UNPUBLISHED_SITE`) and accepting payments (`MISSING_ACCEPT_PAYMENTS`). */
export async function requireSiteReady(tx: Tx): Promise<void> {
  const site = await getSiteSettings(tx);
  if (!site.published) throw failedPrecondition('UNPUBLISHED_SITE', 'the site must be published to use payment links');
  if (!site.acceptsPayments) {
    throw failedPrecondition(
      'MISSING_ACCEPT_PAYMENTS',
      'the site must be set up to accept payments (connect a payment method)',
    );
  }
}

/**
 * Links past their `expirationDate` (by the platform clock) are `EXPIRED`, unless already `PAID`. Run before every
 * Payment Links request, so reads, filters and refusals all see the status the clock gives.
 */
export async function settleExpired(tx: Tx, now: Date): Promise<void> {
  await tx
    .update(paymentLinks)
    .set({
      data: sql`jsonb_set(${paymentLinks.data}, '{status}', '"EXPIRED"')`,
    })
    .where(
      and(
        inArray(sql`${paymentLinks.data} ->> 'status'`, ['ACTIVE', 'INACTIVE']),
        sql`(${paymentLinks.data} ->> 'expirationDate') is not null`,
        sql`(${paymentLinks.data} ->> 'expirationDate')::timestamptz <= ${now.toISOString()}::timestamptz`,
      ),
    );
}

/** The link, locked for the rest of the transaction (expiry settled first), or 404. */
export async function lockLink(tx: Tx, now: Date, id: string): Promise<PaymentLink> {
  await settleExpired(tx, now);
  const link = await findEntity(tx, paymentLinks, id, true);
  if (!link) throw linkNotFound(id);
  return link;
}
