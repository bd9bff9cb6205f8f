import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * The Chromium the browser tests drive, in this order: `CHROMIUM_PATH`; Debian's `/usr/bin/chromium` (which
 * `ensure-chromium.ts` installs when nothing else is there); Playwright's own Chromium where it was downloaded
 * (`npx playwright-core install chromium`); a Chrome or Chromium on the PATH, as CI runners have
 * (`google-chrome-stable`, `google-chrome`, `chromium-browser`, `chromium`). A stub that does not answer `--version`
 * (Ubuntu's snap placeholder) does not count. Answers `undefined` when there is none.
 */
export function findChromium(env = process.env): string | undefined {
  if (env.CHROMIUM_PATH) {
    if (!answersVersion(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not run`);
    return env.CHROMIUM_PATH;
  }
  const onPath = ['google-chrome-stable', 'google-chrome', 'chromium-browser', 'chromium'].flatMap((name) =>
    (env.PATH ?? '').split(':').map((dir) => `${dir}/${name}`),
  );
  return ['/usr/bin/chromium', playwrightsOwn(), ...onPath].find(
    (path) => path && existsSync(path) && answersVersion(path),
  );
}

function playwrightsOwn(): string {
  try {
    return chromium.executablePath();
  } catch {
    return '';
  }
}

function answersVersion(path: string): boolean {
  try {
    return /chrom/i.test(execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: 'pipe' }));
  } catch {
    return false;
  }
}

/** Launches the browser headless with the flags a closed network needs, and says which browser it is. */
export async function launchChromium(log: (line: string) => void = console.log): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      "No Chrome or Chromium for the browser tests: run `npm test` (it installs Debian's chromium) or set CHROMIUM_PATH",
    );
  }
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  log(`browser tests run in ${executablePath} (version ${browser.version()})`);
  return browser;
}
