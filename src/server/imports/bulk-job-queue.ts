// Bulk jobs on the job engine (pg-boss): a queue whose worker runs runBulkJob, and a
// maintenance job every minute that wipes one-time passwords older than 24 hours and
// starts again any job whose runner died (its lease ran out). With the engine off
// (JOBS_ENABLED=false: tests, browser tests) a job runs in this process instead — the
// same runBulkJob — and the progress poll restarts it after a restart of the portal.
import type PgBoss from 'pg-boss';
import { PASSWORD_RETENTION_MS } from '@/domain/imports/bulk-job';
import type { Clock } from '@/domain/shared/clock';
import { systemClock } from '../clock';
import { db as defaultDb, type DbClient } from '../db/client';
import { runBulkJob } from './bulk-job-runner';

export const BULK_QUEUES = { run: 'bulk-user-jobs', maintenance: 'bulk-jobs-maintenance' } as const;

/** A job not picked up this long after it was queued (or last started) is started again. */
const RESTART_AFTER_SECONDS = 20;
/** Bulk jobs run side by side in one instance. */
const WORKERS = 2;

// The boss the engine started, shared by every bundle of this process (instrumentation and routes).
const shared = globalThis as unknown as { portalBulkJobBoss?: PgBoss | null };

/** Called by the job engine once pg-boss has started (src/server/jobs/job-engine.ts). */
export async function registerBulkJobs(boss: PgBoss, log: (line: string) => void = console.log): Promise<void> {
  // Long imports: pg-boss would otherwise expire an active job after 15 minutes. A runner
  // that dies is noticed by its lease, not by this expiry.
  await boss.createQueue(BULK_QUEUES.run, { name: BULK_QUEUES.run, policy: 'standard', retryLimit: 5, retryDelay: 30, expireInHours: 23 });
  await boss.createQueue(BULK_QUEUES.maintenance, { name: BULK_QUEUES.maintenance, policy: 'singleton', retryLimit: 1 });
  await boss.schedule(BULK_QUEUES.maintenance, '* * * * *', {}, { tz: 'UTC' });
  for (let i = 0; i < WORKERS; i++) {
    await boss.work<{ jobId?: unknown }>(BULK_QUEUES.run, async (jobs) => {
      for (const job of jobs) if (typeof job.data.jobId === 'string') await runBulkJob(job.data.jobId);
    });
  }
  await boss.work(BULK_QUEUES.maintenance, async () => {
    await bulkJobMaintenance(defaultDb(), systemClock, log);
  });
  shared.portalBulkJobBoss = boss;
  log(`[jobs] started: ${BULK_QUEUES.run} (${WORKERS} workers), ${BULK_QUEUES.maintenance} every minute`);
  // Jobs a stopped instance was running: started again as soon as their lease has run out.
  void bulkJobMaintenance(defaultDb(), systemClock, log).catch((error: unknown) => console.error('[jobs] bulk maintenance', error));
}

/** Starts a committed job: on the job engine when it runs here, else in this process. */
export async function startBulkJob(jobId: string): Promise<'queued' | 'in-process'> {
  const boss = shared.portalBulkJobBoss;
  if (boss) {
    await boss.send(BULK_QUEUES.run, { jobId });
    return 'queued';
  }
  void runBulkJob(jobId).catch((error: unknown) => console.error(`[jobs] bulk ${jobId}: run stopped:`, error));
  return 'in-process';
}

/**
 * Starts the job again if nobody runs it: queued or running, no live lease, and not
 * (re)started in the last few seconds (so that polls and maintenance do not pile up
 * starts). True when it was started.
 */
export async function restartIfOrphaned(db: DbClient, jobId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "BulkJob" SET "queuedAt" = now()
    WHERE "id" = ${jobId}::uuid AND "status" IN ('queued', 'running')
      AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
      AND ("queuedAt" IS NULL OR "queuedAt" < now() - make_interval(secs => ${RESTART_AFTER_SECONDS}))
    RETURNING "id"::text AS "id"`;
  if (!rows.length) return false;
  await startBulkJob(jobId);
  return true;
}

/** Wipes the one-time passwords processed more than 24 hours ago; the count of rows wiped. */
export async function wipeExpiredPasswords(db: DbClient, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - PASSWORD_RETENTION_MS);
  return db.$executeRaw`
    UPDATE "BulkJobRow" SET "passwordCiphertext" = NULL
    WHERE "passwordCiphertext" IS NOT NULL AND "processedAt" <= ${cutoff}`;
}

/** Finished jobs (their rows hold the files' cells) are kept this long for their reports. */
export const FINISHED_JOB_RETENTION_DAYS = 90;
/** Previews nobody committed. */
export const ABANDONED_PREVIEW_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;

export async function bulkJobMaintenance(db: DbClient, clock: Clock = systemClock, log: (line: string) => void = console.log) {
  const wiped = await wipeExpiredPasswords(db, clock.now());
  if (wiped) log(`[jobs] bulk: ${wiped} one-time password${wiped === 1 ? '' : 's'} older than 24 hours wiped`);
  const now = clock.now().getTime();
  const removed = await db.bulkJob.deleteMany({
    where: {
      OR: [
        { status: { in: ['completed', 'failed', 'cancelled'] }, finishedAt: { lt: new Date(now - FINISHED_JOB_RETENTION_DAYS * DAY_MS) } },
        { status: 'previewed', createdAt: { lt: new Date(now - ABANDONED_PREVIEW_RETENTION_DAYS * DAY_MS) } },
      ],
    },
  });
  if (removed.count) log(`[jobs] bulk: ${removed.count} old job${removed.count === 1 ? '' : 's'} and their rows removed`);
  const orphaned = await db.$queryRaw<{ id: string }[]>`
    SELECT "id"::text AS "id" FROM "BulkJob"
    WHERE "status" IN ('queued', 'running') AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
    ORDER BY "queuedAt" NULLS FIRST LIMIT 100`;
  let restarted = 0;
  for (const { id } of orphaned) if (await restartIfOrphaned(db, id)) restarted++;
  if (restarted) log(`[jobs] bulk: ${restarted} job${restarted === 1 ? '' : 's'} started again`);
  return { wiped, restarted, removed: removed.count };
}
