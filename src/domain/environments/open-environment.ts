// First access (domain.md §7, "My environments"): a signed-in user opens an
// environment of their tenant. The engine runs with the firstAccess trigger and
// either grants access (creating or enabling the row) or says why not. No admin
// role is needed: anyone may try to open the environments of their own tenant.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import type { EligibilityVerdict } from './eligibility';
import { environmentNotFound, environmentTarget } from './environment';
import { synchroniseEnvironment } from './synchronise';

export type OpenEnvironmentResult = { environmentName: string; granted: boolean; verdict: EligibilityVerdict };

/**
 * A refusal is not an error here: the run is recorded (and a row the user is no
 * longer entitled to is disabled), and `granted: false` comes with the verdict
 * for the screen to explain.
 */
export async function openEnvironment(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; environmentId: string },
): Promise<Result<OpenEnvironmentResult>> {
  const { actor, tenantId } = command;
  if (actor.tenantId !== tenantId || actor.onBehalfOf) return environmentNotFound();
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const outcome = await synchroniseEnvironment(repos.environments, deps.clock, {
      tenantId,
      environmentId: command.environmentId,
      trigger: 'firstAccess',
      userIds: [actor.userId],
    });
    if (!outcome) return environmentNotFound();
    const verdict = outcome.verdicts.get(actor.userId);
    if (!verdict) return fail('NOT_FOUND', 'Your account was not found.');
    if (!verdict.isEnabled) return ok({ environmentName: outcome.environment.name, granted: false, verdict });
    if (verdict.decision === 'add' || verdict.decision === 'enable') {
      await repos.audit.append({
        tenantId,
        occurredAt: now,
        actor: auditActor(actor),
        action: 'environment.firstAccess',
        target: environmentTarget(outcome.environment),
        after: { decision: verdict.decision, accessMode: verdict.accessMode },
      });
    }
    return ok({ environmentName: outcome.environment.name, granted: true, verdict });
  });
}
