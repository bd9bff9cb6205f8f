/**
 * `npm run bench` (part two): how fast the local Wix platform runs the flows. Three figures, written to
 * `bench/results/platform.json` at the repository root (`{ figures: [{ name, value, unit, target, ok }] }`):
 * - the ceiling: a plain loop of TPC-B-like transactions on the same embedded PostgreSQL build (the emulator's testing/ceiling.ts);
 * - check-in throughput: `recordVisit` of many members at once (concurrency 50) against the emulator, with p50/p99
 *   latency, then every balance checked against the tokens the visits answered (exactness);
 * - the renewal sweep of 10,000 programs at a month end (`sweep`, chunk after chunk as its scheduler calls it) against
 *   renewing the same programs one by one (the next month end).
 * Sizes: BENCH_MEMBERS (default 400), BENCH_DAYS (5), BENCH_PROGRAMS (10,000). Timings are this machine's. One part alone:
 * `tsx src/bench-platform.ts ceiling|check-ins|renewals` (its figures replace that part's in the file).
 */
import { availableParallelism } from 'node:os';
import { measureCeiling, startTestEmulator } from '@gym-rewards/wix-emulator/testing';

import { benchFigures } from './bench-figures.ts';
import { externalProgramId } from './ids.ts';
import { catchUpPool, memberJoined, sweep } from './membership.ts';
import { measureProcessCpu } from './process-cpu.ts';
import { findProgramDefinition } from './program.ts';
import { setUpProgram } from './setup.ts';
import { createProducts, emulatedWix, memberGuid } from './testing/wix.ts';
import { recordVisit } from './visits.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

const results = benchFigures();
const { figure } = results;

const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONCURRENCY = 50;

/** Runs `work` over `items`, `concurrency` at a time; answers each item's latency in ms. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        const started = performance.now();
        await work(item);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The processes a platform benchmark runs on: this one, the emulator's (`ownProcess`) and PostgreSQL's. */
const PROCESSES = {
  'the bench (SDK client and flows)': (_: string, pid: number) => pid === process.pid,
  'the emulator': (command: string) => command.includes('wix-emulator'),
  PostgreSQL: (command: string) => command.startsWith('postgres'),
};

/** Prints the CPU each process spent on one of `count` things, beside the wall time and the cores. */
function printCpu(what: string, spent: Record<string, number>, seconds: number, count: number) {
  const each = Object.entries(spent).map(([group, ms]) => `${group} ${(ms / count).toFixed(2)}`);
  console.log(
    `${what} (ms), ${seconds.toFixed(1)} s of wall time on ${availableParallelism()} cores: ${each.join(', ')}`,
  );
}

/** Every pool of the program, a page of 100 at a time. */
async function allPools(wix: WixApis) {
  const found = [];
  let page = await wix.pools.queryPools().eq('namespace', NAMESPACE).limit(100).find();
  found.push(...page.items);
  while (page.hasNext()) {
    page = await page.next();
    found.push(...page.items);
  }
  return found;
}

/**
 * The SDK modules against the emulator, with the site's time zone kept as the app keeps it per site
 * (`apps/gym-rewards/src/backend/wix-apis.ts`): not a call per visit or per sweep call.
 */
async function appWix(emu: Awaited<ReturnType<typeof startTestEmulator>>): Promise<WixApis> {
  const emulated = (await emulatedWix(emu)).wix;
  const timeZone = await emulated.siteTimeZone();
  return { ...emulated, siteTimeZone: async () => timeZone };
}

async function setUp(wix: WixApis, emu: Awaited<ReturnType<typeof startTestEmulator>>) {
  const products = await createProducts(emu, [{ name: 'Water bottle', price: '10' }]);
  await setUpProgram(wix, {
    programName: 'Bench rewards',
    membershipMonths: 24,
    tiers: [{ price: 5, productIds: Object.values(products) }],
  });
}

