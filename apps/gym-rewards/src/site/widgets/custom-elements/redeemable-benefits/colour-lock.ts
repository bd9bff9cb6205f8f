import wixConfig from '../../../../../wix.config.json';
import { plansApi, wordsIn } from '../../../../dashboard/plans/api';

/** The plan feature that lets the owner set the widget's colours (catalog `widget-colours`, in Studio). */
export const COLOURS_FEATURE = 'widget-colours';

/**
 * Wix's upgrade page for the app (`/work/shared/wix-platform-notes.md`: `https://www.wix.com/apps/upgrade/<appId>`),
 * the way to Plans from the editor, where the dashboard's `navigate` is not there.
 */
export const UPGRADE_URL = `https://www.wix.com/apps/upgrade/${wixConfig.appId}`;

/** Whether the owner may change the colours: `open`, `locked` (with the notice's words), or `unknown` (no answer). */
export type ColourLock =
  | { state: 'checking' }
  | { state: 'open' }
  | { state: 'unknown' }
  | { state: 'locked'; title: string; text: string; action: string };

/**
 * The owner's plan, through the Plans page's web method (`planWithLocks`, Permissions.Admin: the editor's caller is the
 * owner): `locked` with the plan that unlocks the colours when the plan lacks them, else `open`; `unknown` when the
 * call fails (the colours then stay as they are, unchangeable, until the panel is opened again). The notice's words, and
 * the plan's and feature's names, in the panel's `locale` (the Plans page's words; the plans' texts from Wix).
 */
export async function colourLock(locale = 'en'): Promise<ColourLock> {
  try {
    const answer = await plansApi.planWithLocks({ locale });
    const lock = answer.locks.find((l) => l.feature === COLOURS_FEATURE);
    if (!lock) return { state: 'open' };
    const words = wordsIn(locale);
    const plan = lock.plan ?? words.aPaidPlan;
    return {
      state: 'locked',
      title: words.lockTitle(lock.title, plan),
      text: words.lockText(lock.title, plan),
      action: words.backToPlans,
    };
  } catch {
    return { state: 'unknown' };
  }
}
