// Background jobs on pg-boss: a PostgreSQL-backed queue, so however many app
// instances run, a scheduled job runs once per tick (pg-boss keeps the schedule
// and the job claims in the database, not in process memory).
import PgBoss from 'pg-boss';
import { purgeExpiredUsers } from '@/domain/users/purge-expired-users';
import { systemClock } from '../clock';
import { env } from '../config/env';
import { db } from '../db/client';
import { prismaTransaction } from '../db/transaction';
import { RELATIONSHIP_JOB, runRelationshipDeadlines } from '../partners/relationship-job';
import { registerBulkJobs } from '../imports/bulk-job-queue';
import { syncAllEnvironments, syncEnvironment, syncUsers } from '../environments/sync-service';

export const JOBS = {
  purgeDeletedUsers: 'purge-deleted-users',
  /** The background sync of every environment (domain.md §7), on SYNC_SCHEDULE. */
  syncEnvironments: 'sync-environments',
  /** Named users of a tenant, right after a change that can affect their eligibility. */
  syncUsers: 'sync-users',
  /** One environment, after its settings or its security group changed. */
  syncEnvironment: 'sync-environment',
} as const;

export type SyncUsersJob = { tenantId: string; userIds: string[] };
export type SyncEnvironmentJob = { tenantId: string; environmentId: string };

/** The purge, as the job and `npm run jobs:purge` both run it. */
export async function runPurge(log: (line: string) => void = console.log) {
  const started = Date.now();
  const { purged } = await purgeExpiredUsers({ clock: systemClock, transaction: prismaTransaction(db()) });
  log(`[jobs] purge: ${purged} user${purged === 1 ? '' : 's'} deleted permanently in ${Date.now() - started} ms`);
  return purged;
}

// Kept on globalThis: Next may load this module more than once (instrumentation and
// the routes are bundled apart), and every copy must see the one running engine.
const holder = globalThis as unknown as { portalJobEngine?: PgBoss | null };

/** The engine running in this process, if any (null when JOBS_ENABLED=false or not started). */
export const runningJobEngine = (): PgBoss | null => holder.portalJobEngine ?? null;

export async function startJobEngine() {
  if (holder.portalJobEngine) return holder.portalJobEngine;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is required for the job engine.');
  const boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'identity-portal-jobs', max: 3 });
  boss.on('error', (error) => console.error('[jobs]', error));
  await boss.start();
  await boss.createQueue(JOBS.purgeDeletedUsers, { name: JOBS.purgeDeletedUsers, policy: 'singleton', retryLimit: 3, retryDelay: 60 });
  await boss.schedule(JOBS.purgeDeletedUsers, env().PURGE_SCHEDULE, {}, { tz: 'UTC' });
  await boss.work(JOBS.purgeDeletedUsers, async () => {
    await runPurge();
  });
  // Partner relationships (domain.md §6): lapse, expire or auto-extend, warn; on RELATIONSHIP_SCHEDULE.
  await boss.createQueue(RELATIONSHIP_JOB, { name: RELATIONSHIP_JOB, policy: 'singleton', retryLimit: 3, retryDelay: 60 });
  await boss.schedule(RELATIONSHIP_JOB, env().RELATIONSHIP_SCHEDULE, {}, { tz: 'UTC' });
  await boss.work(RELATIONSHIP_JOB, async () => {
    await runRelationshipDeadlines();
  });
  // Bulk add, delete and restore, and the 24-hour wipe of their one-time passwords.
  await registerBulkJobs(boss);

  // A sync that is still running when the next tick comes is not started twice.
  await boss.createQueue(JOBS.syncEnvironments, { name: JOBS.syncEnvironments, policy: 'singleton', retryLimit: 1, retryDelay: 60, expireInSeconds: 15 * 60 });
  await boss.schedule(JOBS.syncEnvironments, env().SYNC_SCHEDULE, {}, { tz: 'UTC' });
  await boss.work(JOBS.syncEnvironments, async () => {
    await syncAllEnvironments(db(), 'background', { log: console.log });
  });
  await boss.createQueue(JOBS.syncUsers, { name: JOBS.syncUsers, policy: 'standard', retryLimit: 3, retryDelay: 5 });
  await boss.work<SyncUsersJob>(JOBS.syncUsers, { batchSize: 5 }, async (jobs) => {
    for (const job of jobs) await syncUsers(db(), job.data.tenantId, job.data.userIds, 'change');
  });
  await boss.createQueue(JOBS.syncEnvironment, { name: JOBS.syncEnvironment, policy: 'standard', retryLimit: 3, retryDelay: 5 });
  await boss.work<SyncEnvironmentJob>(JOBS.syncEnvironment, async (jobs) => {
    for (const job of jobs) await syncEnvironment(db(), job.data.tenantId, job.data.environmentId, 'change');
  });

  holder.portalJobEngine = boss;
  console.log(`[jobs] started: ${JOBS.purgeDeletedUsers} on "${env().PURGE_SCHEDULE}", ${JOBS.syncEnvironments} on "${env().SYNC_SCHEDULE}" (UTC), ${JOBS.syncUsers} on demand`);
  const stop = () => {
    holder.portalJobEngine = null;
    void boss.stop({ graceful: true, timeout: 10_000 });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return boss;
}
