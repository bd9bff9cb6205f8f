import { expect } from 'vitest';
import { axeFindings } from './axe.ts';
import type { StoryPage } from './story-owner.ts';

/**
 * With a member's panel open on the Members page: the owner pauses the membership (the status says Paused, the list's
 * badge too, and the button turns to Resume), then resumes it; axe-core finds nothing serious in the panel meanwhile.
 */
export async function pauseAndResume({ page, shot }: StoryPage, name: string) {
  const hook = (h: string) => page.locator(`[data-hook="${h}"]`);
  const row = page.locator('[data-hook^="member-row-"]', { hasText: name });
  await hook('member-pause').click();
  await expect.poll(() => hook('member-status').textContent()).toBe('Paused');
  await expect.poll(() => row.textContent()).toContain('Paused');
  await hook('member-resume').waitFor();
  // The pointer leaves the button it clicked (now Resume: its hover shade is the design system's, not at rest).
  await page.mouse.move(0, 0);
  expect(await axeFindings(page, '[data-hook="member-panel"]')).toEqual([]);
  await shot('9a-dashboard-member-paused');
  await hook('member-resume').click();
  await expect.poll(() => hook('member-status').textContent()).toBe('Active');
  await hook('member-pause').waitFor();
}

/**
 * After a member's membership ended: the owner opens them on the Members page (one row, Ended, no Check in), restarts
 * the membership, and finds them Active again with a new membership's welcome tokens (`welcome`), still one row.
 */
export async function restartEnded({ page, url, shot }: StoryPage, name: string, welcome: number) {
  const hook = (h: string) => page.locator(`[data-hook="${h}"]`);
  const rows = page.locator('[data-hook^="member-row-"]', { hasText: name });
  await page.goto(`${url}/dashboard/members`);
  await expect.poll(() => rows.textContent()).toContain('Ended');
  await rows.click();
  await hook('member-restart').click();
  await expect.poll(() => rows.textContent()).toContain('Active');
  expect(await rows.count()).toBe(1);
  await rows.click();
  await expect.poll(() => hook('member-balance').textContent()).toBe(String(welcome));
  // The new membership's ledger: its welcome tokens only (the ended one's lines stay with it).
  await expect.poll(() => hook('ledger').locator('tbody tr').count()).toBe(1);
  await page.mouse.move(0, 0);
  expect(await axeFindings(page, '[data-hook="member-panel"]')).toEqual([]);
  await shot('11a-dashboard-member-restarted');
}
