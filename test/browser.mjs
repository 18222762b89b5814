// Which Chromium the browser tests drive. Browser downloads are not possible on every machine this
// project runs on, so a system Chromium is as good as Playwright's own.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for a headless Chromium in containers and CI: no sandbox (root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The Chromium executable to launch: $CHROME_PATH if it exists, else Playwright's bundled build if
 * installed, else a system Chromium. Throws with install instructions when there is none.
 */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;

  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // playwright-core throws when it has no browser registry entry for this platform
  }
  if (bundled && existsSync(bundled)) return bundled;

  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return system;

  throw new Error(
    'No Chromium found for the browser tests. ' +
      (fromEnv ? `CHROME_PATH is set to ${fromEnv}, which does not exist. ` : '') +
      `Looked for Playwright's bundled Chromium${bundled ? ` (${bundled})` : ''} and ${SYSTEM_CHROMIUMS.join(', ')}. ` +
      'Install one with `apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, ' +
      'or point CHROME_PATH at a Chromium or Chrome executable.',
  );
}
