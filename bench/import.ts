// npm run bench:import — bulk add, end to end, beside its physical floor.
//
// On a database of its own (created, migrated, dropped): a 1,000-row file (every row
// with a licence and a group) is parsed, validated and stored as a preview, committed,
// and run by the real job runner (runBulkJob, what the pg-boss worker calls). Beside
// it, the floor: bcrypt-hashing 1,000 passwords at the same cost on the same machine
// with every core busy (concurrent hashing, as the import does). Then a 20,000-row run,
// for the process's peak memory (RSS) — at cost BENCH_BIG_COST (default 4: memory does
// not depend on the cost, and at cost 12 the run would take half an hour of hashing).
//
// Last line: ratio: <1,000-row import ÷ hashing floor> (goal ≤ 1.3).
// BCRYPT_COST (default 12), BENCH_ROWS (1,000), BENCH_BIG_ROWS (20,000), BENCH_BIG_COST (4).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import bcrypt from 'bcrypt';
import type { Actor } from '../src/domain/shared/permissions';
import { bcryptHasher, secureRandomBytes } from '../src/server/auth/password-hasher';
import { loadProjectEnv } from '../src/server/cli/load-env';
import { systemClock } from '../src/server/clock';
import { createPrismaClient, type Db } from '../src/server/db/client';
import { dropDatabase, ensureDatabaseExists, resolveDatabase } from '../src/server/db/database-url';
import { migrate } from '../src/server/db/migrations';
import { commitBulkJob } from '../src/server/imports/bulk-job-commands';
import { defaultConcurrency, runBulkJob } from '../src/server/imports/bulk-job-runner';
import { createBulkPreview } from '../src/server/imports/create-preview';
import { passwordSealer } from '../src/server/imports/password-sealer';
import { parseUserCsv } from '../src/server/imports/parse-user-csv';
import { signInNameKey } from '../src/domain/users/user';

loadProjectEnv(false);
const COST = Number(process.env.BCRYPT_COST || 12);
const ROWS = Number(process.env.BENCH_ROWS || 1_000);
const BIG_ROWS = Number(process.env.BENCH_BIG_ROWS || 20_000);
const BIG_COST = Number(process.env.BENCH_BIG_COST || 4);
const DOMAIN = 'import-bench.example';
const log = (line: string) => console.error(`[bench] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const count = (n: number) => n.toLocaleString('en');

/** Peak RSS while `work` runs, sampled every 25 ms (and the process's own high-water mark). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

function importFile(rows: number, prefix: string): Uint8Array {
  const lines = ['User Name,First Name,Last Name,Display Name,Job Title,Department,Office Phone,City,Country or Region,Usage Location,Licenses,Groups,Block Sign-In'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${prefix}.${i}@${DOMAIN},First${i},Last${i},"Last${i}, First${i}",Analyst,Finance,+44 20 7946 ${String(i % 10_000).padStart(4, '0')},London,United Kingdom,GB,Office 365 E3,Imported ${prefix},No`);
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

async function setUp(db: Db) {
  const tenant = await db.tenant.create({ data: { name: 'Import Bench', kind: 'customer', primaryDomain: DOMAIN, domains: { create: [{ name: DOMAIN }] } }, select: { id: true } });
  const signInName = `admin@${DOMAIN}`;
  const admin = await db.user.create({
    data: {
      tenantId: tenant.id,
      signInName,
      signInNameKey: signInNameKey(signInName),
      displayName: 'Bench Admin',
      passwordHash: await bcrypt.hash(randomBytes(12).toString('hex'), 4),
      roleAssignments: { create: [{ roleId: 'globalAdministrator' }] },
    },
    select: { id: true, displayName: true },
  });
  await db.subscription.create({ data: { tenantId: tenant.id, productName: 'Office 365 E3', seats: 1_000_000 } });
  for (const prefix of ['small', 'big']) await db.securityGroup.create({ data: { tenantId: tenant.id, name: `Imported ${prefix}`, nameKey: `imported ${prefix}` } });
  const actor: Actor = { userId: admin.id, displayName: admin.displayName, tenantId: tenant.id, roles: ['globalAdministrator'] };
  return actor;
}

