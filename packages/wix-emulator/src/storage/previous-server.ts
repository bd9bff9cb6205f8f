import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Who runs the embedded PostgreSQL server of a data directory: the PID of the process that started it, kept next to the
 * directory (`<dataDir>.owner`; PostgreSQL's own `postmaster.pid` names only the server). When that process dies
 * without stopping its server (SIGKILL, a crash, the power cord of a laptop), the server runs on, orphaned, holding the
 * directory; the next start finds its owner gone and stops it, instead of refusing the directory as in use.
 */
export function recordOwner(dataDir: string): void {
  writeFileSync(ownerFile(dataDir), `${process.pid}\n`);
}

/** Forgets the owner once its server stopped. */
export function forgetOwner(dataDir: string): void {
  rmSync(ownerFile(dataDir), { force: true });
}

/**
 * Before a persistent server starts on `dataDir`: when the previous server of the directory is still running, waits
 * for it to go if its owner lives (up to 10 s, then the directory is in use by another emulator), or stops it if its
 * owner died (fast shutdown, then immediate shutdown, each given 15 s).
 */
export async function settlePreviousServer(dataDir: string, log: (line: string) => void = () => {}): Promise<void> {
  const pid = serverPid(dataDir);
  if (pid === null || !alive(pid)) return;
  const owner = ownerPid(dataDir);
  if (owner !== null && !alive(owner) && isServerOf(pid, dataDir)) {
    log(`PostgreSQL ${pid} of ${dataDir} outlived the process ${owner} that started it: stopping it`);
    process.kill(pid, 'SIGINT');
    if (await gone(pid, 15_000)) return;
    process.kill(pid, 'SIGQUIT');
    if (await gone(pid, 15_000)) return;
    throw new Error(`${dataDir}: the orphaned PostgreSQL process ${pid} did not stop`);
  }
  // After a clean stop its processes may still be on their way out (PostgreSQL refuses to start while the PID in
  // `postmaster.pid` exists, even as a zombie).
  if (!(await gone(pid, 10_000))) {
    throw new Error(
      `${dataDir} is in use by PostgreSQL process ${pid}: is another emulator running on this data directory?`,
    );
  }
}

const ownerFile = (dataDir: string) => `${dataDir}.owner`;

function serverPid(dataDir: string): number | null {
  return pidIn(`${dataDir}/postmaster.pid`);
}

function ownerPid(dataDir: string): number | null {
  return pidIn(ownerFile(dataDir));
}

function pidIn(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` is still the PostgreSQL server of `dataDir` (and not a process that got its PID since). */
function isServerOf(pid: number, dataDir: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.some((arg) => /postgres$/.test(arg)) && args.includes(dataDir);
  } catch {
    // Without /proc (not Linux), or the process is gone: do not signal what cannot be told apart.
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (let waited = 0; alive(pid); waited += 100) {
    if (waited >= withinMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
