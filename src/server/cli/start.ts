// `npm start` and `npm run dev`: one command from a fresh clone to a running portal.
// Without DATABASE_URL it runs an embedded PostgreSQL (data in .data/), migrates,
// loads the demo data into an empty database, builds when the sources changed,
// and stops everything cleanly on Ctrl-C or SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { seedDemo } from '../../../prisma/seed';
import { createPrismaClient } from '../db/client';
import { repoRoot, resolveDatabase } from '../db/database-url';
import { migrate } from '../db/migrations';
import { env } from '../config/env';
import { buildIfStale, nextBin } from './next-build';
import { loadProjectEnv } from './load-env';

const mode = process.argv[2] === 'dev' ? 'dev' : 'start';
if (mode === 'start') Object.assign(process.env, { NODE_ENV: 'production' });
loadProjectEnv(mode === 'dev');

const log = (line: string) => console.log(`[portal] ${line}`);

/** A stable local secret so sessions survive restarts; production sets AUTH_SECRET itself. */
function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(repoRoot, '.data', 'auth-secret');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
  log('Using the local AUTH_SECRET in .data/auth-secret (set AUTH_SECRET in production).');
}

/** The environment, checked before anything starts: a wrong value stops here, with its name. */
function checkedEnv() {
  try {
    return env();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

async function main() {
  ensureAuthSecret();
  const config = checkedEnv();
  const embedded = !process.env.DATABASE_URL;
  const target = await resolveDatabase({ log });
  let child: ChildProcess | null = null;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child?.kill('SIGKILL');
          resolve(undefined);
        }, 10_000);
        child?.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
    if (target.server?.owned) log('Stopping the embedded PostgreSQL.');
    await target.stop().catch((error: unknown) => console.error(error));
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  try {
    process.env.DATABASE_URL = target.url;
    const applied = await migrate(target.url);
    if (applied.length) log(`Migrations applied: ${applied.join(', ')}`);
    if (embedded || config.SEED_DEMO) {
      const prisma = createPrismaClient(target.url, 2);
      try {
        await seedDemo(prisma, { password: config.DEMO_PASSWORD, bcryptCost: config.BCRYPT_COST, log });
      } finally {
        await prisma.$disconnect();
      }
    }
    if (mode === 'start') await buildIfStale({ distDir: process.env.NEXT_DIST_DIR || '.next', log });
  } catch (error) {
    console.error(error);
    await shutdown(1);
    return;
  }

  const port = String(config.PORT);
  const args = mode === 'dev' ? ['dev', '-p', port] : ['start', '-p', port];
  child = spawn(process.execPath, [nextBin(), ...args], { cwd: repoRoot, stdio: 'inherit', env: process.env });
  log(`Portal on http://localhost:${port} — demo sign-in: admin@contoso.example / DEMO_PASSWORD (see .env.example).`);
  child.on('exit', (code) => void shutdown(code ?? 0));
}

await main();