/** Parse + validate + store the preview, commit, run to the end; times of each step. */
async function importEndToEnd(db: Db, actor: Actor, bytes: Uint8Array, cost: number) {
  const sealer = passwordSealer(randomBytes(32).toString('base64url'));
  const deps = { db, clock: systemClock, hasher: bcryptHasher(cost), random: secureRandomBytes, sealer, log: () => undefined };
  const started = performance.now();
  const preview = await createBulkPreview(db, systemClock, { actor, tenantId: actor.tenantId, kind: 'add', source: { type: 'file', fileName: 'bench.csv', bytes }, existingMode: 'skip' });
  if (!preview.ok) throw new Error(preview.error.message);
  if (preview.value.invalidRows) throw new Error(`${preview.value.invalidRows} rows of the bench file are invalid`);
  const previewed = performance.now();
  const committed = await commitBulkJob(db, systemClock, { actor, tenantId: actor.tenantId, jobId: preview.value.jobId });
  if (!committed.ok) throw new Error(committed.error.message);
  const result = await runBulkJob(preview.value.jobId, deps);
  const finished = performance.now();
  const job = await db.bulkJob.findUniqueOrThrow({ where: { id: preview.value.jobId }, select: { createdCount: true, failedCount: true } });
  if (result !== 'completed' || job.failedCount || job.createdCount !== preview.value.totalRows) {
    throw new Error(`the import did not complete cleanly: ${result}, ${job.createdCount} created, ${job.failedCount} failed`);
  }
  return { previewMs: previewed - started, jobMs: finished - previewed, totalMs: finished - started, rows: preview.value.totalRows };
}

const name = `portal_bench_import_${process.pid}_${randomBytes(3).toString('hex')}`;
const target = await resolveDatabase({ database: name, log });
const serverUrl = new URL(target.url);
serverUrl.pathname = '/postgres';
let db: Db | null = null;
try {
  await ensureDatabaseExists(serverUrl.toString(), name);
  await migrate(target.url);
  db = createPrismaClient(target.url, 10);
  const actor = await setUp(db);
  const cores = os.availableParallelism();
  log(`${cores} cores, libuv pool ${process.env.UV_THREADPOOL_SIZE ?? 4}, bcrypt cost ${COST}, ${defaultConcurrency()} rows in flight`);

  // Parsing alone, for the record (the preview below parses again, as the upload does).
  const small = importFile(ROWS, 'small');
  const parseStarted = performance.now();
  const parsed = parseUserCsv(small);
  const parseMs = performance.now() - parseStarted;
  if (!parsed.ok) throw new Error(parsed.error.message);

  log(`hashing floor: ${count(ROWS)} passwords…`);
  const floorStarted = performance.now();
  await Promise.all(Array.from({ length: ROWS }, (_, i) => bcrypt.hash(`Floor-Password-${i}-${randomBytes(4).toString('hex')}`, COST)));
  const floorMs = performance.now() - floorStarted;
  console.log(`hashing floor: ${count(ROWS)} bcrypt hashes at cost ${COST}, all at once on ${cores} cores: ${seconds(floorMs)} (${(ROWS / (floorMs / 1000)).toFixed(1)} hashes/s)`);

  log(`import: ${count(ROWS)} rows…`);
  const run = await importEndToEnd(db, actor, small, COST);
  console.log(
    `import ${count(ROWS)} rows (a licence and a group each), cost ${COST}: ${seconds(run.totalMs)} end to end = preview ${seconds(run.previewMs)} (parse, validate, store; the parse alone ${seconds(parseMs)}) + job ${seconds(run.jobMs)}; ${(ROWS / (run.totalMs / 1000)).toFixed(1)} rows/s`,
  );

  log(`import: ${count(BIG_ROWS)} rows at cost ${BIG_COST}, for memory…`);
  const rssBefore = process.memoryUsage().rss;
  const big = await withPeakRss(() => importEndToEnd(db as Db, actor, importFile(BIG_ROWS, 'big'), BIG_COST));
  console.log(
    `import ${count(BIG_ROWS)} rows, cost ${BIG_COST}: ${seconds(big.value.totalMs)} (preview ${seconds(big.value.previewMs)}, job ${seconds(big.value.jobMs)}); ${(BIG_ROWS / (big.value.totalMs / 1000)).toFixed(0)} rows/s; peak RSS ${mb(big.peak)} (${mb(rssBefore)} before the run; process high-water mark ${mb(process.resourceUsage().maxRSS * 1024)})`,
  );
  console.log(`ratio: ${(run.totalMs / floorMs).toFixed(2)}`);
} finally {
  await db?.$disconnect();
  await dropDatabase(serverUrl.toString(), name).catch((error: unknown) => console.error(error));
  await target.stop();
}