/** Check-ins of `members` members on `days` days, 50 at a time; then every balance against the answers. */
async function checkIns() {
  const members = envNumber('BENCH_MEMBERS', 400);
  const days = envNumber('BENCH_DAYS', 5);
  // The platform in a process of its own, as Wix is to an app: the check-ins' SDK client and flows run here.
  const emu = await startTestEmulator({ ownProcess: true });
  try {
    const wix = await appWix(emu);
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T08:00:00.000Z', freeze: true });
    await setUp(wix, emu);
    const ids = Array.from({ length: members }, (_, i) => memberGuid(`bench-visitor-${i}`));
    await pool(ids, 20, (memberId) => memberJoined(wix, { memberId }));
    // A week later: each member visits on `days` of the last days (dated by the door), nothing due meanwhile.
    const now = new Date('2026-03-09T20:00:00.000Z');
    await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
    const visits = ids.flatMap((memberId) =>
      Array.from({ length: days }, (_, d) => ({
        memberId,
        visitId: `${memberId}-${d}`,
        at: new Date(now.getTime() - (days - d) * 86_400_000),
      })),
    );
    // Shuffled (a fixed permutation), so members' visits interleave as at a door.
    visits.sort(
      (a, b) =>
        ((a.visitId.charCodeAt(5) * 31 + a.at.getTime()) % 97) - ((b.visitId.charCodeAt(5) * 31 + b.at.getTime()) % 97),
    );
    const issued = new Map<string, number>();
    const cpu = measureProcessCpu(PROCESSES);
    const started = performance.now();
    const latencies = await pool(visits, CONCURRENCY, async (visit) => {
      const answer = await recordVisit(wix, () => now, visit);
      if (answer.status === 'TOKEN_ISSUED') issued.set(visit.memberId, (issued.get(visit.memberId) ?? 0) + 1);
    });
    const seconds = (performance.now() - started) / 1000;
    printCpu('CPU a visit', cpu.stop(), seconds, visits.length);
    latencies.sort((a, b) => a - b);
    const pools = await allPools(wix);
    let exact = pools.length === members;
    await pool(pools, 20, async (p) => {
      const { amount } = await wix.balances.getBalance(p._id!);
      if (Number(amount?.available) !== days || issued.get(p.beneficiary!.memberId!) !== days) exact = false;
    });
    figure(
      `check-ins a second at concurrency ${CONCURRENCY} (${visits.length} visits)`,
      Math.round(visits.length / seconds),
      'visits/s',
      '>= 500',
    );
    figure('check-in latency p50', Math.round(percentile(latencies, 50)), 'ms', '<= 200');
    figure('check-in latency p99', Math.round(percentile(latencies, 99)), 'ms', '<= 1000');
    figure('balances exact after the check-ins', exact ? 1 : 0, 'bool', '= 1');
  } finally {
    await emu.close();
  }
}

/** 10,000 programs: the sweep at one month end, one by one at the next. */
async function renewals() {
  const programs = envNumber('BENCH_PROGRAMS', 10_000);
  // The platform in a process of its own, as for the check-ins: the sweep's client and flows run here.
  const emu = await startTestEmulator({ ownProcess: true });
  try {
    const wix = await appWix(emu);
    await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T08:00:00.000Z', freeze: true });
    await setUp(wix, emu);
    const ids = Array.from({ length: programs }, (_, i) => memberGuid(`bench-renewal-${i}`));
    const joinStarted = performance.now();
    // As `memberJoined` provisions them, without looking the definition up for every member.
    const definitionId = (await findProgramDefinition(wix))!._id!;
    await pool(ids, CONCURRENCY, (memberId) =>
      wix.programs.provisionProgram(
        { programDefinitionId: definitionId },
        {
          beneficiary: { memberId },
          namespace: NAMESPACE,
          externalProgramId: externalProgramId(definitionId, memberId),
        },
      ),
    );
    console.log(`${programs} programs provisioned in ${((performance.now() - joinStarted) / 1000).toFixed(1)} s`);

    let now = new Date('2026-04-01T08:00:00.000Z');
    await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
    const cpu = measureProcessCpu(PROCESSES);
    let started = performance.now();
    let renewed = 0;
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const result = await sweep(wix, () => now, cursor);
      renewed += result.renewed;
      cursor = result.next;
    }
    const sweepSeconds = (performance.now() - started) / 1000;
    printCpu('CPU a renewal of the sweep', cpu.stop(), sweepSeconds, programs);

    now = new Date('2026-05-01T08:00:00.000Z');
    await emu.admin('/_emulator/v1/clock', { set: now.toISOString(), freeze: true });
    started = performance.now();
    let oneByOne = 0;
    for (const p of await allPools(wix)) oneByOne += (await catchUpPool(wix, p, now, 'UTC')).renewed.length;
    const oneByOneSeconds = (performance.now() - started) / 1000;
    console.log(`sweep renewed ${renewed}; one by one renewed ${oneByOne}`);
    figure(
      'renewal sweep of the programs due (10,000 unless BENCH_PROGRAMS)',
      Number(sweepSeconds.toFixed(1)),
      's',
      '< 30',
    );
    figure('renewing the same programs one by one', Number(oneByOneSeconds.toFixed(1)), 's', '>= 0');
    figure('renewal sweep ÷ one by one', Number((sweepSeconds / oneByOneSeconds).toFixed(2)), 'ratio', '< 1');
    figure('sweep renewed every program once', renewed === programs && oneByOne === programs ? 1 : 0, 'bool', '= 1');
  } finally {
    await emu.close();
  }
}

const only = process.argv[2];
if (!only || only === 'ceiling') {
  const ceiling = await measureCeiling();
  figure('ceiling: TPC-B-like transactions a second (embedded PostgreSQL)', ceiling, 'tx/s', '>= 0');
}
if (!only || only === 'check-ins') await checkIns();
if (!only || only === 'renewals') await renewals();

// A run of one part (`ceiling`, `check-ins`, `renewals`) replaces that part's figures and keeps the others'.
results.write('platform', !!only);
