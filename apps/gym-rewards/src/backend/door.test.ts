import type { WixApis } from '@gym-rewards/flows';
import { COLLECTIONS, setUpProgram } from '@gym-rewards/flows';
import {
  createProducts,
  emulatedWix,
  joinAndSettle,
  memberGuid,
  startStrictEmulator,
} from '@gym-rewards/flows/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as renewals } from './api/renewals/api';
import { POST as visitsEndpoint } from './api/visits/api';
import {
  DOOR_TRY_AGAIN_REASON,
  doorSecret,
  rotateDoorSecret,
  SIGNATURE_HEADER,
  type SignedRequest,
  sign,
  TIMESTAMP_HEADER,
  verifySignedRequest,
} from './door';

/**
 * The app's backend on the strict emulator: `elevatedWix()` is the emulated site as the app, and so is background work's
 * (`inBackground`, its pacing left to the flows' tests of `call-budget.ts`); the clock is fixed.
 */
const site = vi.hoisted(() => ({ wix: undefined as WixApis | undefined, now: new Date('2026-02-01T10:00:00.000Z') }));
vi.mock('./wix-apis', () => ({
  elevatedWix: () => site.wix,
  inBackground: <T>(work: (wix: WixApis) => Promise<T>) => work(site.wix!),
}));
vi.mock('./clock', () => ({ clock: () => site.now }));

let emu: Awaited<ReturnType<typeof startStrictEmulator>>;
beforeAll(async () => {
  emu = await startStrictEmulator();
  site.wix = (await emulatedWix(emu)).wix;
});
afterAll(async () => emu?.close());

const MINUTE = 60_000;
let visits = 0;

/** A door system's request, signed with `secret` (the site's, unless told) at `at` (the clock's now, unless told). */
async function doorRequest(options: { at?: number; secret?: string; body?: string; signedBody?: string } = {}) {
  const body = options.body ?? JSON.stringify({ memberId: 'm-1', visitId: `door-${++visits}` });
  const timestamp = String(options.at ?? site.now.getTime());
  const signature = await sign(options.secret ?? (await doorSecret()), timestamp, options.signedBody ?? body);
  return {
    body,
    headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature } as Record<string, string>,
    /** A new `Request` each time, as a door system sending it again would make. */
    request: (headers: Record<string, string> = {}) =>
      new Request('https://gym.example/api/visits', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signature,
          ...headers,
        },
        body,
      }),
  };
}

/** The refusal of a request as the door system reads it: status, Wix-style code and the header it names. */
async function refusal(result: SignedRequest) {
  if (result.ok) throw new Error(`accepted: ${result.body}`);
  const body = (await result.response.json()) as {
    details: { applicationError: { code: string; data: { field: string } } };
  };
  return {
    status: result.response.status,
    code: body.details.applicationError.code,
    field: body.details.applicationError.data.field,
  };
}

describe('a site whose door access was never opened', () => {
  it('refuses a door request as having no secret to match, and makes none', async () => {
    const timestamp = String(site.now.getTime());
    const forged = new Request('https://gym.example/api/visits', {
      method: 'POST',
      headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: '0'.repeat(64) },
      body: JSON.stringify({ memberId: 'm-1', visitId: 'door-forged' }),
    });
    expect(await refusal(await verifySignedRequest(forged))).toEqual({
      status: 401,
      code: 'NO_DOOR_SECRET',
      field: SIGNATURE_HEADER,
    });
    expect(await site.wix!.data.get(COLLECTIONS.settings, 'door-secret', { consistentRead: true })).toBeNull();
  });
});

describe('the door secret', () => {
  it('is made once, though many requests ask for it at once on a new site', async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => doorSecret()));
    expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(secrets).size).toBe(1);
    expect(await doorSecret()).toBe(secrets[0]);
  });

  it('once rotated, refuses what the old one signed', async () => {
    const old = await doorSecret();
    const signedWithOld = await doorRequest({ secret: old });
    const rotated = await rotateDoorSecret();
    expect(rotated).not.toBe(old);
    expect(await doorSecret()).toBe(rotated);
    expect(await refusal(await verifySignedRequest(signedWithOld.request()))).toEqual({
      status: 401,
      code: 'BAD_SIGNATURE',
      field: SIGNATURE_HEADER,
    });
  });
});

