import { z } from 'zod';
import { parseInput } from './errors.ts';
import { memberId } from './inputs.ts';
import { listMembers, memberLedger } from './operations.ts';
import type { Clock, WixApis } from './wix.ts';
import { ledgerLine, ownersReason, wordsIn } from './words.ts';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. Text a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return: a member can name themselves so) is kept as
 * text with a leading apostrophe, as OWASP advises against CSV injection.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV lines, each ended by CRLF. */
export const csvLines = (rows: Array<Array<string | number | null | undefined>>) =>
  rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');

/** A page of an export: its CSV lines (the first page starts with the header), and where the next page starts. */
export interface CsvPage {
  csv: string;
  rows: number;
  /** Pass it to the next call; null on the last page. */
  cursor: string | null;
}

/** A page of an export: where it starts, and the language of its header and lines (the owner's; English if none). */
const pageInput = z.object({
  cursor: z.string().max(16_000, 'is not a cursor from this export').nullish(),
  locale: z.string().max(35, 'is not a locale').nullish(),
});

/**
 * Members and their token balances as CSV, a page of fifty at a time (the owner's members list, `listMembers`: at most
 * four Wix calls a page, so a gym of 500 costs about forty of the site's 200 a minute). The page calls again with `cursor`
 * until it is null and joins the pages.
 */
export async function exportMembers(
  wix: WixApis,
  clock: Clock,
  input: { cursor?: string | null; locale?: string | null } = {},
): Promise<CsvPage> {
  const { cursor, locale } = parseInput(pageInput, input ?? {});
  const page = await listMembers(wix, clock, { limit: 50, cursor: cursor ?? null });
  const words = wordsIn(locale);
  const rows = page.members.map((m) => [
    m.name,
    m.email,
    m.memberId,
    m.balance,
    words.memberStatus(m.status),
    m.monthsLeft,
    m.joined.toISOString(),
    m.endsAt.toISOString(),
  ]);
  const header = [...words.membersHeader];
  return { csv: csvLines(cursor ? rows : [header, ...rows]), rows: rows.length, cursor: page.cursor };
}

/**
 * One member's ledger as CSV, newest first, a hundred lines a page (`memberLedger`: the lines name the product a
 * redemption was for). A member with no program has an empty ledger: the header alone.
 */
export async function exportMemberLedger(
  wix: WixApis,
  clock: Clock,
  input: { memberId: string; cursor?: string | null; locale?: string | null },
): Promise<CsvPage> {
  const request = parseInput(pageInput.extend({ memberId }), input);
  const page = await memberLedger(wix, clock, { memberId: request.memberId, cursor: request.cursor, limit: 100 });
  const entries = page.status === 'FOUND' ? page.entries : [];
  const rows = entries.map((e) => [e.at.toISOString(), ledgerLine(e, request.locale), e.amount, ownersReason(e)]);
  return {
    csv: csvLines(request.cursor ? rows : [[...wordsIn(request.locale).ledgerHeader], ...rows]),
    rows: rows.length,
    cursor: page.status === 'FOUND' ? page.cursor : null,
  };
}
