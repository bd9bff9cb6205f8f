import { ZodError } from 'zod';
import { WixError } from '../../http/errors.ts';
import { type Ctx, Router, requireManager } from '../../http/router.ts';
import { buyerForm, type CheckoutView, openCheckout, payCheckout, viewCheckout } from './checkout.ts';
import { BASE } from './payment-links.ts';

/**
 * The buyer's side, served by the emulator as plain accessible HTML: the link's page (opens a checkout and
 * redirects to it), the checkout page (ECOM) and the order page (ECOM_ORDER), whose form pays. No card data.
 */

const esc = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#162d3d}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccd}
label{display:block;margin-top:1rem;font-weight:600}input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}
button{margin-top:1.5rem;font-size:1rem;padding:.6rem 1.2rem;background:#116dff;color:#fff;border:0;border-radius:4px}
.error{color:#b00020}</style></head>
<body><main>${body}</main></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function summary(view: CheckoutView): string {
  const currency = esc(view.link.currency);
  const rows = view.lines
    .map((l) => `<tr><td>${esc(l.name)}</td><td>${l.quantity}</td><td>${esc(l.price)} ${currency}</td></tr>`)
    .join('');
  return `<h1>${esc(view.link.title)}</h1>
${view.link.description ? `<p>${esc(view.link.description)}</p>` : ''}
<table><caption>What you pay for</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Price</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row" colspan="2">Total</th><td id="total">${esc(view.amount)} ${currency}</td></tr></tfoot></table>`;
}

function checkoutPage(
  view: CheckoutView,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  status = 200,
) {
  if (view.payment) {
    return page(
      `Paid: ${String(view.link.title)}`,
      `${summary(view)}<h2 role="status">Payment received</h2>
<p>Thank you. Payment <span id="payment-id">${esc(view.payment.id)}</span> of ${esc(view.payment.amount)} ${esc(view.link.currency)} was received.</p>`,
    );
  }
  const field = (name: string, label: string, type: string, autocomplete: string) => {
    const error = errors[name];
    return `<label for="${name}">${label}</label>
<input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" required value="${esc(values[name])}"${
      error ? ` aria-invalid="true" aria-describedby="${name}-error"` : ''
    }>${error ? `<p class="error" id="${name}-error">${esc(error)}</p>` : ''}`;
  };
  const general = errors.form ? `<p class="error" role="alert">${esc(errors.form)}</p>` : '';
  return page(
    `Pay: ${String(view.link.title)}`,
    `${summary(view)}${general}
<form method="post" novalidate>
<input type="hidden" name="formToken" value="${esc(view.checkout.formToken)}">
${field('name', 'Your name', 'text', 'name')}
${field('email', 'Email', 'email', 'email')}
<button type="submit">Pay ${esc(view.amount)} ${esc(view.link.currency)}</button>
</form>`,
    status,
  );
}

const refusedPage = (error: WixError) =>
  page(
    'Payment not possible',
    `<h1>This payment is not possible</h1><p role="alert">${esc(error.message)}</p>`,
    error.status === 404 ? 404 : 409,
  );

/** Runs a page's work; a Wix refusal becomes an HTML page saying why. */
async function html(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WixError) return refusedPage(error);
    throw error;
  }
}

async function submit(ctx: Ctx, checkoutId: string, body: unknown): Promise<Response> {
  const values = (typeof body === 'object' && body ? body : {}) as Record<string, string>;
  const parsed = buyerForm.safeParse(values);
  if (!parsed.success) {
    const view = await ctx.tx((tx) => viewCheckout(tx, ctx, checkoutId));
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message]));
    return checkoutPage(view, errors.formToken ? { ...errors, form: errors.formToken } : errors, values, 400);
  }
  try {
    return checkoutPage(await ctx.tx((tx) => payCheckout(tx, ctx, checkoutId, parsed.data)));
  } catch (error) {
    if (error instanceof ZodError) throw error;
    if (error instanceof WixError && error.data.field === 'formToken') {
      const view = await ctx.tx((tx) => viewCheckout(tx, ctx, checkoutId));
      return checkoutPage(
        view,
        { form: 'This form is not the page’s current form: open the page again.' },
        values,
        400,
      );
    }
    throw error;
  }
}

/** Initiate Payment (Wix's REST) and the buyer's pages. */
export function checkoutRoutes(): Router {
  const r = new Router();

  r.post(`${BASE}/:paymentLinkId/initiate-payment`, async ({ params, ctx }) => {
    requireManager(ctx, 'initiatePayment');
    const { link, url } = await ctx.tx((tx) => openCheckout(tx, ctx, params.paymentLinkId ?? ''));
    return link.type === 'ECOM_ORDER' ? { ecomOrder: { orderUrl: url } } : { ecomCheckout: { checkoutUrl: url } };
  });

  r.get('/_emulator/pages/payment-links/:paymentLinkId', async ({ params, ctx }) =>
    html(async () => {
      const { url } = await ctx.tx((tx) => openCheckout(tx, ctx, params.paymentLinkId ?? ''));
      return new Response(null, { status: 303, headers: { location: url } });
    }),
  );

  for (const kind of ['checkout', 'order']) {
    r.get(`/_emulator/pages/${kind}/:checkoutId`, async ({ params, ctx }) =>
      html(async () => checkoutPage(await ctx.tx((tx) => viewCheckout(tx, ctx, params.checkoutId ?? '')))),
    );
    r.post(`/_emulator/pages/${kind}/:checkoutId`, async ({ params, body, ctx }) =>
      html(() => submit(ctx, params.checkoutId ?? '', body)),
    );
  }

  return r;
}
