// "Add owners": users who may then manage the group's members without an admin role.
// Only admins with group.manage change owners (an owner may not).
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { groupNotFound, groupTarget, type GroupRef } from './group';
import { authorizeGroupChange } from './group-permissions';
import { ADD_MEMBERS_LIMIT } from './add-members';

export type AddOwnersResult = { group: GroupRef; added: { id: string; name: string }[]; alreadyOwners: { id: string; name: string }[] };

export async function addOwners(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; groupId: string; userIds: readonly string[] },
): Promise<Result<AddOwnersResult>> {
  const { actor, tenantId } = command;
  const userIds = [...new Set(command.userIds)];
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const group = await repos.groups.getById(tenantId, command.groupId);
    if (!group) return groupNotFound();
    const allowed = authorizeGroupChange({ actor, tenantId, group, change: 'owners' });
    if (!allowed.ok) return allowed;
    if (!userIds.length) return fail('VALIDATION', 'Select at least one user to make an owner.');
    if (userIds.length > ADD_MEMBERS_LIMIT) return fail('LIMIT_EXCEEDED', `Add at most ${ADD_MEMBERS_LIMIT} owners at a time.`);

    const users: { id: string; name: string }[] = [];
    for (const id of userIds) {
      const user = await repos.users.getById(tenantId, id);
      if (!user) return fail('NOT_FOUND', 'One of the selected users no longer exists. Search again and pick from the results.');
      users.push({ id: user.id, name: user.displayName });
    }
    const added = users.filter((u) => !group.ownerIds.includes(u.id));
    if (added.length) await repos.groups.addOwners(tenantId, group.id, added.map((u) => u.id), { id: actor.userId, name: actor.displayName }, now);
    for (const owner of added) {
      await repos.audit.append({
        tenantId,
        occurredAt: now,
        actor: auditActor(actor),
        action: 'group.addOwner',
        target: groupTarget(group),
        before: { owner: null },
        after: { owner: owner.name, ownerId: owner.id },
        detail: `${owner.name} made an owner of ${group.name}.`,
      });
    }
    return ok({ group: { id: group.id, name: group.name }, added, alreadyOwners: users.filter((u) => !added.includes(u)) });
  });
}
