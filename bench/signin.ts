// npm run bench:signin — the median and p95 of a full sign-in over HTTP (Auth.js
// credentials callback: lookup, lockout check, bcrypt, session row, audit, JWT
// cookie) against one bcrypt compare at the same cost on the same machine.
// Last line: ratio: <sign-in median ÷ bcrypt compare median> (goal ≤ 1.3).
import bcrypt from 'bcrypt';
import { createPrismaClient } from '../src/server/db/client';
import { startHarness } from '../src/server/cli/app-harness';
import { loadProjectEnv } from '../src/server/cli/load-env';
import { median, percentile, ms } from './stats';

loadProjectEnv(false);
const COST = Number(process.env.BCRYPT_COST || 12);
const RUNS = Number(process.env.BENCH_RUNS || 200);
const PASSWORD = 'Bench-Password-2026!';
const log = (line: string) => console.error(`[bench] ${line}`);

const harness = await startHarness({ name: 'bench_signin', log, seed: null, env: { BCRYPT_COST: String(COST) }, quiet: true });
try {
  const prisma = createPrismaClient(harness.databaseUrl, 2);
  const hash = await bcrypt.hash(PASSWORD, COST);
  const tenant = await prisma.tenant.create({ data: { name: 'Bench', kind: 'customer', primaryDomain: 'bench.example' } });
  await prisma.user.create({
    data: { tenantId: tenant.id, signInName: 'bench@bench.example', signInNameKey: 'bench@bench.example', displayName: 'Bench', passwordHash: hash },
  });
  await prisma.$disconnect();

  const signInOnce = async (): Promise<number> => {
    const csrfResponse = await fetch(`${harness.baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const cookie = csrfResponse.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const body = new URLSearchParams({ csrfToken, signInName: 'bench@bench.example', password: PASSWORD, callbackUrl: '/' });
    const started = performance.now();
    const response = await fetch(`${harness.baseUrl}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body,
      redirect: 'manual',
    });
    const elapsed = performance.now() - started;
    const location = response.headers.get('location') ?? '';
    if (response.status !== 302 || location.includes('error') || !response.headers.getSetCookie().some((c) => c.startsWith('authjs.session-token'))) {
      throw new Error(`sign-in failed: ${response.status} ${location}`);
    }
    return elapsed;
  };

  for (let i = 0; i < 5; i++) await signInOnce(); // warm-up
  const signIns: number[] = [];
  for (let i = 0; i < RUNS; i++) signIns.push(await signInOnce());

  const compares: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    await bcrypt.compare(PASSWORD, hash);
    compares.push(performance.now() - started);
  }
  const signInMedian = median(signIns);
  const compareMedian = median(compares);
  console.log(`bcrypt cost: ${COST}`);
  console.log(`sign-ins: ${RUNS}`);
  console.log(`sign-in median: ${ms(signInMedian)}`);
  console.log(`sign-in p95: ${ms(percentile(signIns, 95))}`);
  console.log(`bcrypt compare median: ${ms(compareMedian)}`);
  console.log(`ratio: ${(signInMedian / compareMedian).toFixed(2)}`);
} finally {
  await harness.close();
}
