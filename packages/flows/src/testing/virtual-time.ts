import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';

/**
 * Virtual time over the emulator, for simulations of minutes in seconds (`bench-rush.ts`): the emulator's clock stands
 * still (frozen) at the simulation's time, and moves only when every piece of work is waiting on a `sleep` (no Wix call
 * in flight): then it jumps to the earliest wake-up. A Wix call takes `latencyMs` of virtual time (its answer is held
 * that long). The strict emulator's rate limit reads the same clock, so its minute is the simulation's minute.
 */
export function virtualTime(emu: TestEmulator, start: number, latencyMs: number) {
  let now = start;
  let platformAt = Number.NaN;
  let inFlight = 0;
  let setting: Promise<unknown> = Promise.resolve();
  const timers: Array<{ at: number; seq: number; wake: () => void }> = [];
  let seq = 0;

  const sleep = (ms: number) =>
    new Promise<void>((wake) => {
      timers.push({ at: now + Math.max(0, ms), seq: seq++, wake });
    });

  /** The emulator's clock set to the simulation's time before a call goes (once per instant). */
  const syncPlatform = () => {
    if (platformAt === now) return setting;
    platformAt = now;
    const at = new Date(now).toISOString();
    setting = setting.then(() => emu.admin('/_emulator/v1/clock', { set: at, freeze: true }));
    return setting;
  };

  /** A fetch whose calls go at the simulation's time and answer `latencyMs` later in it. */
  const fetchAt =
    (base: typeof fetch): typeof fetch =>
    async (input, init) => {
      inFlight++;
      let answer: Response;
      try {
        await syncPlatform();
        const raw = await base(input, init);
        // Read whole while counted in flight: the caller reads it from memory.
        const body = await raw.arrayBuffer();
        answer = new Response(body, { status: raw.status, statusText: raw.statusText, headers: raw.headers });
      } finally {
        inFlight--;
      }
      await sleep(latencyMs);
      return answer;
    };

  /** Whether nothing but sleeps is pending: no call in flight over a few turns of the event loop. */
  const idle = async () => {
    for (let turn = 0; turn < 4; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (inFlight > 0) return false;
    }
    return true;
  };

  /** Runs `work` to its end, moving the clock from sleep to sleep. */
  async function run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const finished = work.finally(() => {
      done = true;
    });
    while (!done) {
      if (!(await idle())) continue;
      if (done) break;
      if (timers.length === 0) {
        // Waiting on something outside the simulation (a real timer): let it happen.
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      now = Math.max(now, timers[0]!.at);
      while (timers.length > 0 && timers[0]!.at <= now) timers.shift()!.wake();
    }
    return finished;
  }

  return { now: () => now, sleep, fetchAt, run };
}
