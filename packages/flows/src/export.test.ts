import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { members as membersModule } from '@wix/members';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPlanCatalog } from './catalog-setup.ts';
import { csvField } from './export.ts';
import { memberJoined } from './membership.ts';
import { adjustTokens, memberLedger } from './operations.ts';
import { redeem } from './pickups.ts';
import { planGatedFlows } from './plan-gates.ts';
import { choosePlan } from './plan-offering.ts';
import { forgetPlan, PLAN_CATALOG, PlanRequired } from './plans.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, roundTripCounter, startStrictEmulator } from './testing/wix.ts';
import type { WixApis } from './wix.ts';

let emu: TestEmulator;
let wix: WixApis;
const counter = roundTripCounter(fetch);
const now = new Date('2026-06-10T09:00:00.000Z');
const clock = () => now;
const gated = planGatedFlows(clock);
const ids: Record<string, string> = {};

beforeAll(async () => {
  emu = await startStrictEmulator();
  await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
  const env = await emulatedWix(emu, { type: 'APP', appId: 'gym-rewards' }, { fetch: counter.fetch });
  const owner = await emu.client({ type: 'ADMIN' }, { members: membersModule });
  wix = { ...env.wix, ownerFetchWithAuth: (url, init) => owner.fetchWithAuth(url, init) };
  await setUpPlanCatalog(wix, PLAN_CATALOG);
  const products = await createProducts(emu, [{ name: 'Sweat Towel', price: '12' }]);
  ids.towel = products['Sweat Towel']!;
  await setUpProgram(wix, { programName: 'Rewards', initialTokens: 2, tiers: [{ price: 3, productIds: [ids.towel] }] });
  // Three members; one of them names themselves as a spreadsheet formula, with a comma.
  for (const [name, nickname] of [
    ['ana', 'Ana Lima'],
    ['ben', '=HYPERLINK("x"), Ben'],
    ['cy', 'Cy'],
  ] as const) {
    const member = await owner.members.createMember({
      member: { loginEmail: `${name}@gym.example`, profile: { nickname } },
    });
    ids[name] = member._id!;
    await memberJoined(wix, { memberId: member._id! });
  }
  await adjustTokens(wix, clock, { memberId: ids.ana!, amount: 5, reason: 'Brought a friend', requestId: 'adj-ana' });
  await redeem(wix, clock, { memberId: ids.ana!, productId: ids.towel, requestId: 'redeem-ana' });
});
afterAll(async () => emu?.close());

/** Every page of an export, joined as the dashboard joins them. */
async function allPages(page: (cursor: string | null) => Promise<{ csv: string; cursor: string | null }>) {
  let csv = '';
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer = await page(cursor);
    csv += answer.csv;
    cursor = answer.cursor;
    pages++;
  } while (cursor);
  return { csv, pages };
}

describe('exporting members and their balances as CSV', () => {
  it('is a paid feature (csv-export in the catalog): refused on the free plan, nothing read', async () => {
    forgetPlan();
    const refusal = await gated.exportMembers(wix, clock, {}).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PlanRequired);
    expect(refusal).toMatchObject({ feature: 'csv-export', plan: 'grow', current: 'Free' });
    await expect(gated.exportMemberLedger(wix, clock, { memberId: ids.ana! })).rejects.toBeInstanceOf(PlanRequired);
  });

  it('on Grow: one row a member with the balance, a formula kept as text; at most four Wix calls a page', async () => {
    const page = await choosePlan(wix, clock, { plan: 'grow', cycle: 'MONTHLY' });
    await fetch(`${page.riskIframeUrl}/pay`, { method: 'POST' });
    forgetPlan();
    await gated.exportMembers(wix, clock, {}); // the plan, read once a minute
    counter.reset();
    const { csv, pages } = await allPages((cursor) => gated.exportMembers(wix, clock, { cursor }));
    expect(pages).toBe(1);
    expect(counter.calls).toBeLessThanOrEqual(4);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Member,Email,Member ID,Tokens,Status,Months left,Joined,Ends');
    expect(lines.at(-1)).toBe('');
    expect(lines).toContain(
      `Ana Lima,ana@gym.example,${ids.ana},4,Active,12,2026-06-10T09:00:00.000Z,2027-06-10T09:00:00.000Z`,
    );
    expect(lines).toContain(
      `"'=HYPERLINK(""x""), Ben",ben@gym.example,${ids.ben},2,Active,12,2026-06-10T09:00:00.000Z,2027-06-10T09:00:00.000Z`,
    );
    expect(lines).toHaveLength(1 + 3 + 1);
  });

  it("a member's ledger names the product redeemed, in the gym's words", async () => {
    const ledger = await memberLedger(wix, clock, { memberId: ids.ana! });
    if (ledger.status !== 'FOUND') throw new Error(ledger.status);
    expect(ledger.entries.map((e) => [e.kind, e.product])).toEqual([
      ['REDEMPTION', 'Sweat Towel'],
      ['ADJUSTMENT', null],
      ['INITIAL', null],
    ]);
    const { csv } = await allPages((cursor) => gated.exportMemberLedger(wix, clock, { memberId: ids.ana!, cursor }));
    expect(csv.split('\r\n').map((line) => line.replace(/^[^,]+,/, ''))).toEqual([
      'What,Tokens,Reason',
      'Redeemed: Sweat Towel,-3,',
      // The reason Wix kept, if it kept one (strict: it may not, the field is read-only); never Wix's own words.
      expect.stringMatching(/^Adjustment,5,(Brought a friend)?$/),
      'Welcome tokens,2,',
      '',
    ]);
  });

  it('in the locale the owner asks for: German header and ledger lines (de-AT speaks German too)', async () => {
    const ledger = await gated.exportMemberLedger(wix, clock, { memberId: ids.ana!, locale: 'de-AT' });
    expect(ledger.csv.split('\r\n').map((line) => line.replace(/^[^,]+,/, ''))).toEqual([
      'Vorgang,Token,Grund',
      'Eingelöst: Sweat Towel,-3,',
      expect.stringMatching(/^Korrektur,5,(Brought a friend)?$/),
      'Willkommens-Token,2,',
      '',
    ]);
    const members = await gated.exportMembers(wix, clock, { locale: 'de' });
    expect(members.csv.split('\r\n')[0]).toBe('Mitglied,E-Mail,Mitglieds-ID,Token,Status,Restmonate,Beigetreten,Endet');
    // The status in the gym's words, in German too (never Wix's ACTIVE).
    expect(members.csv.split('\r\n')[1]).toContain(',Aktiv,');
  });

  it('quotes what CSV needs quoted and keeps numbers as they are', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a "b"\nc')).toBe('"a ""b""\nc"');
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});