describe('the door secret kept by the backend', () => {
  it('is taken afresh from Wix when another backend rotated it, at the first request signed with the new one', async () => {
    const kept = await doorSecret();
    // Checked once: this backend keeps the secret.
    expect((await verifySignedRequest((await doorRequest()).request())).ok).toBe(true);
    const elsewhere = 'a'.repeat(64);
    await site.wix!.data.save(COLLECTIONS.settings, { _id: 'door-secret', secret: elsewhere });
    // Ten seconds after the last fresh read (the refusal in the test before): a mismatch reads the secret afresh.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10_000);
      expect((await verifySignedRequest((await doorRequest({ secret: elsewhere })).request())).ok).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    expect(await refusal(await verifySignedRequest((await doorRequest({ secret: kept })).request()))).toEqual({
      status: 401,
      code: 'BAD_SIGNATURE',
      field: SIGNATURE_HEADER,
    });
  });
});

describe('a signed request', () => {
  it('is accepted with its body when signed with the door secret at the time', async () => {
    const good = await doorRequest();
    expect(await verifySignedRequest(good.request())).toEqual({ ok: true, body: good.body });
  });

  it('is refused when signed with another secret, or when its body is not the one signed', async () => {
    const wrongSecret = await doorRequest({ secret: 'f'.repeat(64) });
    expect(await refusal(await verifySignedRequest(wrongSecret.request()))).toEqual({
      status: 401,
      code: 'BAD_SIGNATURE',
      field: SIGNATURE_HEADER,
    });
    const tampered = await doorRequest({ signedBody: JSON.stringify({ memberId: 'm-2', visitId: 'door-x' }) });
    expect(await refusal(await verifySignedRequest(tampered.request()))).toEqual({
      status: 401,
      code: 'BAD_SIGNATURE',
      field: SIGNATURE_HEADER,
    });
  });

  it('signed with anything but the secret, again and again, reads the secret from Wix at most once in ten seconds', async () => {
    await emu.requests();
    for (let i = 0; i < 20; i++) {
      const forged = await doorRequest({ secret: 'e'.repeat(64) });
      expect((await verifySignedRequest(forged.request())).ok).toBe(false);
    }
    const reads = (await emu.requests()).filter((r) => r.path.startsWith('/wix-data/'));
    expect(reads.length).toBeLessThanOrEqual(1);
  });

  it('is accepted up to five minutes off the clock either way, and refused beyond', async () => {
    const now = site.now.getTime();
    for (const at of [now - 5 * MINUTE, now + 5 * MINUTE]) {
      const request = await doorRequest({ at });
      expect((await verifySignedRequest(request.request())).ok, new Date(at).toISOString()).toBe(true);
    }
    for (const at of [now - 5 * MINUTE - 1, now + 5 * MINUTE + 1, now - 60 * MINUTE, 0]) {
      const request = await doorRequest({ at });
      expect(await refusal(await verifySignedRequest(request.request())), new Date(at).toISOString()).toEqual({
        status: 401,
        code: 'STALE_REQUEST',
        field: TIMESTAMP_HEADER,
      });
    }
  });

  it('is accepted again when replayed within the five minutes, and a replayed visit issues nothing more', async () => {
    // The platform at the backend's time: the member's program starts before the visit.
    await emu.admin('/_emulator/v1/clock', { set: site.now.toISOString(), freeze: true });
    const products = await createProducts(emu, [{ name: 'Door towel', price: '5' }]);
    await setUpProgram(site.wix!, { programName: 'Door', tiers: [{ price: 10, productIds: Object.values(products) }] });
    const memberId = memberGuid('door-replay');
    await joinAndSettle(site.wix!, memberId);
    const once = await doorRequest({ body: JSON.stringify({ memberId, visitId: 'door-replayed' }) });
    const first = await visitsEndpoint(once.request());
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(answer).toMatchObject({ status: 'TOKEN_ISSUED', balance: '1' });
    // The same signed request again, as sent, then with its signature in capitals: the first answer, no token more.
    const upper = once.request({ [SIGNATURE_HEADER]: once.headers[SIGNATURE_HEADER]!.toUpperCase() });
    for (const replay of [once.request(), upper]) {
      const again = await visitsEndpoint(replay);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(answer);
    }
    const { items } = await site.wix!.pools.queryPools().eq('beneficiary.memberId', memberId).find();
    expect((await site.wix!.balances.getBalance(items[0]!._id!)).amount?.available).toBe('1');
  });

  it('is refused as unsigned when a header is missing or malformed', async () => {
    const { body, headers } = await doorRequest();
    const cases: Array<[Record<string, string>, string]> = [
      [{}, TIMESTAMP_HEADER],
      [{ [SIGNATURE_HEADER]: headers[SIGNATURE_HEADER]! }, TIMESTAMP_HEADER],
      [{ [TIMESTAMP_HEADER]: headers[TIMESTAMP_HEADER]! }, SIGNATURE_HEADER],
      [{ ...headers, [TIMESTAMP_HEADER]: '2026-02-01T10:00:00Z' }, TIMESTAMP_HEADER],
      [{ ...headers, [TIMESTAMP_HEADER]: '' }, TIMESTAMP_HEADER],
      [{ ...headers, [SIGNATURE_HEADER]: 'sha256=abc' }, SIGNATURE_HEADER],
      [{ ...headers, [SIGNATURE_HEADER]: headers[SIGNATURE_HEADER]!.slice(1) }, SIGNATURE_HEADER],
    ];
    for (const [sent, field] of cases) {
      const request = new Request('https://gym.example/api/visits', { method: 'POST', headers: sent, body });
      expect(await refusal(await verifySignedRequest(request)), JSON.stringify(sent)).toEqual({
        status: 401,
        code: 'UNSIGNED',
        field,
      });
    }
  });

  it('is refused as stale once more than five minutes old, however well signed', async () => {
    const old = await doorRequest();
    expect((await verifySignedRequest(old.request())).ok).toBe(true);
    const then = site.now;
    try {
      site.now = new Date(then.getTime() + 11 * MINUTE);
      expect(await refusal(await verifySignedRequest(old.request()))).toEqual({
        status: 401,
        code: 'STALE_REQUEST',
        field: TIMESTAMP_HEADER,
      });
    } finally {
      site.now = then;
    }
  });
});

