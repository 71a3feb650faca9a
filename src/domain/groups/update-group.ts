// Rename a group or change its description. Saved only on the version the admin was
// looking at: if someone else changed the group meanwhile, nothing is overwritten.
import { changedFields } from '../audit/audit-event';
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { checkGroupInput, groupNameKey, groupNameTaken, groupNotFound, groupTarget } from './group';
import { authorizeGroupChange } from './group-permissions';

export type UpdateGroupCommand = {
  actor: Actor;
  tenantId: string;
  groupId: string;
  /** The rowVersion the edit was made on. */
  expectedRowVersion: number;
  name: string;
  description?: string | null;
};

const staleGroup = (name: string, currentVersion: number) =>
  fail('CONFLICT', `Someone else changed ${name} after you opened it. Nothing was saved: review the current values and make your change again.`, {
    rule: 'STALE_VERSION',
    details: { currentVersion },
  });

export async function updateGroup(deps: { clock: Clock; transaction: Transaction }, command: UpdateGroupCommand): Promise<Result<{ changed: string[] }>> {
  const { actor, tenantId } = command;
  const checked = checkGroupInput(command);
  const now = deps.clock.now();

  return deps.transaction(async (repos) => {
    const group = await repos.groups.getById(tenantId, command.groupId);
    if (!group) return groupNotFound();
    const allowed = authorizeGroupChange({ actor, tenantId, group, change: 'update' });
    if (!allowed.ok) return allowed;
    if (!checked.ok) return checked;
    if (group.rowVersion !== command.expectedRowVersion) return staleGroup(group.name, group.rowVersion);

    const input = checked.value;
    const { before, after } = changedFields({ name: group.name, description: group.description }, { ...input });
    const changed = Object.keys(after);
    if (!changed.length) return ok({ changed });
    if (groupNameKey(input.name) !== groupNameKey(group.name) && (await repos.groups.isNameTaken(tenantId, groupNameKey(input.name), group.id))) {
      return groupNameTaken(input.name);
    }
    const updated = await repos.groups.update(tenantId, group.id, command.expectedRowVersion, input, now);
    if (updated === 'GROUP_NAME_TAKEN') return groupNameTaken(input.name);
    if (updated === 'STALE') {
      const current = await repos.groups.getById(tenantId, group.id);
      return current ? staleGroup(current.name, current.rowVersion) : groupNotFound();
    }
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'group.update',
      target: groupTarget({ id: group.id, name: input.name }),
      before,
      after,
    });
    return ok({ changed });
  });
}
