// Create an environment (domain.md §7): a name unique in the tenant
// (case-insensitively), its type, Dataverse or not, an optional security group and
// its settings. The creator is the actor — in a developer environment, the only
// user who is ever added (R4).
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { checkEnvironmentInput, environmentNameKey, environmentNameTaken, environmentTarget, type EnvironmentInput } from './environment';
import { authorizeEnvironmentChange } from './environment-permissions';

export type EnvironmentSettingsInput = Parameters<typeof checkEnvironmentInput>[0];

export const unknownGroup = () =>
  fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors: { securityGroupId: ['Choose a security group of this tenant.'] } });

export const settingsForAudit = (input: EnvironmentInput, groupName: string | null) => ({
  name: input.name,
  type: input.type,
  hasDataverse: input.hasDataverse,
  securityGroup: groupName,
  appPassCapacity: input.appPassCapacity,
  allowRoleAssignmentOnDisabledUsers: input.allowRoleAssignmentOnDisabledUsers,
  hasSalesApp: input.hasSalesApp,
});

export async function createEnvironment(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; settings: EnvironmentSettingsInput },
): Promise<Result<{ id: string; name: string }>> {
  const { actor, tenantId } = command;
  const allowed = authorizeEnvironmentChange(actor, tenantId);
  if (!allowed.ok) return allowed;
  const checked = checkEnvironmentInput(command.settings);
  if (!checked.ok) return checked;
  const input = checked.value;
  const now = deps.clock.now();

  return deps.transaction(async (repos) => {
    const groupName = input.securityGroupId ? await repos.environments.groupName(tenantId, input.securityGroupId) : null;
    if (input.securityGroupId && groupName === null) return unknownGroup();
    if (await repos.environments.isNameTaken(tenantId, environmentNameKey(input.name))) return environmentNameTaken(input.name);
    const created = await repos.environments.create(tenantId, input, actor.userId, now);
    // Two admins creating the same name at once: the unique index lets one through.
    if (created === 'NAME_TAKEN') return environmentNameTaken(input.name);
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'environment.create',
      target: environmentTarget({ id: created.id, name: input.name }),
      before: null,
      after: settingsForAudit(input, groupName),
    });
    return ok({ id: created.id, name: input.name });
  });
}