describe('the door endpoints when Wix fails for a moment', () => {
  /** Every call to Benefit Programs and Wix Data answered 500 or 503 without being made: retried, then given up. */
  const failDataWrites = () =>
    emu.admin('/_emulator/v1/faults', {
      seed: 5,
      rules: [
        { path: '/benefit-programs/**', errorRate: 1 },
        { path: '/wix-data/**', errorRate: 1 },
      ],
    });

  it('answer "try again": 503 UNAVAILABLE in Wix\'s error envelope with Retry-After, never a 500; sent again, answered', async () => {
    const visit = await doorRequest();
    const sweep = await doorRequest({ body: '{}' });
    await failDataWrites();
    try {
      for (const [name, endpoint, request] of [
        ['visits', visitsEndpoint, visit.request()],
        ['renewals', renewals, sweep.request()],
      ] as const) {
        const response = await endpoint(request);
        expect(response.status, name).toBe(503);
        expect(response.headers.get('retry-after'), name).toBe('5');
        expect(await response.json(), name).toEqual({
          message: `request: ${DOOR_TRY_AGAIN_REASON}`,
          details: {
            applicationError: {
              code: 'UNAVAILABLE',
              description: `request: ${DOOR_TRY_AGAIN_REASON}`,
              data: { field: 'request', reason: DOOR_TRY_AGAIN_REASON },
            },
          },
        });
      }
    } finally {
      await emu.admin('/_emulator/v1/faults', undefined, 'DELETE');
    }
    // Signed anew and sent again once Wix answers, the visit is answered (this member has no program here).
    const again = await visitsEndpoint((await doorRequest({ body: visit.body })).request());
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'NOT_IN_PROGRAM' });
    const sweptAgain = await renewals((await doorRequest({ body: '{}' })).request());
    expect(sweptAgain.status).toBe(200);
  });
});

describe('the renewal sweep endpoint', () => {
  it('refuses a body that is not an object, or a cursor that is not one the sweep answered, and runs nothing', async () => {
    await emu.requests();
    for (const body of ['null', '[]', '42', '"x"', 'true', '[{"cursor":"zzz"}]']) {
      const response = await renewals((await doorRequest({ body })).request());
      expect(response.status, body).toBe(400);
      expect((await response.json()).details.applicationError.data.field, body).toBe('body');
    }
    for (const body of ['{"cursor":""}', '{"cursor":7}']) {
      const response = await renewals((await doorRequest({ body })).request());
      expect(response.status, body).toBe(400);
      expect((await response.json()).details.applicationError.data.field, body).toBe('cursor');
    }
    // No sweep ran: not a call to Benefit Programs.
    expect((await emu.requests()).filter((r) => r.path.startsWith('/benefit-programs/'))).toEqual([]);
    // An empty body is no cursor: the sweep from its start.
    expect((await renewals((await doorRequest({ body: '' })).request())).status).toBe(200);
  });
});
