import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devsite, startDevsite } from './devsite.ts';

/**
 * The whole story in headless Chromium, from a fresh data directory: the owner sets the program up; a member joins
 * and gets a program; visits over two time-travelled months earn tokens and the rollover cap shows at renewal; the
 * widget lists what is redeemable; the member redeems and sees a pickup code; the owner hands it over; after the
 * membership length the program ends and visits earn nothing. A screenshot of each page is kept in `screenshots/`.
 */
const shots = resolve(dirname(fileURLToPath(import.meta.url)), '../screenshots');
let dataDir: string;
let devsite: Devsite;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'devsite-story-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when the tests run as root
  mkdirSync(shots, { recursive: true });
  devsite = await startDevsite({ port: 0, database: join(dataDir, 'wix-emulator'), sweepEveryMs: 0, log: () => {} });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
});
afterAll(async () => {
  await browser?.close();
  await devsite?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const hook = (name: string) => page.locator(`[data-hook="${name}"]`);
const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const fill = async (name: string, value: string) => {
  const input = hook(name).locator('input').first();
  await input.fill(value);
};
async function advance(unit: 'day' | 'month') {
  await Promise.all([page.waitForEvent('load'), hook(`devsite-advance-${unit}`).click()]);
}
async function doorCheckIn(name: string): Promise<string> {
  await hook('devsite-check-in-member').selectOption({ label: name });
  await hook('devsite-result').evaluate((el) => {
    el.textContent = '';
  });
  await hook('devsite-check-in').click();
  await expect.poll(() => hook('devsite-result').textContent()).not.toBe('');
  return (await hook('devsite-result').textContent()) ?? '';
}
async function widgetBalance(): Promise<number> {
  const text = await page.locator('redeemable-benefits').locator('[data-hook="rewards-balance"]').textContent();
  return Number(/(\d+)/.exec(text ?? '')?.[1]);
}

describe('the Gym Rewards story', () => {
  it('the owner sets up the program', async () => {
    await page.goto(`${devsite.url}/dashboard/setup`);
    await hook('setup-program-name').waitFor();
    await fill('setup-program-name', 'Iron Harbor Rewards');
    await fill('setup-membership-months', '3');
    await hook('setup-next').click();
    await fill('setup-token-name', 'Tokens');
    await fill('setup-initial-tokens', '1');
    const rollover = hook('setup-rollover').locator('input');
    if (!(await rollover.isChecked())) await hook('setup-rollover').click();
    await fill('setup-rollover-cap', '3');
    await hook('setup-next').click();

    const tiers: Array<{ price: string; products: string[] }> = [
      { price: '2', products: ['Protein Bar', 'Sweat Towel'] },
      { price: '5', products: ['Gym T-Shirt'] },
      { price: '10', products: ['Hoodie'] },
    ];
    for (const [i, tier] of tiers.entries()) {
      if (i > 0) await hook('tier-add').click();
      await fill(`tier-price-${i}`, tier.price);
      for (const name of tier.products) {
        await fill('product-search', name);
        await expect.poll(() => page.locator('[data-hook^="product-card-"]').count()).toBe(1);
        const card = page.locator('[data-hook^="product-card-"]', { hasText: name }).first();
        await card.click();
        await expect.poll(() => card.getAttribute('data-selected')).toBe('true');
      }
    }
    await shot('1-setup-tiers');
    await hook('setup-next').click();
    await hook('setup-review').waitFor();
    await hook('setup-save').click();
    await hook('setup-result').waitFor({ timeout: 60_000 });
    expect(await hook('setup-result-created').textContent()).toBe('4');
    await shot('2-setup-saved');
    // Opening the page again shows the program as saved, to edit.
    await page.reload();
    await expect.poll(() => hook('setup-program-name').locator('input').inputValue()).toBe('Iron Harbor Rewards');
    await expect.poll(() => hook('setup-status').textContent()).toContain('Saved');
  });

  it('a visitor sees a log-in prompt; a member joins and gets a program', async () => {
    await page.goto(`${devsite.url}/site`);
    const widget = page.locator('redeemable-benefits');
    await widget.locator('[data-hook="rewards-login"]').waitFor();
    await shot('3-site-visitor');
    await hook('site-join-name').fill('Riley Quinn');
    await hook('site-join-email').fill('riley@example.com');
    await Promise.all([page.waitForEvent('load'), hook('site-join-submit').click()]);
    expect(await hook('site-member-name').textContent()).toBe('Riley Quinn');
    // The member-created event reaches the app's backend as a webhook: the program follows within moments.
    await expect
      .poll(
        async () => {
          await page.reload();
          await widget.locator('[data-hook="rewards-balance"], [data-hook="rewards-not-in-program"]').waitFor();
          return widget.locator('[data-hook="rewards-balance"]').count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await widgetBalance()).toBe(1);
    await shot('4-site-member-joined');
  });

  it('visits over two months earn tokens, and the rollover cap shows at renewal', async () => {
    for (let day = 0; day < 4; day++) {
      expect(await doorCheckIn('Riley Quinn')).toContain('token issued');
      // A second visit the same day does not count.
      if (day === 0) expect(await doorCheckIn('Riley Quinn')).toContain('already counted');
      await advance('day');
    }
    expect(await widgetBalance()).toBe(5);
    await advance('month');
    // Renewal: at most 3 roll over, plus the month's 1.
    expect(await widgetBalance()).toBe(4);
    await shot('5-site-after-renewal');
    for (let day = 0; day < 2; day++) {
      expect(await doorCheckIn('Riley Quinn')).toContain('token issued');
      await advance('day');
    }
    expect(await widgetBalance()).toBe(6);
  });

  let code = '';
  it('the widget lists what is redeemable; the member redeems and sees a pickup code', async () => {
    const widget = page.locator('redeemable-benefits');
    await expect.poll(() => widget.locator('[data-hook^="rewards-item-"]').count()).toBe(3); // 2 + 5 token tiers
    await expect(widget.locator('[data-hook="rewards-next-tier"]').textContent()).resolves.toContain('4');
    await shot('6-site-redeemable');
    const shirt = widget.locator('[data-hook^="rewards-item-"]', { hasText: 'Gym T-Shirt' });
    await shirt.locator('[data-hook^="redeem-"]').click();
    await widget.locator('[data-hook="redeem-confirm"]').click();
    code = ((await widget.locator('[data-hook="pickup-code"]').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await shot('7-site-pickup-code');
  });

  it('the owner sees the member and hands the pickup over', async () => {
    await page.goto(`${devsite.url}/dashboard/members`);
    await hook(`pickup-row-${code}`).waitFor();
    await page.locator('[data-hook^="member-row-"]', { hasText: 'Riley Quinn' }).waitFor();
    await shot('8-dashboard-members');
    await hook(`hand-over-${code}`).click();
    await hook(`pickup-row-${code}`).waitFor({ state: 'detached' });
    await page.locator('[data-hook^="member-row-"]', { hasText: 'Riley Quinn' }).click();
    await hook('member-panel').waitFor();
    await expect.poll(() => hook('member-balance').textContent()).toContain('1');
    // The renewal's line in the ledger says what the rollover cap took.
    await expect(hook('ledger').textContent()).resolves.toContain('over the rollover cap');
    await shot('9-dashboard-member-ledger');
    await page.goto(`${devsite.url}/dashboard/overview`);
    await hook('overview-chart').waitFor();
    await shot('10-dashboard-overview');
  });

  it('after the membership length the program ends and visits earn nothing', async () => {
    await page.goto(`${devsite.url}/site`);
    for (let month = 0; month < 3; month++) await advance('month');
    expect(await doorCheckIn('Riley Quinn')).toContain('not in the rewards program');
    await page.locator('redeemable-benefits').locator('[data-hook="rewards-ended"]').waitFor();
    await shot('11-site-program-ended');
  });

  it("the widget's settings panel shows its title and colours", async () => {
    await page.setViewportSize({ width: 700, height: 480 });
    await page.goto(`${devsite.url}/editor/panel`);
    await expect.poll(() => hook('panel-widget-title').locator('input').inputValue()).toBe('Your rewards');
    await hook('panel-accent-color').waitFor();
    await shot('12-editor-widget-panel');
  });
});
