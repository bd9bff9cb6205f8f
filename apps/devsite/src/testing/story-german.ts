import { expect } from 'vitest';
import { expectAccessible, type StoryPage, shotOnPhone } from './story-owner.ts';

/**
 * The owner's dashboard in German (`?locale=de`, as Wix opens a dashboard page in a language): each page's own words
 * in German and none of its English, axe-checked, at 1360 and 390 px. `story.test.ts` runs them once the program has
 * members, a redemption and a handed-over pickup.
 */
export async function dashboardInGerman(story: StoryPage, redeemed: string) {
  await overviewInGerman(story, redeemed);
  await setupInGerman(story);
  await membersInGerman(story);
  await paymentLinksInGerman(story);
}

const hookOf = (story: StoryPage) => (name: string) => story.page.locator(`[data-hook="${name}"]`);

/** The Overview: its figures and bars in German words. */
async function overviewInGerman(story: StoryPage, redeemed: string) {
  const { page, url } = story;
  const hook = hookOf(story);
  await page.goto(`${url}/dashboard/overview?locale=de`);
  await hook('overview-chart').waitFor();
  const text = await hook('overview-page').textContent();
  expect(text).toContain('Übersicht');
  expect(text).toContain('Aktive Mitglieder');
  expect(text).not.toContain('Active members');
  expect(await hook('overview-redemptions').textContent()).toContain('Eingelöste Prämien');
  expect(await hook('overview-redemptions').textContent()).toContain(redeemed);
  expect(await page.locator('[data-hook^="chart-bar-issued-"] title').first().textContent()).toMatch(
    / Token ausgegeben$/,
  );
  await expectAccessible(page, 'overview-page');
  await shotOnPhone(story, '10b-dashboard-overview-de');
}

/** The Setup page of a saved program: the wizard and its steps, bringing members in, door access. */
async function setupInGerman(story: StoryPage) {
  const { page, url } = story;
  const hook = hookOf(story);
  await page.goto(`${url}/dashboard/setup?locale=de`);
  await expect.poll(() => hook('setup-status').textContent()).toContain('Gespeichert');
  const wizard = await hook('setup-wizard').textContent();
  expect(wizard).toContain('Grundlagen');
  expect(wizard).toContain('Schritt 1 von 4');
  expect(await hook('setup-page').textContent()).toContain('Prämienprogramm einrichten');
  expect(await hook('enroll-members').textContent()).toContain('Bestehende Mitglieder aufnehmen');
  expect(await hook('door-access').textContent()).toContain('Türzugang');
  expect(await hook('earn-on-payment').textContent()).toContain('Token für Zahlungslinks');
  for (const english of [
    'Rewards setup',
    'Program basics',
    'Step 1 of',
    'Door access',
    'Bring existing members in',
    'Earn on payment links',
  ]) {
    expect(await hook('setup-page').textContent()).not.toContain(english);
  }
  await hook('setup-next').click();
  await expect.poll(() => hook('setup-step-1').textContent()).toContain('Token und Übertragung');
  await expectAccessible(page, 'setup-page');
  await shotOnPhone(story, '10c-dashboard-setup-de');
}

/** The Members page: the list, a member's panel and the ledger's lines in the flows' German words. */
async function membersInGerman(story: StoryPage) {
  const { page, url } = story;
  const hook = hookOf(story);
  await page.goto(`${url}/dashboard/members?locale=de`);
  const riley = page.locator('[data-hook^="member-row-"]', { hasText: 'Riley Quinn' });
  await riley.waitFor();
  const list = await hook('members').textContent();
  expect(list).toContain('Guthaben');
  expect(list).toContain('Restmonate');
  expect(list).toContain('CSV exportieren');
  expect(list).not.toContain('Months left');
  expect(await hook('members-page').textContent()).toContain('Wartende Abholungen');
  await riley.click();
  await hook('member-panel').waitFor();
  await expect.poll(() => hook('ledger').textContent()).toContain('Über der Übertragungsgrenze verfallen');
  const panel = await hook('member-panel').textContent();
  expect(panel).toContain('Token korrigieren');
  expect(panel).toContain('Verlauf');
  expect(await hook('member-pause').textContent()).toBe('Pausieren');
  for (const english of ['over the rollover cap', 'Adjust tokens', 'Ledger', 'Welcome tokens']) {
    expect(panel).not.toContain(english);
  }
  await expectAccessible(page, 'members');
  await expectAccessible(page, 'member-panel');
  await shotOnPhone(story, '10d-dashboard-members-de');
}

/** Payment links on the free plan: the page, its filters and its lock naming the plan, in German. */
async function paymentLinksInGerman(story: StoryPage) {
  const { page, url } = story;
  const hook = hookOf(story);
  await page.goto(`${url}/dashboard/payment-links?locale=de`);
  await hook('links-create').waitFor();
  await hook('plan-lock-payment-links').waitFor();
  const text = await hook('payment-links-page').textContent();
  expect(text).toContain('Zahlungslinks');
  expect(text).toContain('Zahlungslink erstellen');
  expect(await hook('links-search').locator('input').getAttribute('placeholder')).toBe('Titel suchen');
  for (const english of ['Payment links', 'Create payment link', 'No payment links yet'])
    expect(text).not.toContain(english);
  await expectAccessible(page, 'payment-links-page');
  await shotOnPhone(story, '10e-dashboard-payment-links-de');
}
