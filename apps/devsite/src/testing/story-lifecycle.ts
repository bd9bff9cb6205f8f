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
