/**
 * `npm run bench` (part three): a rush under the site's call budget, simulated on the strict emulator with Wix's limit
 * of 200 calls a minute, on virtual time (`testing/virtual-time.ts`: the platform's clock, which the rate limit follows,
 * moves only when every piece of work waits; each Wix call takes `BENCH_RUSH_LATENCY_MS`, default 150 ms, of it).
 *
 * At a month end with `BENCH_RUSH_PROGRAMS` programs due a renewal (default 1,000: what fits in about two minutes of
 * bench time here; the 10,000 scale as stated in BENCHMARKS.md), members check in at the door,
 * `BENCH_RUSH_PER_MINUTE` a minute (default 100) for `BENCH_RUSH_MINUTES` (10), each once, each a member due a renewal
 * (the visit catches their program up first). Meanwhile the renewal sweep runs as its scheduler calls it: chunk after
 * chunk (`POST /renewals`), each chunk background work with its own budget (`call-budget.ts`), until it is done.
 * Live check-ins are the app's: `withRetries` retrying a 429 briefly within the door's deadline (`withinDeadline`),
 * then "try again" (counted as lost).
 *
 * Figures (`bench/results/rush.json`): check-ins lost, the slowest check-in's answer in platform time, whether the sweep
 * finished (every program renewed once) and when, the busiest minute's calls the platform served, the 429s met.
 */
import { emulatorFetch, startTestEmulator } from '@gym-rewards/wix-emulator/testing';
import { benchFigures } from './bench-figures.ts';
import { BackgroundBudget, backgroundRun } from './call-budget.ts';
import { externalProgramId } from './ids.ts';
import { sweep } from './membership.ts';
import { findProgramDefinition } from './program.ts';
import { LIVE_RETRY_WITHIN_MS, withinDeadline } from './retries.ts';
import { setUpProgram } from './setup.ts';
import { virtualTime } from './testing/virtual-time.ts';
import { createProducts, emulatedWix, memberGuid } from './testing/wix.ts';
import { recordVisit } from './visits.ts';
import { NAMESPACE, type WixApis } from './wix.ts';

const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PROGRAMS = envNumber('BENCH_RUSH_PROGRAMS', 1_000);
/** `BENCH_RUSH_SWEEP=0`: the rush alone, no sweep (a control: what the check-ins lose by themselves). */
const SWEEP = process.env.BENCH_RUSH_SWEEP !== '0';
const PER_MINUTE = envNumber('BENCH_RUSH_PER_MINUTE', 100);
const MINUTES = envNumber('BENCH_RUSH_MINUTES', 10);
const LATENCY_MS = envNumber('BENCH_RUSH_LATENCY_MS', 150);
const CHECK_INS = PER_MINUTE * MINUTES;
/** What the door endpoint gives a check-in (`apps/gym-rewards/src/backend/api/visits/api.ts`). */
const ANSWER_WITHIN_MS = 2_000;

const results = benchFigures();
const { figure } = results;

