// The groups a user belongs to, each direct or through one of the user's direct
// groups. A deleted user keeps their memberships (inactive, for a restore) but
// belongs to no group while deleted.
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { resolveUserGroups, type UserGroupMembership } from './membership';

export async function listUserGroups(deps: { transaction: Transaction }, command: { actor: Actor; tenantId: string; userId: string }): Promise<Result<UserGroupMembership[]>> {
  const { actor, tenantId } = command;
  const allowed = authorize({ actor, tenantId, action: 'directory.read' });
  if (!allowed.ok && !(actor.tenantId === tenantId && actor.userId === command.userId)) return allowed;
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(tenantId, command.userId);
    if (!user) return fail('NOT_FOUND', 'User not found.');
    const direct = await repos.groups.directGroupsOfUser(tenantId, user.id);
    const edges = direct.length ? await repos.groups.nestingEdgesAbove(tenantId, direct.map((g) => g.id)) : [];
    return ok(resolveUserGroups(direct, edges));
  });
}
