// A real build of the portal on a database of its own, for the browser tests and
// the benchmarks: create the database, migrate, seed, build (when stale), start,
// wait until healthy; `close()` undoes all of it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { seedDemo } from '../../../prisma/seed';
import { createPrismaClient } from '../db/client';
import { dropDatabase, repoRoot, resolveDatabase } from '../db/database-url';
import { migrate } from '../db/migrations';
import { buildIfStale, nextBin } from './next-build';

// E2E_DIST_DIR lets several harnesses (parallel sessions) build side by side.
export const HARNESS_DIST_DIR = process.env.E2E_DIST_DIR || '.next-e2e';

export type Harness = { baseUrl: string; databaseUrl: string; app: ChildProcess; close(): Promise<void> };

export async function freePort(): Promise<number> {
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
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The portal did not become healthy in time.');
}

export async function startHarness(options: {
  name: string;
  log: (line: string) => void;
  seed?: { password: string; bcryptCost: number } | null;
  env?: Record<string, string>;
  quiet?: boolean;
}): Promise<Harness> {
  const database = `portal_${options.name}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const target = await resolveDatabase({ database, log: options.log });
  let app: ChildProcess | null = null;
  const close = async () => {
    if (app && app.exitCode === null) {
      app.kill('SIGTERM');
      await new Promise((r) => app?.once('exit', r));
    }
    await dropDatabase(target.url, database).catch((e: unknown) => console.error(e));
    await target.stop();
  };
  try {
    await migrate(target.url);
    if (options.seed) {
      const prisma = createPrismaClient(target.url, 2);
      await seedDemo(prisma, { ...options.seed, log: options.log });
      await prisma.$disconnect();
    }
    await buildIfStale({ distDir: HARNESS_DIST_DIR, log: options.log });
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    app = spawn(process.execPath, [nextBin(), 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: repoRoot,
      stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_DIST_DIR: HARNESS_DIST_DIR,
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: target.url,
        AUTH_SECRET: randomBytes(32).toString('base64url'),
        JOBS_ENABLED: 'false',
        PORT: String(port),
        ...options.env,
      },
    });
    await waitForHealth(baseUrl, app);
    return { baseUrl, databaseUrl: target.url, app, close };
  } catch (error) {
    await close();
    throw error;
  }
}
