import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The owner's steps of the browser story on the premium plans and payment links pages (`story.test.ts` runs them in
 * its order): what a step needs of the story is its page, the devsite's address, and its screenshot and field helpers.
 */
export interface StoryPage {
  page: Page;
  url: string;
  shot: (name: string) => Promise<void>;
  fill: (hook: string, value: string) => Promise<void>;
}

/** A free-plan owner finds payment links locked; opens Plans in two languages and buys Grow on the order page. */
export async function buyGrowPlan({ page, url, shot }: StoryPage) {
  const hook = (name: string) => page.locator(`[data-hook="${name}"]`);
  await page.goto(`${url}/dashboard/payment-links`);
  await hook('plan-lock-payment-links').waitFor();
  await expect.poll(() => hook('links-create').isDisabled()).toBe(true);
  await shot('18-payment-links-locked');
  // The way to upgrade: the lock names the plan and opens Plans.
  expect(await hook('plan-lock-payment-links').textContent()).toContain('Grow');
  await Promise.all([
    page.waitForURL('**/dashboard/plans'),
    hook('plan-lock-payment-links').getByText('See plans').click(),
  ]);
  await hook('plan-card-grow').waitFor();
  expect(await hook('plan-current-free').count()).toBe(1);
  expect(await hook('plans-compare').textContent()).toContain('Payment links');
  await shot('19-plans-en');
  // In German: the plans' texts come translated from the premium platform.
  await hook('plans-locale').click();
  await page.getByText('Deutsch', { exact: true }).click();
  await expect.poll(() => hook('plan-card-grow').textContent()).toContain('Wachsen');
  expect(await hook('plans-compare').textContent()).toContain('Zahlungslinks');
  await shot('20-plans-de');
  await hook('plan-choose-grow').click();
  await hook('plans-checkout-frame').waitFor();
  const checkout = page.frameLocator('[data-hook="plans-checkout-frame"]');
  await checkout.getByRole('button', { name: /^Pay/ }).click();
  await checkout.getByText('Payment complete').waitFor();
  await shot('21-plans-order-page-paid');
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/dashboard/plans' && url.searchParams.get('paid') === '1'),
    checkout.getByRole('link', { name: 'Continue' }).click(),
  ]);
  await hook('plans-success').waitFor();
  // In the language chosen on Plans (German), carried through the checkout.
  await expect.poll(() => hook('plans-unlocked').textContent()).toContain('Zahlungslinks');
  await shot('22-plans-success');
  await page.goto(`${url}/dashboard/payment-links`);
  await hook('links-empty').waitFor();
  await expect.poll(() => hook('links-create').isDisabled()).toBe(false);
  expect(await hook('plan-lock-payment-links').count()).toBe(0);
}

/** The owner turns earning on payments on, creates a link for two store products to Riley, who pays it at the checkout. */
export async function chargeRileyWithPaymentLink({ page, url, shot, fill }: StoryPage) {
  const hook = (name: string) => page.locator(`[data-hook="${name}"]`);
  // The rule: one token per 10 of the currency paid.
  await page.goto(`${url}/dashboard/setup`);
  await hook('earn-on-payment-enabled').click();
  await fill('earn-on-payment-amount', '10');
  await hook('earn-on-payment-save').click();
  await expect.poll(() => hook('earn-on-payment-save').textContent()).toBe('Save rule');
  await page.reload();
  await expect.poll(() => hook('earn-on-payment-enabled').locator('input').isChecked()).toBe(true);

  // A link for two store products, to the member.
  await page.goto(`${url}/dashboard/payment-links`);
  await hook('links-empty').waitFor();
  await hook('links-create').click();
  await fill('create-link-title', 'Hoodie and gym bag');
  for (const name of ['Hoodie', 'Gym Bag']) {
    await fill('item-product-search', name);
    await page.locator('[data-hook^="item-add-"]', { hasText: name }).first().click();
  }
  await fill('recipient-search', 'Riley');
  await page.locator('[data-hook^="recipient-contact-"]', { hasText: 'riley@example.com' }).click();
  await shot('13-dashboard-payment-link-create');
  await hook('create-link-submit').click();
  await hook('link-panel').waitFor();
  await expect.poll(() => hook('link-qr').count()).toBe(1);
  await shot('14-dashboard-payment-link-created');
  await hook('link-send').click();
  const outbox = async () => (await fetch(`${url}/outbox`)).text();
  await expect.poll(outbox).toContain('riley@example.com');

  // The member gets it (the devsite's outbox), opens it and pays at the checkout.
  await page.goto(`${url}/outbox`);
  await hook('outbox-message').first().waitFor();
  expect(await hook('outbox-to').first().textContent()).toBe('riley@example.com');
  await shot('15-outbox');
  await hook('outbox-open').first().click();
  await page.locator('#total').waitFor();
  expect(await page.locator('#total').textContent()).toContain('84.00');
  await page.locator('#name').fill('Riley Quinn');
  await page.locator('#email').fill('riley@example.com');
  await shot('16-checkout');
  await Promise.all([page.waitForEvent('load'), page.locator('button[type="submit"]').click()]);
  await page.getByText('Payment received').waitFor();

  // The owner sees the link and its payment.
  await page.goto(`${url}/dashboard/payment-links`);
  const row = page.locator('[data-hook^="link-row-"]', { hasText: 'Hoodie and gym bag' });
  await expect.poll(() => row.locator('[data-hook^="link-payments-"]').textContent()).toBe('1');
  await row.click();
  await hook('link-payments-list').waitFor();
  expect(await hook('link-payments-list').textContent()).toContain('Riley Quinn');
  await shot('17-dashboard-payment-link-paid');
}
