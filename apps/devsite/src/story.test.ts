import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devsite, startDevsite } from './devsite.ts';
import { DEMO_GYM } from './seed.ts';
import { axeFindings } from './testing/axe.ts';
import { launchChromium } from './testing/browser.ts';
import { MemberModel, storyInstants } from './testing/calendar.ts';
import { consoleNoise } from './testing/console.ts';
import { STRICT_PLATFORM } from './testing/platform.ts';
import { dashboardInGerman } from './testing/story-german.ts';
import { pauseAndResume, restartEnded } from './testing/story-lifecycle.ts';
import {
  bringSiteMembersIn,
  buyGrowPlan,
  chargeRileyWithPaymentLink,
  exportMembersCsv,
  leavingAsks,
  seeWidgetColoursLocked,
  seeWidgetPanel,
  visitorAsksToLogIn,
  wizardChecksTheStep,
} from './testing/story-owner.ts';

/**
 * The whole story in headless Chromium, from a fresh data directory: the owner sets the program up; a member joins
 * and gets a program; visits over two time-travelled months earn tokens and the rollover cap shows at renewal; the
 * widget lists what is redeemable; the member redeems and sees a pickup code; the owner hands it over; after the
 * membership length the program ends and visits earn nothing. The member's moments of the widget: it refreshes after
 * a check-in, says what the month's turn carries over and expires (and after it what happened), shows the catalogue by
 * tier with the visits missing, confirms on the card by keyboard (on screen at 390 px), keeps the pickup code until it
 * is handed over; in English and German (`/site?lang=de`), with axe-core finding no serious violation in it.
 *
 * The story owns its clock: it runs once from each of the calendar edges in `testing/calendar.ts` (mid-month, the last
 * day of a month, both daylight-saving changes, New Year's Eve), with the platform's clock frozen there and moved only by
 * the devsite's controls, and checks each balance against a model of the program's rules worked out from the calendar.
 * A screenshot of each page, from the first instant, is kept in `screenshots/`; no page may leave a warning or an error in
 * the console.
 */
