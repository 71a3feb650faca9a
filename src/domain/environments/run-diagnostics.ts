// Run diagnostics (domain.md §7): every rule for one user in one environment,
// passed or failed, with its message and fix. Running it also re-synchronises
// that user in that environment, as the anchor product does; the verdict shown is
// the one the re-synchronisation acted on. `onDemand` says what an on-demand add
// (Add user, or the user's first access) would do on top.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import type { EligibilityVerdict } from './eligibility';
import { environmentNotFound, environmentTarget, type SyncCounts } from './environment';
import { authorizeEnvironmentChange } from './environment-permissions';
import { evaluateUser } from './evaluate-user';
import { synchroniseEnvironment } from './synchronise';
import { userNotFound } from './add-environment-user';

export type Diagnostics = {
  environmentName: string;
  displayName: string;
  verdict: EligibilityVerdict;
  /** What adding on demand (or the user's first access) would decide now. */
  onDemand: EligibilityVerdict;
  counts: SyncCounts;
};

export async function runDiagnostics(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; environmentId: string; userId: string },
): Promise<Result<Diagnostics>> {
  const { actor, tenantId } = command;
  const allowed = authorizeEnvironmentChange(actor, tenantId);
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(tenantId, command.userId, { includeDeleted: true });
    if (!user) return userNotFound();
    const outcome = await synchroniseEnvironment(repos.environments, deps.clock, {
      tenantId,
      environmentId: command.environmentId,
      trigger: 'diagnostics',
      userIds: [user.id],
    });
    if (!outcome) return environmentNotFound();
    const verdict = outcome.verdicts.get(user.id);
    if (!verdict) return userNotFound();
    const trigger = outcome.environment.type === 'teams' ? 'firstAccess' : 'onDemand';
    const onDemand = (await evaluateUser(repos.environments, outcome.environment, user.id, trigger))?.verdict ?? verdict;
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'environment.runDiagnostics',
      target: environmentTarget(outcome.environment),
      after: { user: user.displayName, userId: user.id, decision: verdict.decision, ...outcome.counts },
    });
    return ok({ environmentName: outcome.environment.name, displayName: user.displayName, verdict, onDemand, counts: outcome.counts });
  });
}
