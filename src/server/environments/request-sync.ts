// "Right after changes that can affect eligibility" (domain.md §7): a licence
// removed, a group membership changed, a user blocked, deleted or restored, an
// environment's group changed. Callers name the users concerned; when this process
// runs the job engine the sync is queued (the change's transaction is not held up),
// otherwise — JOBS_ENABLED=false, as in tests — it runs inline, so the result is
// visible as soon as the caller returns.
import 'server-only';
import { db } from '../db/client';
import { JOBS, runningJobEngine, type SyncEnvironmentJob, type SyncUsersJob } from '../jobs/job-engine';
import { syncEnvironment, syncUsers } from './sync-service';

/** Re-synchronises these users of the tenant in every environment of the tenant. */
export async function requestUserSync(tenantId: string, userIds: string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const engine = runningJobEngine();
  if (engine) {
    const job: SyncUsersJob = { tenantId, userIds: unique };
    await engine.send(JOBS.syncUsers, job);
    return;
  }
  await syncUsers(db(), tenantId, unique, 'change');
}

/**
 * Re-synchronises every user of one environment (after its settings or its group
 * changed): queued when the engine runs here (a large tenant takes seconds), inline otherwise.
 */
export async function requestEnvironmentSync(tenantId: string, environmentId: string): Promise<void> {
  const engine = runningJobEngine();
  if (engine) {
    const job: SyncEnvironmentJob = { tenantId, environmentId };
    await engine.send(JOBS.syncEnvironment, job);
    return;
  }
  await syncEnvironment(db(), tenantId, environmentId, 'change');
}
