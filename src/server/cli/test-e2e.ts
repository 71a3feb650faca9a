// npm run test:e2e — the browser tests against a real build of the portal, on a
// database of their own (created here, dropped after; the demo data is untouched).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import { seedDemo } from '../../../prisma/seed';
import { createPrismaClient } from '../db/client';
import { dropDatabase, repoRoot, resolveDatabase } from '../db/database-url';
import { migrate } from '../db/migrations';
import { ensureChromium } from './chromium';
import { loadProjectEnv } from './load-env';
import { buildIfStale, nextBin } from './next-build';

loadProjectEnv(false);
const log = (line: string) => console.log(`[e2e] ${line}`);
const DIST_DIR = '.next-e2e';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Demo-Passw0rd!2026';
const BCRYPT_COST = '4'; // the journeys test behaviour, not hashing cost (bench:signin measures that)

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The portal exited early (code ${child.exitCode}).`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The portal did not become healthy in time.');
}

async function main(): Promise<number> {
  const chromium = ensureChromium(log);
  const database = `portal_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
  const target = await resolveDatabase({ database, log });
  let app: ChildProcess | null = null;
  const cleanup = async () => {
    if (app && app.exitCode === null) {
      app.kill('SIGTERM');
      await new Promise((r) => app?.once('exit', r));
    }
    await dropDatabase(target.url, database).catch((e: unknown) => console.error(e));
    await target.stop();
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    await migrate(target.url);
    const prisma = createPrismaClient(target.url, 2);
    await seedDemo(prisma, { password: DEMO_PASSWORD, bcryptCost: Number(BCRYPT_COST), log });
    await prisma.$disconnect();
    await buildIfStale({ distDir: DIST_DIR, log });

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const appEnv = {
      ...process.env,
      NODE_ENV: 'production' as const,
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: target.url,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      BCRYPT_COST,
      JOBS_ENABLED: 'false',
      PORT: String(port),
    };
    app = spawn(process.execPath, [nextBin(), 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: repoRoot, env: appEnv, stdio: ['ignore', 'inherit', 'inherit'] });
    await waitForHealth(baseUrl, app);
    log(`Portal up at ${baseUrl}; running Playwright with ${chromium}.`);

    const require = createRequire(import.meta.url);
    const cli = require.resolve('@playwright/test/cli');
    const code = await new Promise<number>((resolve) => {
      const pw = spawn(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
        cwd: repoRoot,
        stdio: 'inherit',
        env: { ...process.env, E2E_BASE_URL: baseUrl, DATABASE_URL: target.url, DEMO_PASSWORD, CHROMIUM_PATH: chromium, BCRYPT_COST },
      });
      pw.on('exit', (c) => resolve(c ?? 1));
    });
    return code;
  } finally {
    await cleanup();
  }
}

process.exit(await main());
