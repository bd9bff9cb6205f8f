import { AUTOMATION_TRIGGERS } from '@gym-rewards/flows';
import { Hono } from 'hono';
import { escapeHtml } from '../html.ts';
import type { Platform } from './platform.ts';

/** One event the app reported to Wix Automations (`GET /_emulator/v1/automations/events`). */
interface ReportedEvent {
  id: string;
  triggerKey: string;
  payload: Record<string, unknown>;
  reportedDate: string;
  canceledDate: string | null;
}

const triggerNames = new Map(Object.values(AUTOMATION_TRIGGERS).map((t) => [t.key as string, t.name as string]));

const payloadText = (payload: Record<string, unknown>) =>
  Object.entries(payload)
    .filter(([key]) => key !== 'member_id')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');

const row = (e: ReportedEvent, names: Map<string, string>) => {
  const member = String(e.payload.member_id ?? '');
  return `<tr data-hook="automation-event" data-trigger="${escapeHtml(e.triggerKey)}">
  <td>${escapeHtml(triggerNames.get(e.triggerKey) ?? e.triggerKey)}${e.canceledDate ? ' <em>(canceled)</em>' : ''}</td>
  <td>${escapeHtml(e.reportedDate)}</td>
  <td data-hook="automation-member">${escapeHtml(names.get(member) ?? member)}</td>
  <td data-hook="automation-payload">${escapeHtml(payloadText(e.payload))}</td>
</tr>`;
};

/**
 * `/automations`: what the app reported to Wix Automations as its triggers (reward ready for pickup, tokens expire
 * soon, program ending), newest first. On Wix these start the site owner's automations (an email, a task); the devsite
 * shows them.
 */
export function automationsPage(platform: Platform) {
  const app = new Hono();
  app.get('/automations', async (c) => {
    const [{ events }, people] = await Promise.all([
      platform.admin<{ events: ReportedEvent[] }>('/_emulator/v1/automations/events'),
      platform.people(),
    ]);
    const names = new Map(people.map((p) => [p.id, p.name]));
    const body = events.length
      ? `<table class="outbox"><thead><tr><th>Trigger</th><th>Reported</th><th>Member</th><th>Payload</th></tr></thead>
<tbody>${events.map((e) => row(e, names)).join('\n')}</tbody></table>`
      : '<p data-hook="automations-empty">Nothing reported yet: redeem a reward on the live site.</p>';
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Automations · devsite</title>
<link rel="icon" href="data:," />
<link rel="stylesheet" href="/src/client/shell.css" /></head>
<body class="outbox-page"><main><h1>Reported to Wix Automations</h1>
<p><a href="/dashboard">Dashboard</a> · <a href="/site">Live site</a></p>
${body}</main></body></html>`);
  });
  return app;
}
