// Assign or remove a directory role (domain.md §2): only Global Administrators and
// Privileged Role Administrators; never the last Global Administrator's role;
// never more than the actor may grant. Audited.
import type { Clock } from '../shared/clock';
import { authorizeRoleChange, roleName, type Actor, type RoleId } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor, targetOf } from '../users/user-audit';

export type RoleChange = { actor: Actor; tenantId: string; userId: string; roleId: RoleId; change: 'add' | 'remove' };

export async function changeRoleAssignment(deps: { clock: Clock; transaction: Transaction }, command: RoleChange): Promise<Result<{ changed: boolean; displayName: string }>> {
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(command.tenantId, command.userId);
    if (!user) return fail('NOT_FOUND', 'User not found.');
    const allowed = authorizeRoleChange({
      actor: command.actor,
      tenantId: command.tenantId,
      target: user,
      role: command.roleId,
      change: command.change,
      facts: { activeGlobalAdminCount: await repos.users.countActiveGlobalAdmins(command.tenantId) },
    });
    if (!allowed.ok) return allowed;
    const holds = user.roles.includes(command.roleId);
    if ((command.change === 'add') === holds) return ok({ changed: false, displayName: user.displayName });
    const by = { id: command.actor.userId, name: command.actor.displayName };
    if (command.change === 'add') await repos.roles.add(command.tenantId, user.id, command.roleId, by, now);
    else await repos.roles.remove(command.tenantId, user.id, command.roleId);
    await repos.audit.append({
      tenantId: command.tenantId,
      occurredAt: now,
      actor: auditActor(command.actor),
      action: command.change === 'add' ? 'role.assign' : 'role.remove',
      target: targetOf(user),
      before: { roles: user.roles.map(roleName) },
      after: { roles: (command.change === 'add' ? [...user.roles, command.roleId] : user.roles.filter((r) => r !== command.roleId)).map(roleName) },
      detail: `${roleName(command.roleId)} ${command.change === 'add' ? 'assigned to' : 'removed from'} ${user.displayName}.`,
    });
    return ok({ changed: true, displayName: user.displayName });
  });
}
