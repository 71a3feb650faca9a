// Create a security group ("New group"): a name unique in the tenant, case-insensitively.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { checkGroupInput, groupNameKey, groupNameTaken, groupTarget } from './group';
import { authorizeGroupChange } from './group-permissions';

export type CreateGroupCommand = { actor: Actor; tenantId: string; name: string; description?: string | null };

export async function createGroup(deps: { clock: Clock; transaction: Transaction }, command: CreateGroupCommand): Promise<Result<{ id: string; name: string }>> {
  const { actor, tenantId } = command;
  const allowed = authorizeGroupChange({ actor, tenantId, change: 'create' });
  if (!allowed.ok) return allowed;
  const checked = checkGroupInput(command);
  if (!checked.ok) return checked;
  const input = checked.value;
  const now = deps.clock.now();

  return deps.transaction(async (repos) => {
    if (await repos.groups.isNameTaken(tenantId, groupNameKey(input.name))) return groupNameTaken(input.name);
    const created = await repos.groups.create(tenantId, input, { id: actor.userId, name: actor.displayName }, now);
    // Two admins creating the same name at once: the unique index lets one through.
    if (created === 'GROUP_NAME_TAKEN') return groupNameTaken(input.name);
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'group.create',
      target: groupTarget({ id: created.id, name: input.name }),
      before: null,
      after: { name: input.name, description: input.description },
    });
    return ok({ id: created.id, name: input.name });
  });
}
