// Remove an owner of a group (confirmed in the UI). Only admins with group.manage.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { groupNotFound, groupTarget } from './group';
import { authorizeGroupChange } from './group-permissions';

export async function removeOwner(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; groupId: string; userId: string },
): Promise<Result<{ name: string }>> {
  const { actor, tenantId } = command;
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const group = await repos.groups.getById(tenantId, command.groupId);
    if (!group) return groupNotFound();
    const allowed = authorizeGroupChange({ actor, tenantId, group, change: 'owners' });
    if (!allowed.ok) return allowed;
    const user = await repos.users.getById(tenantId, command.userId, { includeDeleted: true });
    if (!user) return fail('NOT_FOUND', 'User not found.');
    if (!(await repos.groups.removeOwner(tenantId, group.id, user.id))) return fail('NOT_FOUND', `${user.displayName} is not an owner of ${group.name}.`);
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'group.removeOwner',
      target: groupTarget(group),
      before: { owner: user.displayName, ownerId: user.id },
      after: { owner: null },
      detail: `${user.displayName} is no longer an owner of ${group.name}.`,
    });
    return ok({ name: user.displayName });
  });
}