/** Runs `work` over `items`, `concurrency` at a time. */
async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const emu = await startTestEmulator({ strict: true, tunables: { transientMs: 0, rateLimitPerMinute: 1_000_000 } });
try {
  // Set up with the limit lifted (a program and its members made over weeks): the program started on March 2.
  await emu.admin('/_emulator/v1/clock', { set: '2026-03-02T08:00:00.000Z', freeze: true });
  const setup = (await emulatedWix(emu)).wix;
  const products = await createProducts(emu, [{ name: 'Water bottle', price: '10' }]);
  await setUpProgram(setup, {
    programName: 'Rush rewards',
    membershipMonths: 24,
    tiers: [{ price: 5, productIds: Object.values(products) }],
  });
  const definitionId = (await findProgramDefinition(setup))!._id!;
  const members = Array.from({ length: Math.max(PROGRAMS, CHECK_INS) }, (_, i) => memberGuid(`rush-${i}`));
  const started = performance.now();
  await inParallel(members, 50, (memberId) =>
    setup.programs.provisionProgram(
      { programDefinitionId: definitionId },
      { beneficiary: { memberId }, namespace: NAMESPACE, externalProgramId: externalProgramId(definitionId, memberId) },
    ),
  );
  // Settled, as a month of visits would leave them: one read settles every job due.
  await setup.pools.queryPools().limit(1).find();
  console.log(`${members.length} programs provisioned in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The month end has passed: every program is due a renewal. Wix's limit from here on.
  const rushStart = Date.parse('2026-04-01T07:00:00.000Z');
  await emu.admin('/_emulator/v1/clock', { set: new Date(rushStart).toISOString(), freeze: true });
  const time = virtualTime(emu, rushStart, LATENCY_MS);
  const clock = () => new Date(time.now());
  // Every call the platform answered (not refused over the limit), at its time, and the refusals, live and background.
  const served: number[] = [];
  const refused = { live: 0, background: 0 };
  let servedLive = 0;
  const counted =
    (kind: 'live' | 'background'): typeof fetch =>
    async (input, init) => {
      const answer = await emulatorFetch(emu.url)(input, init);
      if (answer.status === 429) refused[kind]++;
      else {
        served.push(time.now());
        if (kind === 'live') servedLive++;
      }
      return answer;
    };
  const liveFetch = time.fetchAt(counted('live'));
  const backgroundFetch = time.fetchAt(counted('background'));
  // The site's time zone as the app keeps it (five minutes at a time): not a call per visit.
  const timeZone = await setup.siteTimeZone();
  const keepZone = (wix: WixApis): WixApis => ({ ...wix, siteTimeZone: async () => timeZone });
  const live = keepZone(
    (await emulatedWix(emu, undefined, { fetch: liveFetch, retryWait: time.sleep, now: time.now })).wix,
  );
  await emu.admin('/_emulator/v1/settings', { rateLimitPerMinute: 200 });
  await emu.admin('/_emulator/v1/requests', undefined, 'DELETE');

  // The door: check-in i arrives at i × (a minute / PER_MINUTE); its answer time is platform time.
  const answers: number[] = [];
  let lost = 0;
  /** When each lost check-in arrived, in minutes from the rush's start. */
  const lostAt: number[] = [];
  const checkIn = async (i: number) => {
    await time.sleep((i * 60_000) / PER_MINUTE);
    const arrived = time.now();
    try {
      // As the door endpoint: 429s waited on only early enough for the check-in to answer within 2 s.
      await withinDeadline(arrived + LIVE_RETRY_WITHIN_MS, () =>
        recordVisit(live, clock, { memberId: members[i]!, visitId: `rush-visit-${i}` }),
      );
      answers.push(time.now() - arrived);
    } catch (error) {
      lost++;
      lostAt.push(Math.floor((arrived - rushStart) / 60_000));
      if (lost <= 3) console.log(`check-in ${i} lost at +${((arrived - rushStart) / 1000).toFixed(1)} s: ${error}`);
    }
  };
  // The scheduler: the sweep called again with its cursor until done; each call background work with its own budget.
  let renewed = 0;
  let chunks = 0;
  let sweepEnded = Number.NaN;
  const sweepStarts: number[] = [];
  const sweepRun = async () => {
    let cursor: string | null = null;
    if (!SWEEP) return;
    do {
      sweepStarts.push(time.now());
      const budget = new BackgroundBudget({ now: time.now, sleep: time.sleep });
      const wix = keepZone((await emulatedWix(emu, undefined, { fetch: backgroundFetch, budget })).wix);
      try {
        const result = await backgroundRun(budget, wix, (paced) => sweep(paced, clock, cursor));
        renewed += result.renewed;
        cursor = result.next;
      } catch (error) {
        // Gave up over the budget: the scheduler calls again with the same cursor.
        console.log(`sweep chunk ${chunks} gave up, again from its cursor: ${error}`);
      }
      chunks++;
    } while (cursor);
    sweepEnded = time.now();
  };
  const wall = performance.now();
  await time.run(Promise.all([...Array.from({ length: CHECK_INS }, (_, i) => checkIn(i)), sweepRun()]));
  const wallSeconds = (performance.now() - wall) / 1000;

  const rushEnd = rushStart + MINUTES * 60_000;
  const busiest = Math.max(0, ...served.map((t) => served.filter((u) => u >= t && u < t + 60_000).length));
  const slowest = Math.max(0, ...answers);
  const sweepMinutes = (sweepEnded - rushStart) / 60_000;
  // Every program renewed once: by the sweep, or by its member's visit first.
  await emu.admin('/_emulator/v1/settings', { rateLimitPerMinute: 1_000_000 });
  let unrenewed = 0;
  let page = await setup.pools.queryPools().eq('namespace', NAMESPACE).limit(100).find();
  for (;;) {
    unrenewed += page.items.filter((p) => (p.renewalCount ?? 0) !== 1).length;
    if (!page.hasNext()) break;
    page = await page.next();
  }
  console.log(
    `${CHECK_INS} check-ins over ${MINUTES} min, ${members.length} programs due; ${served.length} calls served, ` +
      `${refused.live} refused to check-ins and ${refused.background} to the sweep (429), ` +
      `${(servedLive / Math.max(1, answers.length + lost)).toFixed(1)} calls served a check-in; the sweep renewed ${renewed} in ${chunks} chunks, done at +${sweepMinutes.toFixed(1)} min; ` +
      `${wallSeconds.toFixed(1)} s of bench time; check-ins lost by minute of the rush: ` +
      `${Array.from({ length: MINUTES }, (_, m) => lostAt.filter((at) => at === m).length).join(' ')}`,
  );
  const rush = `${PER_MINUTE} check-ins a minute for ${MINUTES} min, ${members.length} renewals due`;
  figure(`rush (${rush}): check-ins lost`, lost, 'check-ins', '= 0');
  figure('rush: slowest check-in answer (platform time)', slowest, 'ms', `<= ${ANSWER_WITHIN_MS}`);
  figure(
    'rush: Wix calls a check-in answered (served to check-ins ÷ answered)',
    Number((servedLive / Math.max(1, answers.length)).toFixed(1)),
    'calls',
    '>= 0',
  );
  figure(
    'rush: every program renewed once, the sweep done',
    unrenewed === 0 && !Number.isNaN(sweepEnded) ? 1 : 0,
    'bool',
    '= 1',
  );
  figure('rush: the sweep done (minutes from the rush start)', Number(sweepMinutes.toFixed(1)), 'min', '>= 0');
  figure('rush: Wix calls served in the busiest minute', busiest, 'calls', '<= 200');
  figure(
    'rush: calls refused over the limit (429), check-ins and sweep',
    refused.live + refused.background,
    'calls',
    '>= 0',
  );
  figure(
    'rush: sweep chunks that ran while the rush lasted',
    sweepStarts.filter((t) => t < rushEnd).length,
    'chunks',
    '>= 0',
  );
} finally {
  await emu.close();
}
// The control (no sweep) is printed, not written: `npm run bench` judges the rush with the sweep.
if (SWEEP) results.write('rush');
