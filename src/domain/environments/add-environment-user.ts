// Add user on demand (domain.md §7): the admin picks a directory user, sees the
// engine's verdict with every rule, and confirms. The add itself is a sync run of
// that one user with the onDemand trigger, so what was previewed is what happens
// (unless the directory changed in between — then the fresh verdict decides).
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import type { EligibilityDecision, EligibilityVerdict } from './eligibility';
import { environmentNotFound, environmentTarget } from './environment';
import { authorizeEnvironmentChange } from './environment-permissions';
import { evaluateUser, firstFailedRule } from './evaluate-user';
import { synchroniseEnvironment } from './synchronise';

type Deps = { clock: Clock; transaction: Transaction };
type Command = { actor: Actor; tenantId: string; environmentId: string; userId: string };

export const userNotFound = () => fail('NOT_FOUND', 'User not found.');

/** The verdict the engine gives for adding this user on demand; nothing is written. */
export async function previewAddUser(deps: Deps, command: Command): Promise<Result<{ displayName: string; verdict: EligibilityVerdict }>> {
  const allowed = authorizeEnvironmentChange(command.actor, command.tenantId);
  if (!allowed.ok) return allowed;
  return deps.transaction(async (repos) => {
    const environment = await repos.environments.getById(command.tenantId, command.environmentId);
    if (!environment) return environmentNotFound();
    const evaluation = await evaluateUser(repos.environments, environment, command.userId, 'onDemand');
    if (!evaluation) return userNotFound();
    return ok({ displayName: evaluation.candidate.user.displayName, verdict: evaluation.verdict });
  });
}

/**
 * Runs the on-demand add. A refusal (`reject`) is a CONFLICT naming the first
 * failed rule, with the verdict in `details.verdict`; nothing is written then.
 */
export async function addEnvironmentUser(
  deps: Deps,
  command: Command & { kind?: 'member' | 'nonInteractive' },
): Promise<Result<{ displayName: string; decision: EligibilityDecision; verdict: EligibilityVerdict }>> {
  const { actor, tenantId } = command;
  const allowed = authorizeEnvironmentChange(actor, tenantId);
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(tenantId, command.userId);
    if (!user) return userNotFound();
    if (command.kind === 'nonInteractive' && user.kind !== 'nonInteractive') {
      return fail('VALIDATION', `${user.displayName} is not a non-interactive account. Add people with Add user.`, {
        fieldErrors: { userId: ['Choose a non-interactive account.'] },
      });
    }
    const outcome = await synchroniseEnvironment(repos.environments, deps.clock, {
      tenantId,
      environmentId: command.environmentId,
      trigger: 'onDemand',
      userIds: [user.id],
      byAdmin: true,
    });
    if (!outcome) return environmentNotFound();
    const verdict = outcome.verdicts.get(user.id);
    if (!verdict) return userNotFound();
    if (verdict.decision === 'reject' || verdict.decision === 'none') {
      return fail('CONFLICT', verdict.summary, { rule: firstFailedRule(verdict), details: { verdict } });
    }
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: command.kind === 'nonInteractive' ? 'environment.addNonInteractiveUser' : 'environment.addUser',
      target: environmentTarget(outcome.environment),
      after: { user: user.displayName, userId: user.id, decision: verdict.decision, accessMode: verdict.accessMode },
    });
    return ok({ displayName: user.displayName, decision: verdict.decision, verdict });
  });
}

/**
 * Add a non-interactive user (an API access account): the on-demand add of a
 * non-interactive directory account. At most 7 per environment (R5): the run holds
 * the environment's lock while it counts and inserts, so concurrent adds cannot
 * together pass the limit.
 */
export const addNonInteractiveUser = (deps: Deps, command: Command) => addEnvironmentUser(deps, { ...command, kind: 'nonInteractive' });
