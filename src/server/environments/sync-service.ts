// The sync as the server runs it: the domain's run (synchroniseEnvironment) inside
// a PostgreSQL transaction of its own, for one environment, for named users in
// every environment of a tenant, or for every environment of every tenant (the
// background job). A run that fails is rolled back and recorded as failed.
import { synchroniseEnvironment, synchroniseUsers, type SyncOutcome } from '@/domain/environments/synchronise';
import type { SyncRunTrigger } from '@/domain/environments/environment';
import type { Clock } from '@/domain/shared/clock';
import { systemClock } from '../clock';
import type { Db, DbClient } from '../db/client';
import { repositories } from '../db/transaction';

/** A full sync of 100,000 users takes seconds; leave room before the transaction is cut. */
export const SYNC_TRANSACTION_TIMEOUT_MS = 120_000;

type Options = { clock?: Clock; log?: (line: string) => void };

const isClient = (db: DbClient): db is Db => '$transaction' in db && typeof db.$transaction === 'function';

/** Runs `work` in a transaction of its own, or inside the caller's when given a transaction client. */
async function inTransaction<T>(db: DbClient, work: (tx: DbClient) => Promise<T>): Promise<T> {
  if (!isClient(db)) return work(db);
  return db.$transaction(work, { timeout: SYNC_TRANSACTION_TIMEOUT_MS, maxWait: 30_000 });
}

async function recordFailure(db: DbClient, tenantId: string, environmentId: string, trigger: SyncRunTrigger, startedAt: Date, error: unknown) {
  if (!isClient(db)) return;
  const finishedAt = new Date();
  await db.syncRun
    .create({
      data: {
        tenantId,
        environmentId,
        trigger,
        startedAt,
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        status: 'failed',
        error: error instanceof Error ? error.message.slice(0, 500) : 'Unknown error',
      },
    })
    .catch(() => undefined);
}

/** One environment: every directory user of its tenant (userIds null), or only the named ones. */
export async function syncEnvironment(
  db: DbClient,
  tenantId: string,
  environmentId: string,
  trigger: SyncRunTrigger,
  options: Options & { userIds?: readonly string[] | null } = {},
): Promise<SyncOutcome | null> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  try {
    return await inTransaction(db, (tx) =>
      synchroniseEnvironment(repositories(tx).environments, clock, { tenantId, environmentId, trigger, userIds: options.userIds ?? null }),
    );
  } catch (error) {
    await recordFailure(db, tenantId, environmentId, trigger, startedAt, error);
    throw error;
  }
}

/** The named users in every environment of their tenant (after a change that can affect eligibility). */
export async function syncUsers(
  db: DbClient,
  tenantId: string,
  userIds: readonly string[],
  trigger: SyncRunTrigger = 'change',
  options: Options = {},
): Promise<SyncOutcome[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const clock = options.clock ?? systemClock;
  return inTransaction(db, (tx) => synchroniseUsers(repositories(tx).environments, clock, { tenantId, userIds: unique, trigger }));
}

/**
 * Every environment of every tenant, each in its own transaction (so one slow or
 * failing environment holds no other's lock and stops no other's sync).
 */
export async function syncAllEnvironments(db: Db, trigger: SyncRunTrigger = 'background', options: Options = {}) {
  const log = options.log ?? (() => undefined);
  const environments = await db.environment.findMany({ select: { id: true, tenantId: true, name: true }, orderBy: [{ tenantId: 'asc' }, { id: 'asc' }] });
  let failed = 0;
  const totals = { added: 0, enabled: 0, disabled: 0, updated: 0 };
  for (const environment of environments) {
    try {
      const outcome = await syncEnvironment(db, environment.tenantId, environment.id, trigger, options);
      if (!outcome) continue;
      totals.added += outcome.counts.added;
      totals.enabled += outcome.counts.enabled;
      totals.disabled += outcome.counts.disabled;
      totals.updated += outcome.counts.updated;
    } catch (error) {
      failed++;
      console.error(`[jobs] sync of environment ${environment.id} (${environment.name}) failed:`, error);
    }
  }
  log(
    `[jobs] sync: ${environments.length} environment${environments.length === 1 ? '' : 's'}, ${totals.added} added, ${totals.enabled} enabled, ${totals.disabled} disabled, ${totals.updated} updated${failed ? `, ${failed} failed` : ''}`,
  );
  return { environments: environments.length, failed, ...totals };
}
