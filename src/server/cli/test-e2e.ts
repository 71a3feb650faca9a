// npm run test:e2e — the browser tests against a real build of the portal, on a
// database of their own (created here, dropped after; the demo data is untouched).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { repoRoot } from '../db/database-url';
import { startHarness } from './app-harness';
import { ensureChromium } from './chromium';
import { loadProjectEnv } from './load-env';

loadProjectEnv(false);
const log = (line: string) => console.log(`[e2e] ${line}`);
const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Demo-Passw0rd!2026';
const BCRYPT_COST = '4'; // the journeys test behaviour, not hashing cost (bench:signin measures that)

async function main(): Promise<number> {
  const chromium = ensureChromium(log);
  const harness = await startHarness({ name: 'e2e', log, seed: { password: DEMO_PASSWORD, bcryptCost: Number(BCRYPT_COST) }, env: { BCRYPT_COST } });
  process.on('SIGINT', () => void harness.close().then(() => process.exit(130)));
  try {
    log(`Portal up at ${harness.baseUrl}; running Playwright with ${chromium}.`);
    const require = createRequire(import.meta.url);
    const cli = require.resolve('@playwright/test/cli');
    return await new Promise<number>((resolve) => {
      const pw = spawn(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
        cwd: repoRoot,
        stdio: 'inherit',
        env: { ...process.env, E2E_BASE_URL: harness.baseUrl, DATABASE_URL: harness.databaseUrl, DEMO_PASSWORD, CHROMIUM_PATH: chromium, BCRYPT_COST },
      });
      pw.on('exit', (c) => resolve(c ?? 1));
    });
  } finally {
    await harness.close();
  }
}

process.exit(await main());
