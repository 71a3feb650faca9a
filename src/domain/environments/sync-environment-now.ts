// "Sync now": a full sync of one environment, started by an admin (trigger manual).
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { environmentNotFound, environmentTarget, type SyncCounts } from './environment';
import { authorizeEnvironmentChange } from './environment-permissions';
import { synchroniseEnvironment } from './synchronise';

export async function syncEnvironmentNow(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; environmentId: string },
): Promise<Result<SyncCounts & { durationMs: number }>> {
  const { actor, tenantId } = command;
  const allowed = authorizeEnvironmentChange(actor, tenantId);
  if (!allowed.ok) return allowed;
  return deps.transaction(async (repos) => {
    const outcome = await synchroniseEnvironment(repos.environments, deps.clock, {
      tenantId,
      environmentId: command.environmentId,
      trigger: 'manual',
      userIds: null,
    });
    if (!outcome) return environmentNotFound();
    await repos.audit.append({
      tenantId,
      occurredAt: deps.clock.now(),
      actor: auditActor(actor),
      action: 'environment.syncNow',
      target: environmentTarget(outcome.environment),
      after: { ...outcome.counts },
    });
    return ok({ ...outcome.counts, durationMs: outcome.durationMs });
  });
}
