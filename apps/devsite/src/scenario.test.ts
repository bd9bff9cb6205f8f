import { createHmac, randomUUID } from 'node:crypto';
import type { Identity } from '@gym-rewards/wix-emulator';
import { createToken } from '@gym-rewards/wix-emulator/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devsite, startDevsite } from './devsite.ts';
import { STRICT_PLATFORM } from './testing/platform.ts';

/**
 * The app's scenario on the devsite, on a strict platform, through the app's own doors (web methods with the caller's
 * session, signed door requests, the devsite's clock and sign-up) and without a browser: the owner sets up the program
 * and brings the site's existing members in; visits race at the door within the daily limit; the owner adjusts; a
 * member redeems and the front desk hands over; the month ends with the rollover cap; a new member signs up (the event
 * arrives twice); the program ends. The browser story (`story.test.ts`) walks the same pages as a person.
 */
let devsite: Devsite;
let owner: string;
const DASHBOARD = 'src/backend/dashboard.web.ts';
const REWARDS = 'src/backend/rewards.web.ts';
const JSON_TYPE = { 'content-type': 'application/json' };

beforeAll(async () => {
  devsite = await startDevsite({
    port: 0,
    database: 'memory',
    sweepEveryMs: 0,
    strict: STRICT_PLATFORM,
    clock: { set: '2026-04-08T10:00:00.000Z', freeze: true },
    log: () => {},
  });
  owner = await token({ type: 'ADMIN' });
});
afterAll(() => devsite?.close());

const token = (identity: Identity) => createToken(devsite.emulatorUrl, identity);