const RULES = { tokens: 1, rolloverCap: 3, months: 3, zone: DEMO_GYM.timeZone };
const TIERS = [
  { price: 2, products: ['Protein Bar', 'Sweat Towel'] },
  { price: 5, products: ['Gym T-Shirt'] },
  { price: 10, products: ['Hoodie'] },
];
const DOOR_ANSWERS = {
  TOKEN_ISSUED: 'token issued',
  ALREADY_COUNTED: 'already counted',
  NOT_IN_PROGRAM: 'not in the rewards program',
} as const;
const shots = resolve(dirname(fileURLToPath(import.meta.url)), '../screenshots');
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe.each(storyInstants().map((instant, i) => ({ ...instant, first: i === 0 })))(
  'the Gym Rewards story from $at ($name)',
  ({ at, first }) => {
    let dataDir: string;
    let devsite: Devsite;
    let page: Page;
    let member: MemberModel;
    let noise: string[];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'devsite-story-'));
      chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when the tests run as root
      devsite = await startDevsite({
        port: 0,
        database: join(dataDir, 'wix-emulator'),
        sweepEveryMs: 0,
        strict: STRICT_PLATFORM,
        clock: { set: at, freeze: true },
        log: () => {},
      });
      page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
      page.setDefaultTimeout(30_000);
      noise = consoleNoise(page);
    });
    afterAll(async () => {
      await page?.close();
      await devsite?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    const hook = (name: string) => page.locator(`[data-hook="${name}"]`);
    const widget = () => page.locator('redeemable-benefits');
    const shot = async (name: string) => {
      if (first) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    };
    const fill = (name: string, value: string) => hook(name).locator('input').first().fill(value);
    const storyPage = () => ({ page, url: devsite.url, shot, fill });
    const now = async () =>
      new Date(((await (await fetch(`${devsite.url}/_devsite/api/clock`)).json()) as { now: string }).now);
    const advance = (unit: 'day' | 'month') =>
      Promise.all([page.waitForEvent('load'), hook(`devsite-advance-${unit}`).click()]);
    /** A check-in at the door, answered as the model says. */
    async function doorCheckIn(name: string) {
      const expected = DOOR_ANSWERS[member.visit(await now())];
      await hook('devsite-check-in-member').selectOption({ label: name });
      await hook('devsite-result').evaluate((el) => {
        el.textContent = '';
      });
      await hook('devsite-check-in').click();
      await expect.poll(() => hook('devsite-result').textContent()).not.toBe('');
      expect(await hook('devsite-result').textContent()).toContain(expected);
    }
    const number = (text: string | null) => Number(/(\d+)/.exec(text ?? '')?.[1]);
    async function expectWidgetBalance() {
      const expected = member.at(await now());
      expect(number(await widget().locator('[data-hook="rewards-balance"]').textContent())).toBe(expected);
      return expected;
    }
    const inWidget = (name: string) => widget().locator(`[data-hook="${name}"]`);
    /** The data-hook of what has the focus inside the widget's shadow root. */
    const focused = () =>
      widget().evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('data-hook') ?? null) as Promise<
        string | null
      >;
    /** Axe-core finds no serious or critical WCAG A/AA violation in the widget. */
    async function expectAccessibleWidget() {
      expect(await axeFindings(page, 'redeemable-benefits')).toEqual([]);
    }
    /** What the widget says the next month's turn does to a balance under the rollover cap (English). */
    function englishOutlook(balance: number): string[] {
      const carry = Math.min(balance, RULES.rolloverCap);
      const expire = balance - carry;
      if (expire === 0) return ['All your tokens carry over on'];
      return [
        `${carry} token${carry === 1 ? ' carries' : 's carry'} over on`,
        `${expire} expire${expire === 1 ? 's: spend it' : ': spend them'} before then.`,
      ];
    }

    it('the owner sets up the program', async () => {
      await page.goto(`${devsite.url}/dashboard/setup`);
      await wizardChecksTheStep(storyPage());
      await fill('setup-program-name', 'Iron Harbor Rewards');
      // Unsaved changes: leaving asks first.
      expect(await leavingAsks(page)).toBe(true);
      await fill('setup-membership-months', String(RULES.months));
      await hook('setup-next').click();
      await fill('setup-token-name', 'Tokens');
      await fill('setup-initial-tokens', String(RULES.tokens));
      const rollover = hook('setup-rollover').locator('input');
      if (!(await rollover.isChecked())) await hook('setup-rollover').click();
      await fill('setup-rollover-cap', String(RULES.rolloverCap));
      await hook('setup-next').click();

      for (const [i, tier] of TIERS.entries()) {
        if (i > 0) await hook('tier-add').click();
        await fill(`tier-price-${i}`, String(tier.price));
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
      // Save on the last step.
      await hook('setup-save-review').click();
      await hook('setup-result').waitFor({ timeout: 60_000 });
      expect(await hook('setup-result-created').textContent()).toBe('4');
      expect(await hook('setup-result').textContent()).toContain('4 rewards added');
      expect(await leavingAsks(page)).toBe(false);
      await shot('2-setup-saved');
      await bringSiteMembersIn(storyPage(), DEMO_GYM.members.length, await now());
      await page.goto(`${devsite.url}/dashboard/setup`);
      // Opening the page again shows the program as saved, to edit.
      await page.reload();
      await expect.poll(() => hook('setup-program-name').locator('input').inputValue()).toBe('Iron Harbor Rewards');
      await expect.poll(() => hook('setup-status').textContent()).toContain('Saved');
    });

    it('a visitor sees a log-in prompt; a member joins and gets a program', async () => {
      await page.goto(`${devsite.url}/site`);
      await visitorAsksToLogIn(storyPage());
      await hook('site-join-name').fill('Riley Quinn');
      await hook('site-join-email').fill('riley@example.com');
      await Promise.all([page.waitForEvent('load'), hook('site-join-submit').click()]);
      expect(await hook('site-member-name').textContent()).toBe('Riley Quinn');
      // The member-created event reaches the app's backend as a webhook: the program follows within moments.
      await expect
        .poll(
          async () => {
            await page.reload();
            await widget().locator('[data-hook="rewards-balance"], [data-hook="rewards-not-in-program"]').waitFor();
            return widget().locator('[data-hook="rewards-balance"]').count();
          },
          { timeout: 30_000 },
        )
        .toBe(1);
      // The clock stands still, so the program started now.
      member = new MemberModel(RULES, await now());
      expect(await expectWidgetBalance()).toBe(RULES.tokens);
      await shot('4-site-member-joined');
    });

    it('visits over two months earn tokens, and the rollover cap shows at renewal', async () => {
      for (let day = 0; day < 4; day++) {
        await doorCheckIn('Riley Quinn');
        // The widget refreshes itself after a check-in (the devbar's `devsite:changed`), with no reload.
        if (day === 0) {
          const expected = member.at(await now());
          await expect.poll(async () => number(await inWidget('rewards-balance').textContent())).toBe(expected);
        }
        // A second visit the same day does not count.
        if (day === 0) await doorCheckIn('Riley Quinn');
        await advance('day');
      }
      await expectWidgetBalance();
      // Before the month's turn the widget says what carries over and what expires.
      const outlook = (await inWidget('rewards-renewal-next').textContent()) ?? '';
      for (const part of englishOutlook(member.at(await now()))) expect(outlook).toContain(part);
      await shot('5a-site-renewal-outlook');
      // Renewal: at most 3 roll over, plus the month's 1.
      await advance('month');
      await expectWidgetBalance();
      // After it, what happened.
      await expect(inWidget('rewards-renewal-last').textContent()).resolves.toMatch(
        /^At the turn of the month \(.+\): (nothing expired|\d+ tokens? expired over the cap), 1 new token arrived\.$/,
      );
      await shot('5-site-after-renewal');
      for (let day = 0; day < 2; day++) {
        await doorCheckIn('Riley Quinn');
        await advance('day');
      }
      await expectWidgetBalance();
      expect(member.cappedOnce).toBe(true);
    });

    it('in German, at 1360 px and on a 390 px phone: the catalogue by tier, the confirmation on the card, by keyboard', async () => {
      const balance = member.at(await now());
      await page.goto(`${devsite.url}/site?lang=de`);
      await inWidget('rewards-balance').waitFor();
      expect(await widget().locator('h2').textContent()).toBe('Deine Prämien');
      // Every tier, named by default, the locked ones with the visits still missing (a visit earns a token).
      for (const [i, tier] of TIERS.entries()) {
        const section = inWidget(`tier-tier-${i + 1}`);
        expect(await section.locator('h4').textContent()).toMatch(new RegExp(`^Stufe ${i + 1} ${tier.price} Tokens?$`));
        const missing = tier.price - balance;
        expect(await section.locator('.state').textContent()).toBe(
          missing > 0 ? `Gesperrt: noch ${missing} ${missing === 1 ? 'Besuch' : 'Besuche'}` : 'Jetzt einlösbar',
        );
      }
      expect(await inWidget('my-pickups').locator('h3').textContent()).toBe('Meine Prämien zum Abholen');
      await expect(inWidget('rewards-renewal-last').textContent()).resolves.toMatch(/^Beim Monatswechsel/);
      await expectAccessibleWidget();
      await shot('6a-site-german');

      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const tier = TIERS.filter((t) => t.price <= balance).at(-1)!;
      const reward = widget().locator('[data-hook^="rewards-item-"]', { hasText: tier.products[0]! });
      const redeemButton = reward.locator('button[data-hook^="redeem-"]');
      const redeemHook = await redeemButton.getAttribute('data-hook');
      // By keyboard: Enter on Redeem opens the confirmation on the card, with the focus on Confirm.
      await redeemButton.focus();
      await page.keyboard.press('Enter');
      const confirmation = inWidget('redeem-confirmation');
      await confirmation.waitFor();
      expect(await focused()).toBe('redeem-confirm');
      expect(await confirmation.locator('legend').textContent()).toBe(
        `${tier.products[0]} für ${tier.price} Tokens einlösen?`,
      );
      // On the phone it is where the member tapped, on screen, its buttons enabled.
      const box = (await confirmation.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      expect(await inWidget('redeem-confirm').isEnabled()).toBe(true);
      await expectAccessibleWidget();
      await shot('6b-site-german-phone-confirmation');
      // Escape cancels, and the focus goes back to Redeem.
      await page.keyboard.press('Escape');
      await confirmation.waitFor({ state: 'detached' });
      expect(await focused()).toBe(redeemHook);
      await page.setViewportSize({ width: 1360, height: 1000 });
      await page.goto(`${devsite.url}/site`);
    });

    let code = '';
    let redeemed = '';
    it('the widget lists what is redeemable; the member redeems and sees a pickup code', async () => {
      const balance = member.at(await now());
      const affordable = TIERS.filter((t) => t.price <= balance);
      const next = TIERS.find((t) => t.price > balance);
      await expect
        .poll(() => widget().locator('[data-hook^="rewards-item-"]').count())
        .toBe(affordable.flatMap((t) => t.products).length);
      if (next) {
        await expect(widget().locator('[data-hook="rewards-next-tier"]').textContent()).resolves.toContain(
          `${next.price - balance} more`,
        );
      }
      await shot('6-site-redeemable');
      // The dearest reward the member can have: the T-shirt, unless a renewal took the tokens for it.
      const tier = affordable.at(-1)!;
      const reward = widget().locator('[data-hook^="rewards-item-"]', { hasText: tier.products[0]! });
      await reward.locator('[data-hook^="redeem-"]').click();
      await widget().locator('[data-hook="redeem-confirm"]').click();
      redeemed = tier.products[0]!;
      code = ((await widget().locator('[data-hook="pickup-code"]').textContent()) ?? '').trim();
      expect(code).toMatch(/^[A-Z2-9]{6}$/);
      member.redeem(tier.price, await now());
      await shot('7-site-pickup-code');
      // The code stays in "My rewards to pick up" after Done and after a reload, until it is handed over.
      await inWidget('pickup-done').click();
      await inWidget('rewards-pickup').waitFor({ state: 'detached' });
      await inWidget(`my-pickup-${code}`).waitFor();
      await page.reload();
      await expect(inWidget(`my-pickup-${code}`).textContent()).resolves.toContain(code);
      await expectAccessibleWidget();
      await shot('7a-site-my-pickups');
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
      const balance = member.at(await now());
      await expect.poll(async () => number(await hook('member-balance').textContent())).toBe(balance);
      // The renewal's line in the ledger says what the rollover cap took.
      await expect(hook('ledger').textContent()).resolves.toContain('over the rollover cap');
      await shot('9-dashboard-member-ledger');
      await pauseAndResume(storyPage(), 'Riley Quinn');
      await page.goto(`${devsite.url}/dashboard/overview`);
      await hook('overview-chart').waitFor();
      // The reward Riley redeemed, by product.
      await expect(hook('overview-redemptions').textContent()).resolves.toContain(redeemed);
      // Riley's tokens are among those the gym owes (the members brought in hold theirs too).
      expect(number(await hook('overview-outstanding').textContent())).toBeGreaterThanOrEqual(balance);
      await shot('10-dashboard-overview');
      await dashboardInGerman(storyPage(), redeemed);
    });

    it("on the free plan the widget's settings panel locks the colours, naming Studio; the title stays editable", async () => {
      await seeWidgetColoursLocked(storyPage());
    });

    it('a free-plan owner finds payment links locked; opens Plans in two languages and buys Grow on the order page', async () => {
      await buyGrowPlan(storyPage());
    });

    it('the owner charges a member with a payment link; the member pays and earns tokens by the rule', async () => {
      await chargeRileyWithPaymentLink(storyPage());

      // 84 paid: 8 tokens, once (the payment event reaches the app's backend as a webhook).
      member.earn(8, await now());
      const expected = member.at(await now());
      await page.goto(`${devsite.url}/site`);
      await expect
        .poll(async () => {
          await page.reload();
          return number(await widget().locator('[data-hook="rewards-balance"]').textContent());
        })
        .toBe(expected);
    });

    it('on Grow the owner exports the members and their balances, and a ledger naming the reward, as CSV', async () => {
      await exportMembersCsv(storyPage(), { name: 'Riley Quinn', balance: member.at(await now()), product: redeemed });
    });

    it('after the membership length the program ends and visits earn nothing', async () => {
      await page.goto(`${devsite.url}/site`);
      // Handed over: the pickup has left the waiting list for the short history.
      await inWidget(`my-pickup-done-${code}`).waitFor();
      expect(await inWidget(`my-pickup-${code}`).count()).toBe(0);
      await shot('10a-site-pickup-history');
      for (let month = 0; month < RULES.months; month++) await advance('month');
      expect(member.ended(await now())).toBe(true);
      await doorCheckIn('Riley Quinn');
      await widget().locator('[data-hook="rewards-ended"]').waitFor();
      await shot('11-site-program-ended');
      await restartEnded(storyPage(), 'Riley Quinn', RULES.tokens);
    });

    it("the widget's settings panel shows its title and colours", async () => {
      await seeWidgetPanel(storyPage());
    });

    it('no page of the story left a warning or an error in the console', () => expect(noise).toEqual([]));
  },
);
