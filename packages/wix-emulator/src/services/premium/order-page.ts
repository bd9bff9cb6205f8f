import { eq } from 'drizzle-orm';
import { Router } from '../../http/router.ts';
import type { Bookkeeping } from '../../storage/columns.ts';
import { findEntity, saveEntity } from '../../storage/entities.ts';
import { applyPurchase, readPlan } from './app-instances.ts';
import { type OrderSession, premiumOrderSessions } from './tables.ts';

const PAGE = '/_emulator/v1/premium/order-pages';

const html = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const CYCLE_WORDS: Record<string, string> = {
  MONTHLY: 'per month',
  YEARLY: 'per year',
  ONE_TIME: 'once',
  TWO_YEARS: 'every 2 years',
  THREE_YEARS: 'every 3 years',
  FOUR_YEARS: 'every 4 years',
  FIVE_YEARS: 'every 5 years',
};

function page(title: string, main: string, status = 200): Response {
  const document = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(title)}</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#162d3d}main{max-width:28rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}button{font-size:1rem;padding:.6rem 1.4rem;background:#116dff;color:#fff;border:0;border-radius:1.2rem}button:focus{outline:3px solid #0b4bb3;outline-offset:2px}</style></head>
<body><main>${main}</main></body></html>`;
  return new Response(document, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

type Session = OrderSession & Bookkeeping;

function summary(session: Session): string {
  const { tax } = session;
  return `<dl>
<dt>Plan</dt><dd>${html(session.productName)}</dd>
<dt>Billing</dt><dd>${html(CYCLE_WORDS[session.cycle] ?? session.cycle)}</dd>
<dt>Price</dt><dd>${html(session.amount)} ${html(session.currency)}</dd>
<dt>${html(tax.name)}${tax.included ? ' (included)' : ''}</dt><dd>${html(tax.amount)} ${html(session.currency)}</dd>
<dt>Total</dt><dd>${html(session.total)} ${html(session.currency)}</dd>
</dl>`;
}

function paidPage(session: Session): Response {
  const next = session.successUrl ? `<p><a href="${html(session.successUrl)}" target="_top">Continue</a></p>` : '';
  return page(
    'Payment complete',
    `<h1>Payment complete</h1><p role="status">You now have ${html(session.productName)}.</p>${summary(session)}${next}`,
  );
}

/**
 * The order page at `riskIframeUrl` (Wix's checkout, emulated): the plan, price, tax and cycle, and a Pay button. No card
 * data is asked for. Paying changes the app's billing and sends its plan event; paying twice changes nothing more.
 */
export function orderPageRoutes(): Router {
  const r = new Router();

  r.get(`${PAGE}/:orderSessionId`, async ({ params, ctx }) => {
    const session = await findEntity(ctx.db, premiumOrderSessions, params.orderSessionId ?? '');
    if (!session) return page('Order not found', '<h1>Order not found</h1><p>This order page does not exist.</p>', 404);
    if (session.status === 'PAID') return paidPage(session);
    return page(
      `Checkout: ${session.productName}`,
      `<h1>Checkout</h1>${summary(session)}
<form method="post" action="${PAGE}/${html(session.id)}/pay"><button type="submit">Pay ${html(session.total)} ${html(session.currency)}</button></form>`,
    );
  });

  r.post(`${PAGE}/:orderSessionId/pay`, async ({ params, ctx }) => {
    const paid = await ctx.tx(async (tx) => {
      const session = await findEntity(tx, premiumOrderSessions, params.orderSessionId ?? '', true);
      if (!session) return null;
      if (session.status === 'PAID') return session;
      // Two order pages for one plan: once one is paid, the other would buy what the site already has.
      const current = await readPlan(tx, session.appId, ctx.now, true);
      if (current && current.productId === session.productId && current.cycle === session.cycle) {
        return { ...session, status: 'HELD' as const };
      }
      await applyPurchase(
        tx,
        session.appId,
        { productId: session.productId, vendorProductId: session.vendorProductId, cycle: session.cycle },
        ctx.now,
      );
      return saveEntity(
        tx,
        premiumOrderSessions,
        session,
        { ...session, status: 'PAID' as const, paidDate: ctx.now.toISOString() },
        ctx.now,
      );
    });
    if (!paid) return page('Order not found', '<h1>Order not found</h1><p>This order page does not exist.</p>', 404);
    if (paid.status === 'HELD') {
      return page(
        'Already yours',
        `<h1>Already yours</h1><p role="status">The site already has ${html(paid.productName)}, billed ${html(CYCLE_WORDS[paid.cycle] ?? paid.cycle)}. Nothing was charged.</p>`,
        409,
      );
    }
    return paidPage(paid);
  });

  // Whether an order session was paid, for tests and the devsite.
  r.get(`/_emulator/v1/premium/order-sessions/:orderSessionId`, async ({ params, ctx }) => {
    const [row] = await ctx.db
      .select({ data: premiumOrderSessions.data })
      .from(premiumOrderSessions)
      .where(eq(premiumOrderSessions.id, params.orderSessionId ?? ''));
    return { orderSession: row?.data ?? null };
  });

  return r;
}
