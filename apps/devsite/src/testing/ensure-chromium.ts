import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findChromium } from './browser.ts';

/**
 * Runs before the devsite's tests: makes sure the browser story has a Chromium, and says which. When there is none,
 * installs Debian's `chromium` with apt (as root, or through sudo). Ubuntu's apt has only a snap placeholder for it:
 * there, set CHROMIUM_PATH to a Chrome or Chromium (GitHub's Ubuntu runners have /usr/bin/google-chrome, found by
 * itself). Exits 1 with the reason when no browser can be had: the story is never skipped.
 */
function say(found: string) {
  const version = execFileSync(found, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  console.log(`browser story: ${found} (${version.trim()})`);
}

const found = findChromium();
if (found) {
  say(found);
} else {
  const release = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  if (!/^ID=debian$/m.test(release)) {
    console.error(
      'No Chrome or Chromium found for the browser story, and this is not Debian (whose apt has chromium): ' +
        'install Chrome or Chromium, or set CHROMIUM_PATH to one.',
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser story…");
  const root = process.getuid?.() === 0;
  const apt = (...args: string[]) =>
    execFileSync(root ? 'apt-get' : 'sudo', root ? args : ['apt-get', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    apt('update', '-qq');
  } catch {
    console.log('apt-get update failed; trying the package lists already on this machine');
  }
  apt('install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core');
  const installed = findChromium();
  if (!installed) {
    console.error("Debian's chromium was installed but does not run");
    process.exit(1);
  }
  say(installed);
}
