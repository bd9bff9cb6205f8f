/** The Overview page's words, English and German ("Token" for a token, "Prämien" for rewards). */
import { phrasesIn } from '../../shared/words';

export const OVERVIEW_PHRASES = {
  title: ['Overview', 'Übersicht'],
  subtitle: ['How the rewards program is going.', 'So läuft Ihr Prämienprogramm.'],
  refresh: ['Refresh', 'Aktualisieren'],
  refreshing: ['Refreshing…', 'Wird aktualisiert…'],
  loading: ['Loading figures…', 'Zahlen werden geladen…'],
  lastMonths: [
    (what: string, months: string) => `${what}, last ${months} months`,
    (what: string, months: string) => `${what}, letzte ${months} Monate`,
  ],
  activeMembers: ['Active members', 'Aktive Mitglieder'],
  activeMembersHint: ['Members whose program is active now', 'Mitglieder, deren Programm gerade läuft'],
  issued: ['Tokens issued', 'Ausgegebene Token'],
  issuedHint: ['Visits, welcome and monthly tokens, additions', 'Besuche, Willkommens- und Monats-Token, Gutschriften'],
  redeemed: ['Tokens redeemed', 'Eingelöste Token'],
  redeemedHint: [
    'Spent on rewards, less redemptions given back',
    'Für Prämien eingelöst, abzüglich zurückgegebener Einlösungen',
  ],
  outstanding: ['Tokens outstanding', 'Offene Token'],
  outstandingHint: [
    'Held by active members now: rewards the gym still owes',
    'Guthaben aktiver Mitglieder: Prämien, die das Studio noch schuldet',
  ],
  forfeited: ['Tokens forfeited', 'Verfallene Token'],
  forfeitedHint: [
    'Expired over the rollover cap at renewals',
    'Bei Verlängerungen über der Übertragungsgrenze verfallen',
  ],
  perMonth: ['Tokens per month', 'Token pro Monat'],
  perMonthHint: ['Issued and redeemed, this month included', 'Ausgegeben und eingelöst, einschließlich dieses Monats'],
  legendIssued: ['Issued', 'Ausgegeben'],
  legendRedeemed: ['Redeemed', 'Eingelöst'],
  emptyTitle: ['No tokens issued or redeemed yet', 'Noch keine Token ausgegeben oder eingelöst'],
  emptyText: [
    'Figures show up here once members check in and redeem rewards.',
    'Die Zahlen erscheinen hier, sobald Mitglieder einchecken und Prämien einlösen.',
  ],
  rewardsRedeemed: ['Rewards redeemed', 'Eingelöste Prämien'],
  lessGivenBack: ['Less redemptions given back', 'Abzüglich zurückgegebener Einlösungen'],
  reward: ['Reward', 'Prämie'],
  month: ['Month', 'Monat'],
  bar: [
    (month: string, count: string, kind: 'issued' | 'redeemed') =>
      `${month}: ${count} ${kind === 'issued' ? 'issued' : 'redeemed'}`,
    (month: string, count: string, kind: 'issued' | 'redeemed') =>
      `${month}: ${count} ${kind === 'issued' ? 'ausgegeben' : 'eingelöst'}`,
  ],
  tokenOne: ['token', 'Token'],
  tokenOther: ['tokens', 'Token'],
} as const;

export type OverviewWords = ReturnType<typeof overviewWords>;

/** The Overview's words in `locale`, English otherwise. */
export const overviewWords = (locale: string) => phrasesIn(OVERVIEW_PHRASES, locale);
