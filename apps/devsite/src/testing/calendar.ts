import { DateTime } from 'luxon';

/**
 * The instants the date-sensitive suites start the platform's clock at: never today's date, and each a calendar edge
 * that once turned a suite red or could (the demo gym's time zone is Europe/London). `STORY_AT` (ISO instants, comma
 * separated) runs them at other instants instead, e.g. to reproduce a failure seen on some day of the year.
 */
const CALENDAR_EDGES: ReadonlyArray<{ name: string; at: string }> = [
  { name: 'mid-month', at: '2026-03-10T10:00:00.000Z' },
  { name: 'late on the last day of a month', at: '2026-01-31T22:30:00.000Z' },
  { name: 'the night before the clocks go forward', at: '2026-03-28T23:30:00.000Z' },
  { name: 'the night the clocks go back', at: '2026-10-24T23:30:00.000Z' },
  { name: "New Year's Eve", at: '2026-12-31T23:30:00.000Z' },
];

export function storyInstants(env = process.env.STORY_AT): ReadonlyArray<{ name: string; at: string }> {
  if (!env?.trim()) return CALENDAR_EDGES;
  return env.split(',').map((at) => {
    const instant = DateTime.fromISO(at.trim(), { zone: 'utc' });
    if (!instant.isValid) throw new Error(`STORY_AT: "${at}" is not an ISO instant`);
    return { name: `STORY_AT ${at.trim()}`, at: instant.toISO()! };
  });
}

interface ModelRules {
  /** Tokens on joining, and again at each renewal. */
  tokens: number;
  /** What carries over at a renewal, at most. */
  rolloverCap: number;
  /** Membership length in months. */
  months: number;
  /** The site's time zone. */
  zone: string;
}

/**
 * What a member of the program should see, worked out from the program's rules and the calendar alone, apart from
 * the flows' code: the test's oracle. Renewals fall at the first instant of each calendar month in the site's zone
 * (`min(balance, cap) + tokens`), the program ends `months` calendar months after joining, one visit counts a day.
 */
export class MemberModel {
  balance: number;
  /** Whether some renewal took tokens over the rollover cap. */
  cappedOnce = false;
  readonly endsAt: number;
  private seen: number;
  private readonly days = new Set<string>();

  constructor(
    private readonly rules: ModelRules,
    joinedAt: Date,
  ) {
    this.balance = rules.tokens;
    this.seen = joinedAt.getTime();
    this.endsAt = DateTime.fromJSDate(joinedAt, { zone: rules.zone }).plus({ months: rules.months }).toMillis();
  }

  /** The balance at `now`, after the renewals due by then. */
  at(now: Date): number {
    let monthStart = DateTime.fromMillis(this.seen, { zone: this.rules.zone }).startOf('month').plus({ months: 1 });
    while (monthStart.toMillis() <= now.getTime()) {
      if (monthStart.toMillis() < this.endsAt) {
        if (this.balance > this.rules.rolloverCap) this.cappedOnce = true;
        this.balance = Math.min(this.balance, this.rules.rolloverCap) + this.rules.tokens;
      }
      monthStart = monthStart.plus({ months: 1 });
    }
    this.seen = Math.max(this.seen, now.getTime());
    return this.balance;
  }

  ended(now: Date): boolean {
    return now.getTime() >= this.endsAt;
  }

  /** A check-in at the door. */
  visit(now: Date): 'TOKEN_ISSUED' | 'ALREADY_COUNTED' | 'NOT_IN_PROGRAM' {
    this.at(now);
    if (this.ended(now)) return 'NOT_IN_PROGRAM';
    const day = DateTime.fromJSDate(now, { zone: this.rules.zone }).toISODate()!;
    if (this.days.has(day)) return 'ALREADY_COUNTED';
    this.days.add(day);
    this.balance += 1;
    return 'TOKEN_ISSUED';
  }

  /** Tokens earned outside visits: a payment link paid, by the owner's earn-on-payment rule. */
  earn(tokens: number, now: Date): void {
    this.at(now);
    this.balance += tokens;
  }

  redeem(price: number, now: Date): void {
    if (this.at(now) < price) throw new Error(`the model has ${this.balance} tokens, not ${price}`);
    this.balance -= price;
  }
}