/** A web method as its page calls it; answers its result, or throws its refusal. */
async function call<T = any>(file: string, method: string, caller: string, ...args: unknown[]): Promise<T> {
  const response = await fetch(`${devsite.url}/_webMethods/${file}/${method}.ajax`, {
    method: 'POST',
    headers: { Authorization: caller },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { result: T; exception?: boolean };
  if (body.exception) throw new Error(`${method}: ${JSON.stringify(body.result)}`);
  return body.result;
}

/** A check-in as a door system sends it: signed with the door secret, at the platform's time (a millisecond apart). */
let sent = 0;
async function doorVisit(memberId: string, visitId: string) {
  const { secret } = await call<{ secret: string }>(DASHBOARD, 'doorAccess', owner);
  const { now } = (await (await fetch(`${devsite.url}/_devsite/api/clock`)).json()) as { now: string };
  const body = JSON.stringify({ memberId, visitId });
  const timestamp = String(Date.parse(now) + sent++);
  const response = await fetch(`${devsite.url}/api/visits`, {
    method: 'POST',
    headers: {
      'x-gym-rewards-timestamp': timestamp,
      'x-gym-rewards-signature': createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'),
    },
    body,
  });
  return (await response.json()) as { status: string; balance?: string };
}

const advance = (unit: 'day' | 'month') =>
  fetch(`${devsite.url}/_devsite/api/clock`, {
    method: 'POST',
    headers: JSON_TYPE,
    body: JSON.stringify({ advance: unit }),
  });

/** The member's rewards as the widget shows them (the flow waits out Wix's jobs on the program first). */
const rewardsOf = (memberToken: string) => call(REWARDS, 'redeemableBenefits', memberToken);

describe('the app on a strict platform', () => {
  let alex: { id: string; token: string; contactId: string };
  let towel = '';

  it('the owner sets the program up and brings the existing members in', async () => {
    const { products } = await call<{ products: Array<{ productId: string; name: string }> }>(
      DASHBOARD,
      'storeProducts',
      owner,
      { search: 'Sweat Towel' },
    );
    towel = products.find((p) => p.name === 'Sweat Towel')!.productId;
    const saved = await call(DASHBOARD, 'setUpProgram', owner, {
      programName: 'Iron Harbor Rewards',
      initialTokens: 1,
      rollover: { enabled: true, cap: 3 },
      membershipMonths: 3,
      visitsPerDay: 2,
      tiers: [{ price: 2, productIds: [towel] }],
    });
    expect(saved).toMatchObject({ changed: true });
    let cursor: string | null = null;
    let members = 0;
    do {
      const page: { enrolled: number; alreadyMembers: number; next: string | null } = await call(
        DASHBOARD,
        'enrollMembers',
        owner,
        { cursor },
      );
      // A member-created event Wix delivers again (strict: twice) may have brought one in first.
      members += page.enrolled + page.alreadyMembers;
      cursor = page.next;
    } while (cursor);
    expect(members).toBe(3);
    const site = (await (await fetch(`${devsite.url}/_devsite/api/members`)).json()) as {
      members: Array<{ id: string; name: string; contactId: string }>;
    };
    const { id, contactId } = site.members.find((m) => m.name === 'Alex Morgan')!;
    alex = { id, contactId, token: await token({ type: 'MEMBER', memberId: id }) };
    expect(await rewardsOf(alex.token)).toMatchObject({ status: 'ACTIVE', balance: 1 });
  });

  it('visits racing at the door count at most twice a day, and a retried visit once', async () => {
    const race = await Promise.all(['d-1', 'd-2', 'd-3', 'd-4'].map((v) => doorVisit(alex.id, v)));
    expect(race.filter((a) => a.status === 'TOKEN_ISSUED')).toHaveLength(2);
    expect(race.filter((a) => a.status === 'ALREADY_COUNTED')).toHaveLength(2);
    const counted = ['d-1', 'd-2', 'd-3', 'd-4'][race.findIndex((a) => a.status === 'TOKEN_ISSUED')]!;
    // The door retries with a new signature: the first answer, nothing more.
    expect((await doorVisit(alex.id, counted)).status).toBe('TOKEN_ISSUED');
    expect(await rewardsOf(alex.token)).toMatchObject({ balance: 3 });
  });

  it('the owner adjusts once per request', async () => {
    const adjustment = { memberId: alex.id, amount: 4, reason: 'Referral bonus', requestId: randomUUID() };
    const first = await call(DASHBOARD, 'adjustTokens', owner, adjustment);
    expect(first).toMatchObject({ status: 'ADJUSTED', balance: 7 });
    // The page sends the same request again (a lost answer): the same transaction, nothing more.
    expect(await call(DASHBOARD, 'adjustTokens', owner, adjustment)).toMatchObject({
      status: 'ADJUSTED',
      transactionId: first.transactionId,
    });
    expect(await rewardsOf(alex.token)).toMatchObject({ balance: 7 });
  });

  it('the member redeems, and the front desk hands it over', async () => {
    const requestId = randomUUID();
    // Named as the widget names the member the site says is logged in: the redemption starts before the session's
    // lookup ends, and is made once it is Alex's.
    const named = { memberId: alex.id, contactId: alex.contactId };
    const redeemed = await call(REWARDS, 'redeem', alex.token, { productId: towel, requestId, ...named });
    expect(redeemed).toMatchObject({ status: 'REDEEMED', pickup: { productName: 'Sweat Towel' } });
    // The widget retries the confirmation: the same pickup.
    expect(await call(REWARDS, 'redeem', alex.token, { productId: towel, requestId })).toEqual(redeemed);
    // Reported to Wix Automations once (the retry too): the devsite's Automations page lists it, with the member.
    const automations = await (await fetch(`${devsite.url}/automations`)).text();
    const reported = automations.match(/data-hook="automation-event"/g) ?? [];
    expect(reported).toHaveLength(1);
    expect(automations).toContain('Gym reward ready for pickup');
    expect(automations).toContain('Alex Morgan');
    expect(automations).toContain(`pickup_code: ${redeemed.pickup.code}`);
    // With the member's contact, from the session: what an automation emails.
    expect(automations).toMatch(/contact_id: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(await call(DASHBOARD, 'handOver', owner, { pickupId: redeemed.pickup._id })).toMatchObject({
      status: 'HANDED_OVER',
    });
    expect(await call(DASHBOARD, 'revertRedemption', owner, { pickupId: redeemed.pickup._id })).toMatchObject({
      status: 'ALREADY_HANDED_OVER',
    });
    expect(await rewardsOf(alex.token)).toMatchObject({ balance: 5 });
  });

  it('the month ends: at most 3 tokens roll over, and the month adds 1', async () => {
    expect((await advance('month')).status).toBe(200);
    expect(await rewardsOf(alex.token)).toMatchObject({ balance: 4 });
    const ledger = await call(DASHBOARD, 'memberLedger', owner, { memberId: alex.id });
    expect(ledger.entries.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['ROLLOVER_CAP', 'RENEWAL', 'REDEMPTION', 'ADJUSTMENT', 'VISIT', 'INITIAL']),
    );
  });

  it('a new member signs up and gets one program, though the event arrives twice', async () => {
    const signup = await fetch(`${devsite.url}/_devsite/api/signup`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ name: 'Riley Quinn', email: 'riley@example.com' }),
    });
    const { memberId } = (await signup.json()) as { memberId: string };
    const riley = await token({ type: 'MEMBER', memberId });
    let rewards = await call(REWARDS, 'redeemableBenefits', riley);
    for (let i = 0; i < 50 && rewards.status !== 'ACTIVE'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      rewards = await call(REWARDS, 'redeemableBenefits', riley);
    }
    expect(rewards).toMatchObject({ status: 'ACTIVE', balance: 1 });
    // The widget names the member the site says is logged in; a member naming another still gets only their own.
    expect(await call(REWARDS, 'redeemableBenefits', riley, { memberId })).toEqual(rewards);
    const alexsOwn = await rewardsOf(alex.token);
    expect(alexsOwn).not.toEqual(rewards);
    expect(await call(REWARDS, 'redeemableBenefits', alex.token, { memberId })).toEqual(alexsOwn);
    expect(await call(REWARDS, 'myPickups', riley, { memberId: alex.id })).toEqual({ waiting: [], history: [] });
    // Riley naming Alex redeems as Riley (1 token: not enough), never from Alex's 4.
    const named = { memberId: alex.id, contactId: alex.contactId };
    const asAlex = await call(REWARDS, 'redeem', riley, { productId: towel, requestId: randomUUID(), ...named });
    expect(asAlex).toMatchObject({ status: 'NOT_ENOUGH_TOKENS', balance: 1, price: 2 });
    expect(await rewardsOf(alex.token)).toEqual(alexsOwn);
    const { members } = await call(DASHBOARD, 'listMembers', owner, { search: 'Riley' });
    expect(members).toHaveLength(1);
  });

  it('after the membership length the program ends, and visits earn nothing', async () => {
    for (let month = 0; month < 3; month++) expect((await advance('month')).status).toBe(200);
    expect((await doorVisit(alex.id, 'after-the-end')).status).toBe('NOT_IN_PROGRAM');
    expect(await call(REWARDS, 'redeemableBenefits', alex.token)).toEqual({ status: 'PROGRAM_ENDED' });
  });
});
