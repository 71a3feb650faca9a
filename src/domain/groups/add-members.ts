// "Add members": users and nested groups into a group, in one transaction. Admins
// with group.manage, and the group's owners, may do it. A nesting that would make a
// group contain itself, directly or through other groups, is refused (GROUP_CYCLE);
// the check runs under a per-tenant lock, so two nestings made at the same moment
// cannot together close a cycle.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { groupNotFound, groupTarget, type GroupRef, type MemberType } from './group';
import { authorizeGroupChange } from './group-permissions';
import { findNestingCycle, nestingCycleError } from './membership';

/** At most this many members in one "Add members". */
export const ADD_MEMBERS_LIMIT = 200;

export type AddMembersCommand = { actor: Actor; tenantId: string; groupId: string; userIds: readonly string[]; groupIds: readonly string[] };
export type MemberRef = { type: MemberType; id: string; name: string };
export type AddMembersResult = { group: GroupRef; added: MemberRef[]; alreadyMembers: MemberRef[] };

export async function addMembers(deps: { clock: Clock; transaction: Transaction }, command: AddMembersCommand): Promise<Result<AddMembersResult>> {
  const { actor, tenantId } = command;
  const userIds = [...new Set(command.userIds)];
  const groupIds = [...new Set(command.groupIds)];
  const now = deps.clock.now();

  return deps.transaction(async (repos) => {
    const group = await repos.groups.getById(tenantId, command.groupId);
    if (!group) return groupNotFound();
    const allowed = authorizeGroupChange({ actor, tenantId, group, change: 'members' });
    if (!allowed.ok) return allowed;
    if (!userIds.length && !groupIds.length) return fail('VALIDATION', 'Select at least one user or group to add.');
    if (userIds.length + groupIds.length > ADD_MEMBERS_LIMIT) {
      return fail('LIMIT_EXCEEDED', `Add at most ${ADD_MEMBERS_LIMIT} members at a time.`);
    }
    const parent: GroupRef = { id: group.id, name: group.name };

    const users: MemberRef[] = [];
    for (const id of userIds) {
      const user = await repos.users.getById(tenantId, id);
      if (!user) return fail('NOT_FOUND', 'One of the selected users no longer exists. Search again and pick from the results.');
      users.push({ type: 'user', id: user.id, name: user.displayName });
    }

    const groups: MemberRef[] = [];
    const nestedAlready = new Set<string>();
    if (groupIds.length) {
      // Before the edges are read: concurrent nestings in this tenant wait here.
      await repos.groups.lockNesting(tenantId);
      for (const id of groupIds) {
        const child = await repos.groups.getById(tenantId, id);
        if (!child) return fail('NOT_FOUND', 'One of the selected groups no longer exists. Search again and pick from the results.');
        groups.push({ type: 'group', id: child.id, name: child.name });
      }
      const edges = await repos.groups.nestingEdgesBelow(tenantId, [group.id, ...groupIds]);
      for (const edge of edges) if (edge.parent.id === group.id) nestedAlready.add(edge.child.id);
      for (const child of groups) {
        if (nestedAlready.has(child.id)) continue;
        const cycle = findNestingCycle(edges, parent, child);
        if (cycle) return nestingCycleError(cycle);
        edges.push({ parent, child: { id: child.id, name: child.name } });
      }
    }

    const directAlready = new Set(users.length ? await repos.groups.directUserMemberIds(tenantId, group.id, users.map((u) => u.id)) : []);
    const newUsers = users.filter((u) => !directAlready.has(u.id));
    const newGroups = groups.filter((g) => !nestedAlready.has(g.id));
    const by = { id: actor.userId, name: actor.displayName };
    if (newUsers.length) await repos.groups.addUserMembers(tenantId, group.id, newUsers.map((u) => u.id), by, now);
    for (const child of newGroups) await repos.groups.addNestedGroup(tenantId, group.id, child.id, by, now);

    const added = [...newUsers, ...newGroups];
    for (const member of added) {
      await repos.audit.append({
        tenantId,
        occurredAt: now,
        actor: auditActor(actor),
        action: 'group.addMember',
        target: groupTarget(parent),
        before: { member: null },
        after: { member: member.name, memberType: member.type, memberId: member.id },
        detail: `${member.type === 'user' ? member.name : `Group ${member.name}`} added to ${group.name}.`,
      });
    }
    return ok({ group: parent, added, alreadyMembers: [...users, ...groups].filter((m) => !added.includes(m)) });
  });
}
