import { Hono } from 'hono';
import { escapeHtml } from '../html.ts';
import type { Platform } from './platform.ts';

/** One message the platform sent for Send Payment Link (`GET /_emulator/v1/outbox`). */
interface SentMessage {
  id: number;
  paymentLinkId: string;
  contactId: string;
  sendMethod: string;
  to: string | null;
  title: string;
  amount: string;
  currency: string;
  url: string;
  sentAt: string;
}

const row = (m: SentMessage) => `<tr data-hook="outbox-message" data-link="${escapeHtml(m.paymentLinkId)}">
  <td>${escapeHtml(m.sentAt)}</td>
  <td data-hook="outbox-to">${escapeHtml(m.to ?? m.contactId)}</td>
  <td>${escapeHtml(m.sendMethod === 'EMAIL_METHOD' ? 'Email' : 'SMS')}</td>
  <td>${escapeHtml(m.title)}</td>
  <td>${escapeHtml(`${m.amount} ${m.currency}`)}</td>
  <td><a data-hook="outbox-open" href="${escapeHtml(m.url)}">Open the link</a></td>
</tr>`;

/**
 * `/outbox`: what the platform sent when the owner sent a payment link, newest first, each with the link as the buyer
 * receives it (the emulator's checkout and order pages, on the platform's own origin). Wix emails them; the devsite
 * shows them.
 */
export function outboxPage(platform: Platform) {
  const app = new Hono();
  app.get('/outbox', async (c) => {
    const { messages } = await platform.admin<{ messages: SentMessage[] }>('/_emulator/v1/outbox');
    const body = messages.length
      ? `<table class="outbox"><thead><tr><th>Sent</th><th>To</th><th>By</th><th>Link</th><th>Amount</th><th></th></tr></thead>
<tbody>${messages.map(row).join('\n')}</tbody></table>`
      : '<p data-hook="outbox-empty">Nothing sent yet: send a payment link from the dashboard.</p>';
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Sent payment links · devsite</title>
<link rel="icon" href="data:," />
<link rel="stylesheet" href="/src/client/shell.css" /></head>
<body class="outbox-page"><main><h1>Sent payment links</h1>
<p><a href="/dashboard/payment-links">Payment links</a> · <a href="/site">Live site</a></p>
${body}</main></body></html>`);
  });
  return app;
}
