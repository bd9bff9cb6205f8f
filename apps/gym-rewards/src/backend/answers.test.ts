import {
  adjustTokens,
  InvalidInput,
  memberLedger,
  setUpProgram,
  storeProducts,
  type WixApis,
  WixUnavailable,
} from '@gym-rewards/flows';
import { emulatedWix, memberGuid, startStrictEmulator } from '@gym-rewards/flows/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answer, TRY_AGAIN_REASON } from './answers';
import * as dashboard from './dashboard.web';

/** The app's backend on the strict emulator: `elevatedWix()` is the emulated site as the app, the clock is fixed. */
const site = vi.hoisted(() => ({ wix: undefined as WixApis | undefined, now: new Date('2026-02-01T10:00:00.000Z') }));
vi.mock('./wix-apis', () => ({ elevatedWix: () => site.wix }));
vi.mock('./clock', () => ({ clock: () => site.now }));

let emu: Awaited<ReturnType<typeof startStrictEmulator>>;
let wix: WixApis;
const clock = () => site.now;
const memberId = memberGuid('ana');

beforeAll(async () => {
  emu = await startStrictEmulator();
  wix = (await emulatedWix(emu)).wix;
  site.wix = wix;
});
afterAll(async () => emu?.close());

/** What `work` is refused with, as the page receives it: a plain object, not an Error. */
async function refusalOf(work: Promise<unknown>) {
  const thrown = await work.then(
    (result) => {
      throw new Error(`answered ${JSON.stringify(result)}`);
    },
    (error: unknown) => error,
  );
  expect(thrown).not.toBeInstanceOf(Error);
  // What crosses the wire: nothing the page cannot read once serialized.
  return JSON.parse(JSON.stringify(thrown)) as unknown;
}

describe("the flows' refusals", () => {
  it('are the Refusal the page shows next to the field', async () => {
    const refused = await refusalOf(
      answer(() => adjustTokens(wix, clock, { memberId, amount: 0, reason: 'x', requestId: 'r-0' })),
    );
    expect(refused).toEqual({ code: 'INVALID_INPUT', field: 'amount', message: expect.any(String) });
    const nested = await refusalOf(
      answer(() => setUpProgram(wix, { programName: 'Gym', tiers: [{ price: -1, productIds: [] }] })),
    );
    expect(nested).toEqual({ code: 'INVALID_INPUT', field: 'tiers.0.price', message: expect.any(String) });
  });

  it('keep the field and the reason the flow gave', async () => {
    const refused = await refusalOf(answer(() => Promise.reject(new InvalidInput('visitId', 'is too long'))));
    expect(refused).toEqual({ code: 'INVALID_INPUT', field: 'visitId', message: 'is too long' });
  });

  it('name a precondition of the site as such, with what to do', async () => {
    await emu.admin('/_emulator/v1/site', { catalogVersion: 'V1_CATALOG' });
    try {
      const refused = await refusalOf(
        answer(() => setUpProgram(wix, { programName: 'Gym', tiers: [{ price: 1, productIds: [] }] })),
      );
      expect(refused).toEqual({
        code: 'PRECONDITION',
        reason: 'STORES_V3_REQUIRED',
        message: expect.stringContaining('catalog V3'),
      });
    } finally {
      await emu.admin('/_emulator/v1/site', { catalogVersion: 'V3_CATALOG' });
    }
  });
});

describe("Wix's refusals of the input passed on", () => {
  it("are the app's refusal, the cursor named as the page names it", async () => {
    for (const cursor of ['never-issued', Buffer.from('{"o":-1}').toString('base64url')]) {
      const refused = await refusalOf(answer(() => storeProducts(wix, { cursor })));
      expect(refused, cursor).toEqual({ code: 'INVALID_INPUT', field: 'cursor', message: expect.any(String) });
    }
  });

  it("keep Wix's field when it names one the page does not", async () => {
    const refused = await refusalOf(
      answer(() => wix.members.queryMembers().eq('loginEmail', 'a\u0000').find() as Promise<unknown>),
    );
    expect(refused).toEqual({
      code: 'INVALID_INPUT',
      field: expect.stringMatching(/loginEmail$/),
      message: expect.any(String),
    });
  });

  it('as the SDK keeps them without the application error: the first field violation', async () => {
    const sdkError = Object.assign(new Error('Bad Request'), {
      details: { validationError: { fieldViolations: [{ field: 'query.cursorPaging.cursor', description: 'bad' }] } },
    });
    expect(await refusalOf(answer(() => Promise.reject(sdkError)))).toEqual({
      code: 'INVALID_INPUT',
      field: 'cursor',
      message: 'bad',
    });
  });
});

describe('what is not a refusal', () => {
  it('is thrown on as it is, for Wix to answer as a failure', async () => {
    const failure = Object.assign(new Error('Wix is down'), { details: { applicationError: { code: 'UNAVAILABLE' } } });
    await expect(answer(() => Promise.reject(failure))).rejects.toBe(failure);
    await expect(answer(async () => 'fine')).resolves.toBe('fine');
  });
});

describe("the dashboard's web methods", () => {
  it('answer refusals the same way, each named as its flow', async () => {
    expect(
      await refusalOf(dashboard.adjustTokens({ memberId, amount: 0, reason: 'x', requestId: 'r-web' })),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'amount' });
    expect(await refusalOf(dashboard.listMembers({ cursor: 'never-issued' }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'cursor',
    });
    expect(await refusalOf(dashboard.memberLedger({ memberId: `${memberId}\u0000` }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'memberId',
    });
    expect(await refusalOf(dashboard.handOver({ pickupId: '\u0000' }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'pickupId',
    });
    // The same flows, called directly, refuse the same input with an Error the page could not read.
    await expect(memberLedger(wix, clock, { memberId: `${memberId}\u0000` })).rejects.toBeInstanceOf(InvalidInput);
  });
});

describe('Wix failing for a moment', () => {
  const tryAgain = {
    code: 'UNAVAILABLE',
    status: 503,
    message: TRY_AGAIN_REASON,
    details: {
      applicationError: {
        code: 'UNAVAILABLE',
        description: `request: ${TRY_AGAIN_REASON}`,
        data: { field: 'request', reason: TRY_AGAIN_REASON },
      },
    },
  };

  it('is "try again", 503 UNAVAILABLE in Wix\'s error envelope, whether the call was retried or not', async () => {
    for (const retried of [true, false]) {
      const down = new WixUnavailable('insert', Object.assign(new Error('down'), { status: 503 }), 7, retried);
      expect(await refusalOf(answer(() => Promise.reject(down)))).toEqual(tryAgain);
    }
  });

  it("is what a dashboard web method answers when Wix keeps failing, not the flows' Error; then it answers again", async () => {
    // The same site with the retries' waits shortened: seven attempts, each answered 500 or 503.
    site.wix = (await emulatedWix(emu, undefined, { retryWait: async () => {} })).wix;
    await emu.admin('/_emulator/v1/faults', { seed: 13, rules: [{ method: '*', path: '/**', errorRate: 1 }] });
    try {
      expect(await refusalOf(dashboard.listMembers({}))).toEqual(tryAgain);
      const { counts } = (await emu.admin('/_emulator/v1/faults')) as { counts: Record<string, number> };
      expect((counts['500'] ?? 0) + (counts['503'] ?? 0)).toBeGreaterThanOrEqual(7);
    } finally {
      await emu.admin('/_emulator/v1/faults', undefined, 'DELETE');
      site.wix = wix;
    }
    await expect(dashboard.listMembers({})).resolves.toMatchObject({ members: expect.any(Array) });
  });
});
