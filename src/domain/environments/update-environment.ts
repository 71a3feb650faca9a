// Edit an environment's settings, with optimistic concurrency. A change of the
// security group changes who is eligible: the caller re-synchronises the
// environment afterwards (`groupChanged`).
import { changedFields } from '../audit/audit-event';
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { settingsForAudit, unknownGroup, type EnvironmentSettingsInput } from './create-environment';
import { checkEnvironmentInput, environmentNameKey, environmentNameTaken, environmentNotFound, environmentTarget } from './environment';
import { authorizeEnvironmentChange } from './environment-permissions';

export async function updateEnvironment(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; environmentId: string; expectedRowVersion: number; settings: EnvironmentSettingsInput },
): Promise<Result<{ id: string; name: string; groupChanged: boolean; changed: boolean }>> {
  const { actor, tenantId, environmentId } = command;
  const allowed = authorizeEnvironmentChange(actor, tenantId);
  if (!allowed.ok) return allowed;
  const checked = checkEnvironmentInput(command.settings);
  if (!checked.ok) return checked;
  const input = checked.value;
  const now = deps.clock.now();

  return deps.transaction(async (repos) => {
    const current = await repos.environments.getById(tenantId, environmentId);
    if (!current) return environmentNotFound();
    const groupName = input.securityGroupId ? await repos.environments.groupName(tenantId, input.securityGroupId) : null;
    if (input.securityGroupId && groupName === null) return unknownGroup();
    if (await repos.environments.isNameTaken(tenantId, environmentNameKey(input.name), environmentId)) return environmentNameTaken(input.name);

    const before = settingsForAudit(current, current.securityGroupName);
    const after = settingsForAudit(input, groupName);
    const diff = changedFields(before, after);
    if (Object.keys(diff.after).length === 0) return ok({ id: environmentId, name: input.name, groupChanged: false, changed: false });

    const result = await repos.environments.update(tenantId, environmentId, command.expectedRowVersion, input, now);
    if (result === 'NAME_TAKEN') return environmentNameTaken(input.name);
    if (result === 'STALE') return fail('CONFLICT', `${current.name} was changed by someone else meanwhile. Reload and try again.`, { rule: 'STALE_VERSION' });
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'environment.update',
      target: environmentTarget({ id: environmentId, name: input.name }),
      before: diff.before,
      after: diff.after,
    });
    return ok({ id: environmentId, name: input.name, groupChanged: current.securityGroupId !== input.securityGroupId, changed: true });
  });
}
