import { AUTOMATION_TRIGGERS, type AutomationTrigger } from './automation-triggers.ts';
import { addMonths, monthEndsBetween } from './calendar.ts';
import type { Pool } from './member-pool.ts';
import { poolState } from './pool-state.ts';
import { rulesOf } from './program.ts';
import { nextRenewal } from './renewal-outlook.ts';
import type { WixApis } from './wix.ts';

/**
 * The app's moments, reported to Wix Automations (`@wix/automations` `activations.reportEvent`) so the site owner can
 * attach emails and tasks to them in Wix's own automations. Each report carries an idempotency key made from the
 * moment (Wix ignores a key it saw for the same trigger within its time to live), so a retried request, a replayed
 * sweep or two sweeps at once report a moment once. Reporting is never the member's business: a report that fails is
 * dropped (answered `false`), never thrown.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long before the month's turn (and before a program's last month) the sweep tells: a week. */
export const NOTICE_DAYS = 7;
/** Wix keeps a key a week by default; a moment's key must outlive the window it may be reported in (a month). */
const KEY_TTL_MS = 40 * DAY_MS;

export interface Moment {
  trigger: AutomationTrigger;
  /** The idempotency key: what the moment is (at most 80 characters). */
  key: string;
  /** A GUID of what the moment is about (the pickup, the pool): what Cancel Event names. */
  entityId: string;
  payload: Record<string, string | number | boolean>;
}

/** Reports a moment; answers whether Wix took it. One Wix call (retried as `withRetries` retries a keyed write). */
export async function reportMoment(wix: WixApis, moment: Moment): Promise<boolean> {
  try {
    await wix.activations.reportEvent(AUTOMATION_TRIGGERS[moment.trigger].key, {
      payload: moment.payload,
      externalEntityId: moment.entityId,
      idempotency: { key: moment.key, ttlInMilliseconds: String(KEY_TTL_MS) },
    });
    return true;
  } catch {
    return false;
  }
}

/** Withdraws a moment reported about `entityId` (its automations' remaining actions stop). Never throws. */
export async function withdrawMoment(wix: WixApis, trigger: AutomationTrigger, entityId: string): Promise<boolean> {
  try {
    await wix.activations.cancelEvent(AUTOMATION_TRIGGERS[trigger].key, entityId);
    return true;
  } catch {
    return false;
  }
}

/** What a member's pool is due to tell now, before reading its balance: nothing, tokens expiring, or the end. */
function dueNotice(pool: Pool, now: Date, zone: string): { kind: 'EXPIRY' | 'ENDING'; at: Date } | null {
  if (poolState(pool) !== 'ACTIVE' || !pool._createdDate || !pool.beneficiary?.memberId) return null;
  const ends = addMonths(new Date(pool._createdDate), rulesOf(pool).membershipMonths, zone);
  const inAMonth = addMonths(now, 1, zone);
  // Its last month has begun within the notice window: the program ends within a month.
  if (ends <= inAMonth)
    return ends.getTime() > inAMonth.getTime() - NOTICE_DAYS * DAY_MS ? { kind: 'ENDING', at: ends } : null;
  const [turn] = monthEndsBetween(now, inAMonth, zone);
  return turn && turn.at.getTime() - now.getTime() <= NOTICE_DAYS * DAY_MS ? { kind: 'EXPIRY', at: turn.at } : null;
}

/** The most Wix calls `remindMember` makes for a pool now: its balance, the member's contact and a report, or none. */
export const reminderCost = (pool: Pool, now: Date, zone: string): number => (dueNotice(pool, now, zone) ? 3 : 0);

/**
 * The member's contact id: what a trigger's payload connects to a contact, so the owner's automation can email the
 * member ("Connect a property to a contactId", the trigger payload schema). Undefined when Wix does not answer.
 */
async function contactOf(wix: WixApis, memberId: string): Promise<string | undefined> {
  try {
    const { items } = await wix.members.queryMembers().eq('_id', memberId).limit(1).find();
    return items[0]?.contactId ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tells what is coming for a member, from the renewal sweep (out of the member's way): in the week before the month's
 * turn, "tokens expire soon" when the renewal outlook forfeits tokens above the rollover cap (once per member and
 * month: the key names the pool and the month); in the first week of the program's last month, "program ending" (once
 * per program). A sweep run daily or weekly falls in each window; later runs in it report nothing new.
 */
export async function remindMember(
  wix: WixApis,
  pool: Pool,
  now: Date,
  zone: string,
): Promise<{ reported: AutomationTrigger[]; calls: number }> {
  const due = dueNotice(pool, now, zone);
  if (!due) return { reported: [], calls: 0 };
  const memberId = pool.beneficiary!.memberId!;
  const [balance, contactId] = await Promise.all([
    wix.balances.getBalance(pool._id!).catch(() => undefined),
    contactOf(wix, memberId),
  ]);
  const available = Number(balance?.amount?.available ?? 0);
  const outlook = due.kind === 'EXPIRY' ? nextRenewal(pool, available, now, zone) : null;
  // Not told when Wix did not answer (the next sweep in the window tells), nor when nothing expires.
  if (!balance || !contactId || (due.kind === 'EXPIRY' && !(outlook && outlook.expire > 0))) {
    return { reported: [], calls: 2 };
  }
  const who = { member_id: memberId, contact_id: contactId };
  const moment: Moment =
    due.kind === 'ENDING'
      ? {
          trigger: 'programEnding',
          key: `ending:${pool.programId ?? pool._id}`,
          entityId: pool._id!,
          payload: { ...who, end_date: due.at.toISOString(), tokens_left: available },
        }
      : {
          trigger: 'tokensExpireSoon',
          key: `expire:${pool._id}:${outlook!.at.slice(0, 7)}`,
          entityId: pool._id!,
          payload: {
            ...who,
            tokens_expiring: outlook!.expire,
            tokens_carrying_over: outlook!.carryOver,
            renewal_date: outlook!.at,
          },
        };
  return { reported: (await reportMoment(wix, moment)) ? [moment.trigger] : [], calls: 3 };
}
