// Remove one direct member (a user or a nested group) from a group, after a
// confirmation in the UI. Admins with group.manage, and the group's owners.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { groupNotFound, groupTarget, type MemberType } from './group';
import { authorizeGroupChange } from './group-permissions';

export type RemoveMemberCommand = { actor: Actor; tenantId: string; groupId: string; memberType: MemberType; memberId: string };

export async function removeMember(deps: { clock: Clock; transaction: Transaction }, command: RemoveMemberCommand): Promise<Result<{ name: string }>> {
  const { actor, tenantId } = command;
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const group = await repos.groups.getById(tenantId, command.groupId);
    if (!group) return groupNotFound();
    const allowed = authorizeGroupChange({ actor, tenantId, group, change: 'members' });
    if (!allowed.ok) return allowed;

    let name: string;
    if (command.memberType === 'user') {
      const user = await repos.users.getById(tenantId, command.memberId, { includeDeleted: true });
      if (!user) return fail('NOT_FOUND', 'User not found.');
      name = user.displayName;
      if (!(await repos.groups.removeUserMember(tenantId, group.id, user.id))) return fail('NOT_FOUND', `${name} is not a direct member of ${group.name}.`);
    } else {
      const child = await repos.groups.getById(tenantId, command.memberId);
      if (!child) return groupNotFound();
      name = child.name;
      if (!(await repos.groups.removeNestedGroup(tenantId, group.id, child.id))) return fail('NOT_FOUND', `${name} is not a member of ${group.name}.`);
    }
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'group.removeMember',
      target: groupTarget(group),
      before: { member: name, memberType: command.memberType, memberId: command.memberId },
      after: { member: null },
      detail: `${command.memberType === 'user' ? name : `Group ${name}`} removed from ${group.name}.`,
    });
    return ok({ name });
  });
}
