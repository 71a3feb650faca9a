// The browser for end-to-end tests: Debian's Chromium where apt is available
// (Playwright cannot download its own browser here), Playwright's download elsewhere.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/** Flags for a headless Chromium in a container, as root, on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function playwrightsOwnChromium(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core') as { chromium: { executablePath(): string } };
    const path = chromium.executablePath();
    return path && fs.existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && fs.existsSync(configured)) return configured;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? playwrightsOwnChromium();
}

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

export function ensureChromium(log: (line: string) => void): string {
  const found = findChromium();
  if (found) return found;
  if (has('apt-get')) {
    const isRoot = process.getuid?.() === 0;
    const prefix = isRoot ? [] : ['sudo', '-n'];
    const apt = (...args: string[]) => {
      const [cmd, ...rest] = [...prefix, 'apt-get', ...args];
      return spawnSync(cmd ?? 'apt-get', rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
    };
    log("Installing Debian's chromium package for the browser tests…");
    if (!apt('install', '-y', '--no-install-recommends', 'chromium')) {
      apt('update');
      apt('install', '-y', '--no-install-recommends', 'chromium');
    }
  } else {
    log("No apt-get here: downloading Playwright's Chromium…");
    const require = createRequire(import.meta.url);
    const cli = require.resolve('@playwright/test/cli');
    execFileSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' });
  }
  const installed = findChromium();
  if (!installed) throw new Error('No Chromium found or installable. Install one and set CHROMIUM_PATH.');
  return installed;
}
