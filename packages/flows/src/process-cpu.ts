/**
 * CPU time by process while a benchmark runs, from Linux's `/proc` (what `ps` reads): how much of the machine a
 * part of the benchmark spends, grouped by what each process runs. Empty where there is no `/proc`.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds of CPU (user + system) each running process has spent, by pid, with its command line. */
type CpuSnapshot = Map<number, { command: string; ms: number }>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

function snapshot(): CpuSnapshot {
  const found: CpuSnapshot = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: state is 3rd, utime 14th, stime 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      found.set(Number(pid), { command, ms: ticks * TICK_MS });
    } catch {
      // The process ended meanwhile.
    }
  }
  return found;
}

/**
 * Starts measuring; `stop()` answers the CPU milliseconds spent since, summed by the first group whose test matches a
 * process's command line (`other` for the rest; processes started meanwhile count from zero).
 */
export function measureProcessCpu(groups: Record<string, (command: string, pid: number) => boolean>) {
  const before = snapshot();
  return {
    stop(): Record<string, number> {
      const spent: Record<string, number> = Object.fromEntries([...Object.keys(groups), 'other'].map((g) => [g, 0]));
      for (const [pid, { command, ms }] of snapshot()) {
        const delta = ms - (before.get(pid)?.ms ?? 0);
        if (delta <= 0) continue;
        const group = Object.keys(groups).find((g) => groups[g]!(command, pid)) ?? 'other';
        spent[group]! += delta;
      }
      return spent;
    },
  };
}
