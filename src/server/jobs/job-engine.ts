// Background jobs on pg-boss: a PostgreSQL-backed queue, so however many app
// instances run, a scheduled job runs once per tick (pg-boss keeps the schedule
// and the job claims in the database, not in process memory).
import PgBoss from 'pg-boss';
import { purgeExpiredUsers } from '@/domain/users/purge-expired-users';
import { systemClock } from '../clock';
import { env } from '../config/env';
import { db } from '../db/client';
import { prismaTransaction } from '../db/transaction';

export const JOBS = { purgeDeletedUsers: 'purge-deleted-users' } as const;

/** The purge, as the job and `npm run jobs:purge` both run it. */
export async function runPurge(log: (line: string) => void = console.log) {
  const started = Date.now();
  const { purged } = await purgeExpiredUsers({ clock: systemClock, transaction: prismaTransaction(db()) });
  log(`[jobs] purge: ${purged} user${purged === 1 ? '' : 's'} deleted permanently in ${Date.now() - started} ms`);
  return purged;
}

let boss: PgBoss | null = null;

export async function startJobEngine() {
  if (boss) return boss;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is required for the job engine.');
  boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'identity-portal-jobs', max: 3 });
  boss.on('error', (error) => console.error('[jobs]', error));
  await boss.start();
  await boss.createQueue(JOBS.purgeDeletedUsers, { name: JOBS.purgeDeletedUsers, policy: 'singleton', retryLimit: 3, retryDelay: 60 });
  await boss.schedule(JOBS.purgeDeletedUsers, env().PURGE_SCHEDULE, {}, { tz: 'UTC' });
  await boss.work(JOBS.purgeDeletedUsers, async () => {
    await runPurge();
  });
  console.log(`[jobs] started: ${JOBS.purgeDeletedUsers} on "${env().PURGE_SCHEDULE}" (UTC)`);
  const stop = () => void boss?.stop({ graceful: true, timeout: 10_000 });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return boss;
}
