// One run of the sync over one environment (domain.md §7): lock the environment,
// load every input in a few queries, let the engine decide for each user in
// memory, apply the decisions with set-based writes, record the run. The
// background job, Sync now, the follow-up of a change, diagnostics, an admin's
// Add user and a user's first access all go through here; they differ only in
// the trigger and in which users are in scope. Rows are never deleted.
//
// Call it inside a transaction: the lock and the writes belong together.
import type { Clock } from '../shared/clock';
import type { EligibilityVerdict } from './eligibility';
import { engineTriggerFor, rowOriginFor, type Environment, type SyncCounts, type SyncRunTrigger } from './environment';
import type { EnvironmentRepository } from './environment-repository';
import { planSync, usersToWrite, withFields } from './sync-plan';

export type SyncCommand = {
  tenantId: string;
  environmentId: string;
  trigger: SyncRunTrigger;
  /** null: every directory user of the tenant (a full sync); else only these users. */
  userIds: readonly string[] | null;
  /** Rows this run adds were added by an admin (Add user, non-interactive user). */
  byAdmin?: boolean;
  /** Write a SyncRun for the history (default true). */
  record?: boolean;
};

export type SyncOutcome = {
  environment: Environment;
  counts: SyncCounts;
  /** The engine's verdict for each user in scope, by user id (runs over named users only). */
  verdicts: Map<string, EligibilityVerdict>;
  durationMs: number;
};

export async function synchroniseEnvironment(
  repo: EnvironmentRepository,
  clock: Clock,
  command: SyncCommand,
): Promise<SyncOutcome | null> {
  const startedAt = clock.now();
  const environment = await repo.lock(command.tenantId, command.environmentId);
  if (!environment) return null;
  const now = clock.now();
  if (environment.hasDataverse) await repo.ensurePlaceholders(command.tenantId, environment.id, now);

  const input = await repo.loadSyncInput(command.tenantId, environment, command.userIds);
  const plan = planSync(environment, input, {
    trigger: engineTriggerFor(command.trigger),
    createdVia: rowOriginFor(command.trigger, command.byAdmin ?? false),
    // A run over named users explains each verdict; a full run shares them (see verdictCache).
    explain: command.userIds !== null,
  });
  const profiles = await repo.loadProfiles(command.tenantId, usersToWrite(plan));
  const { inserts, updates } = withFields(plan, profiles);
  const { changedRowIds } = await repo.applySyncPlan(
    command.tenantId,
    environment.id,
    // A run for named users re-synchronises them: their rows are stamped even when nothing changed.
    { inserts, updates, touch: command.userIds !== null },
    now,
  );
  // Enabling and disabling are counted as such; any other row whose values changed
  // (profile fields, access mode) is an update.
  const updated = updates.filter((u) => u.change === 'sync' && changedRowIds.has(u.rowId)).length;
  const counts: SyncCounts = { added: plan.added, enabled: plan.enabled, disabled: plan.disabled, updated };

  const finishedAt = clock.now();
  const durationMs = Math.max(0, finishedAt.getTime() - startedAt.getTime());
  if (command.record ?? true) {
    await repo.recordSyncRun(command.tenantId, {
      environmentId: environment.id,
      trigger: command.trigger,
      startedAt,
      finishedAt,
      durationMs,
      ...counts,
    });
  }
  return { environment, counts, verdicts: plan.verdicts, durationMs };
}

/**
 * The named users in every environment of the tenant, one environment after the
 * other (locked in a stable order, so two such runs cannot deadlock).
 */
export async function synchroniseUsers(
  repo: EnvironmentRepository,
  clock: Clock,
  command: { tenantId: string; userIds: readonly string[]; trigger: SyncRunTrigger },
): Promise<SyncOutcome[]> {
  if (command.userIds.length === 0) return [];
  const environments = (await repo.listForTenant(command.tenantId)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const outcomes: SyncOutcome[] = [];
  for (const environment of environments) {
    const outcome = await synchroniseEnvironment(repo, clock, {
      tenantId: command.tenantId,
      environmentId: environment.id,
      trigger: command.trigger,
      userIds: command.userIds,
    });
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}
