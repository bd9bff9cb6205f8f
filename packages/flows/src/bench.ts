/**
 * `npm run bench`: what the flows cost against the local Wix platform. For each flow, the Wix calls it makes and how many
 * of them run one after another (sequential round trips: what a member waits for on a real site, ~100-300 ms each on Wix);
 * then the throughput of check-ins. Timings here are local and only comparable run to run on one machine.
 */
import { emulatorFetch, startTestEmulator } from '@gym-rewards/wix-emulator/testing';
import { memberJoined } from './membership.ts';
import { adjustTokens } from './operations.ts';
import { myPickups, redeem } from './pickups.ts';
import { redeemableBenefits } from './rewards.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid, roundTripCounter } from './testing/wix.ts';
import { recordVisit } from './visits.ts';

async function measure<T>(name: string, work: () => Promise<T>) {
  counter.reset();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  rows.push({
    flow: name,
    'Wix calls': counter.calls,
    'sequential round trips': counter.rounds,
    'local ms': Math.round(ms),
  });
  return result;
}
const rows: Array<Record<string, string | number>> = [];
const BENCH_MEMBER = memberGuid('bench-member');

const emu = await startTestEmulator();
const counter = roundTripCounter(emulatorFetch(emu.url));
const { wix } = await emulatedWix(emu, { type: 'APP', appId: 'gym-rewards' }, { fetch: counter.fetch });
let now = new Date('2026-03-02T09:00:00.000Z');
const clock = () => now;
await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });

const products = await createProducts(
  emu,
  Array.from({ length: 30 }, (_, i) => ({ name: `Product ${i}`, price: '10' })),
);
const ids = Object.values(products);
const choices = {
  programName: 'Bench rewards',
  rollover: { enabled: true, cap: 5 },
  tiers: [10, 20, 30].map((price, t) => ({ price, productIds: ids.slice(t * 10, t * 10 + 10) })),
};
await measure('setUpProgram (30 products, first run)', () => setUpProgram(wix, choices));
await measure('setUpProgram (same choices again)', () => setUpProgram(wix, choices));
await measure('memberJoined', () => memberJoined(wix, { memberId: BENCH_MEMBER }));
await measure('memberJoined (duplicate event)', () => memberJoined(wix, { memberId: BENCH_MEMBER }));
await measure('recordVisit', () => recordVisit(wix, clock, { memberId: BENCH_MEMBER, visitId: 'v-1' }));
await measure('recordVisit (already counted)', () =>
  recordVisit(wix, clock, { memberId: BENCH_MEMBER, visitId: 'v-2' }),
);
await adjustTokens(wix, clock, { memberId: BENCH_MEMBER, amount: 24, reason: 'Bench tokens', requestId: 'bench' });
await measure('redeemableBenefits (widget load)', () => redeemableBenefits(wix, clock, { memberId: BENCH_MEMBER }));
await measure('redeem', () => redeem(wix, clock, { memberId: BENCH_MEMBER, productId: ids[0]!, requestId: 'bench-r' }));
await measure('myPickups (widget load)', () => myPickups(wix, clock, { memberId: BENCH_MEMBER }));
now = new Date('2026-04-01T09:00:00.000Z');
await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
await measure('recordVisit (renewal due first)', () =>
  recordVisit(wix, clock, { memberId: BENCH_MEMBER, visitId: 'v-3' }),
);
await measure('redeemableBenefits (after a renewal: the ledger too)', () =>
  redeemableBenefits(wix, clock, { memberId: BENCH_MEMBER }),
);
console.table(rows);

// Throughput: check-ins of many members at once, for a bounded number of rounds.
const members = Array.from({ length: 40 }, (_, i) => memberGuid(`throughput-${i}`));
for (const member of members) await memberJoined(wix, { memberId: member });
const days = 5;
const started = performance.now();
let visits = 0;
for (let day = 0; day < days; day++) {
  now = new Date(Date.UTC(2026, 3, 2 + day, 9));
  await Promise.all(
    members.map((member) => recordVisit(wix, clock, { memberId: member, visitId: `${member}-${day}` })),
  );
  visits += members.length;
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `throughput: ${visits} check-ins of ${members.length} members in ${seconds.toFixed(2)} s = ${(visits / seconds).toFixed(0)} check-ins/s (2 cores, embedded PostgreSQL)`,
);
await emu.close();
