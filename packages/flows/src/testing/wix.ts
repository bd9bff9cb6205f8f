import type { Identity } from '@gym-rewards/wix-emulator';
import { emulatorClient } from '@gym-rewards/wix-emulator/client';
import { keepAliveFetch } from '@gym-rewards/wix-emulator/node-fetch';
import { startTestEmulator, type TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { siteProperties } from '@wix/business-tools';
import { productsV3 } from '@wix/stores';
import { v5 as uuidv5 } from 'uuid';
import type { BackgroundBudget } from '../call-budget.ts';
import { memberJoined } from '../membership.ts';
import { settled } from '../pool-state.ts';
import { withRetries } from '../retries.ts';
import { SDK_MODULES, type SdkModules } from '../sdk-modules.ts';
import type { WixApis } from '../wix.ts';

/**
 * The local Wix platform as the flows' tests run on it: in strict mode, which resolves every reading Wix leaves open
 * against the app (reused keys refused, read-only fields dropped, jobs that take a while, missing collections refused,
 * events twice and out of order; wix-emulator README, "Strict mode"). Jobs settle in 300 ms so the tests stay quick;
 * the per-minute call budget is lifted, since a test lives a member's year in seconds (the retries over it are tested
 * in `retries.test.ts` and the emulator's own strict tests).
 */
export function startStrictEmulator(): Promise<TestEmulator> {
  return startTestEmulator({ strict: true, tunables: { transientMs: 300, rateLimitPerMinute: 1_000_000 } });
}

/**
 * A test's own time: the flows' `clock` and the platform's (the emulator's clock, frozen at the same instant), moved
 * together by `travel`. It starts at `start`; the platform follows from the test's first `travel` (in its `beforeAll`).
 */
export function testClock(emulator: () => TestEmulator, start: string | Date) {
  let now = new Date(start);
  return {
    clock: (): Date => now,
    async travel(to: string | Date) {
      now = new Date(to);
      await emulator().admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
    },
  };
}

/**
 * The Wix APIs the flows take, as real SDK modules bound to the emulator, calling as `identity` (an app by default:
 * on Wix the flows run in backend code elevated to the app's identity).
 */
export async function emulatedWix(
  emu: TestEmulator,
  identity: Identity = { type: 'APP', appId: 'gym-rewards' },
  options: {
    fetch?: typeof fetch;
    retryWait?: (ms: number) => Promise<void>;
    /** The time for live requests' deadlines (`withinDeadline`), when a simulation owns it. */
    now?: () => number;
    budget?: BackgroundBudget;
  } = {},
) {
  // `options.fetch` (e.g. a counter of round trips) is the fetch the emulator's requests go through; by default
  // kept-alive connections (`keepAliveFetch`), cheaper than Node's `fetch`.
  const client = emulatorClient(
    emu.url,
    await emu.token(identity),
    { ...SDK_MODULES, siteProperties },
    { fetch: options.fetch ?? keepAliveFetch },
  );
  const bound = Object.fromEntries(Object.keys(SDK_MODULES).map((name) => [name, client[name as keyof SdkModules]]));
  // As the app has them: calls over the rate limit retried, missing collections made, calls counted (src/retries.ts).
  const wix: WixApis = withRetries(
    {
      ...(bound as Pick<typeof client, keyof SdkModules>),
      fetchWithAuth: (url, init) => client.fetchWithAuth(url, init),
      siteTimeZone: async () => {
        const { properties } = await client.siteProperties.getSiteProperties({ fields: ['timeZone'] });
        return properties?.timeZone ?? 'UTC';
      },
      siteCurrency: async () => {
        const { properties } = await client.siteProperties.getSiteProperties({ fields: ['paymentCurrency'] });
        return properties?.paymentCurrency ?? 'USD';
      },
    },
    // The strict platform of the tests lifts the per-minute budget (startStrictEmulator): so does the app's meter.
    // `options.retryWait` (tests under injected faults) shortens the waits between retries; `options.budget` paces
    // every call as background work (call-budget.ts).
    {
      callsPerMinute: 1_000_000,
      ...(options.retryWait ? { wait: options.retryWait } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.budget ? { budget: options.budget } : {}),
    },
  );
  return {
    wix,
    client,
    /** Changes the emulated site's time zone (what site properties answer). */
    async setTimeZone(timeZone: string) {
      await emu.admin('/_emulator/v1/site', { timeZone });
    },
  };
}

/** Creates Stores products through the SDK, as the site owner would; answers their ids by name. */
export async function createProducts(
  emu: TestEmulator,
  products: Array<{ name: string; price: string; image?: string }>,
) {
  const owner = await emu.client({ type: 'ADMIN' }, { productsV3 });
  const ids: Record<string, string> = {};
  for (const product of products) {
    const created = await owner.productsV3.createProduct({
      name: product.name,
      productType: 'PHYSICAL',
      physicalProperties: {},
      variantsInfo: { variants: [{ price: { actualPrice: { amount: product.price } } }] },
      ...(product.image ? { media: { itemsInfo: { items: [{ url: product.image }] } } } : {}),
    } as never);
    ids[product.name] = created._id!;
  }
  return ids;
}

/**
 * A `fetch` to the emulator that remembers when each call started and ended, to count the sequential round trips of a
 * flow: a call that starts after every earlier call has ended opens a new round.
 */
export function roundTripCounter(base: typeof fetch) {
  let calls: Array<{ start: number; end: number }> = [];
  const counted: typeof fetch = async (input, init) => {
    const call = { start: performance.now(), end: Number.POSITIVE_INFINITY };
    calls.push(call);
    try {
      return await base(input, init);
    } finally {
      call.end = performance.now();
    }
  };
  return {
    fetch: counted,
    reset() {
      calls = [];
    },
    get calls() {
      return calls.length;
    },
    get rounds() {
      let rounds = 0;
      let lastEnd = Number.NEGATIVE_INFINITY;
      for (const call of [...calls].sort((a, b) => a.start - b.start)) {
        if (call.start >= lastEnd) rounds++;
        lastEnd = Math.max(lastEnd, call.end);
      }
      return rounds;
    },
  };
}

/** The UUID namespace of the member ids tests make up. */
const TEST_MEMBERS = '0d6c3f4a-8b21-4e7a-9f35-2a1b7c9e4d60';

/**
 * A member id for a test that names its members (`memberGuid('ana')`): Wix's member ids are GUIDs, and the emulator
 * refuses anything else as `beneficiary.memberId`. The same name gives the same id.
 */
export const memberGuid = (name: string) => uuidv5(`member:${name}`, TEST_MEMBERS);

/**
 * A member joins, and the provisioning job Wix runs after answering is waited out: what a test needs before it looks at
 * the member's pool as the member will see it.
 */
export async function joinAndSettle(wix: WixApis, memberId: string) {
  const joined = await memberJoined(wix, { memberId });
  const { items } = await wix.pools.queryPools().eq('beneficiary.memberId', memberId).find();
  for (const pool of items) await settled(wix, pool);
  return joined;
}
