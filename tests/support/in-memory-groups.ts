// In-memory security groups for unit tests (the GroupRepository port), mirroring
// src/server/repositories/group-repository.ts: names unique per tenant
// case-insensitively, optimistic concurrency on rowVersion, deletion cascading to
// memberships, nestings (both ways) and ownerships, the database's refusal of a group
// nested in itself. Users live in InMemoryDirectory; the use cases reach them through
// the users port, as they do in production.
//
// Note: InMemoryDirectory's transaction snapshots its own state only, so a refused
// use case must not have written groups before refusing — which the group use cases
// honour (every check comes before the first write).
import { groupNameKey, type GroupRef } from '@/domain/groups/group';
import type { GroupRepository, GroupSummary, NestingEdge } from '@/domain/groups/group-repository';

export type StoredMembership = { tenantId: string; groupId: string; userId: string };
export type StoredNesting = { tenantId: string; groupId: string; memberGroupId: string };

export class InMemoryGroups {
  /** Groups; `ownerIds` holds the owners (users), as the port returns them. */
  groups: GroupSummary[] = [];
  userMembers: StoredMembership[] = [];
  nestings: StoredNesting[] = [];
  /** Environments and their security group (the environments' own fake is not needed here). */
  environmentGroups: { tenantId: string; name: string; groupId: string }[] = [];
  /** How many times a use case took the tenant's nesting lock. */
  nestingLocks: string[] = [];
  private nextId = 1;

  // ---- arrangement ----
  addGroup(group: Partial<GroupSummary> & { id: string; tenantId: string }): GroupSummary {
    const stored: GroupSummary = { name: group.id, description: null, rowVersion: 1, ownerIds: [], ...group };
    this.groups.push(stored);
    return stored;
  }
  addMember(groupId: string, userId: string) {
    this.userMembers.push({ tenantId: this.group(groupId).tenantId, groupId, userId });
  }
  /** `child` becomes a member of `parent`. No cycle check: tests may build any graph. */
  nest(parentId: string, childId: string) {
    if (parentId === childId) throw new Error('GroupNestedGroup_not_self');
    this.nestings.push({ tenantId: this.group(parentId).tenantId, groupId: parentId, memberGroupId: childId });
  }

  // ---- inspection ----
  group(groupId: string): GroupSummary {
    const found = this.groups.find((g) => g.id === groupId);
    if (!found) throw new Error(`no group ${groupId}`);
    return found;
  }
  directUserMembersOf(groupId: string): string[] {
    return this.userMembers.filter((m) => m.groupId === groupId).map((m) => m.userId);
  }
  nestedGroupsOf(groupId: string): string[] {
    return this.nestings.filter((n) => n.groupId === groupId).map((n) => n.memberGroupId);
  }

  private find(tenantId: string, groupId: string) {
    return this.groups.find((g) => g.tenantId === tenantId && g.id === groupId);
  }
  private ref(tenantId: string, groupId: string): GroupRef {
    const group = this.find(tenantId, groupId);
    if (!group) throw new Error(`nesting names a missing group ${groupId}`);
    return { id: group.id, name: group.name };
  }
  private edge(n: StoredNesting): NestingEdge {
    return { parent: this.ref(n.tenantId, n.groupId), child: this.ref(n.tenantId, n.memberGroupId) };
  }
  /** Edges reachable from `start` following `direction`. */
  private walk(tenantId: string, start: readonly string[], direction: 'down' | 'up'): NestingEdge[] {
    const seen = new Set<StoredNesting>();
    const frontier = [...start];
    const visited = new Set(start);
    while (frontier.length) {
      const id = frontier.shift()!;
      for (const n of this.nestings) {
        if (n.tenantId !== tenantId) continue;
        const [from, to] = direction === 'down' ? [n.groupId, n.memberGroupId] : [n.memberGroupId, n.groupId];
        if (from !== id || seen.has(n)) continue;
        seen.add(n);
        if (!visited.has(to)) {
          visited.add(to);
          frontier.push(to);
        }
      }
    }
    return [...seen].map((n) => this.edge(n));
  }

  readonly repository: GroupRepository = {
    getById: async (tenantId, groupId) => {
      const group = this.find(tenantId, groupId);
      return group ? { ...group, ownerIds: [...group.ownerIds] } : null;
    },
    isNameTaken: async (tenantId, nameKey, exceptGroupId) =>
      this.groups.some((g) => g.tenantId === tenantId && g.id !== exceptGroupId && groupNameKey(g.name) === nameKey),
    create: async (tenantId, group) => {
      if (this.groups.some((g) => g.tenantId === tenantId && groupNameKey(g.name) === groupNameKey(group.name))) return 'GROUP_NAME_TAKEN';
      const id = `group-${this.nextId++}`;
      this.groups.push({ id, tenantId, name: group.name, description: group.description, rowVersion: 1, ownerIds: [] });
      return { id };
    },
    update: async (tenantId, groupId, expectedRowVersion, changes) => {
      const group = this.find(tenantId, groupId);
      if (!group || group.rowVersion !== expectedRowVersion) return 'STALE';
      if (this.groups.some((g) => g.tenantId === tenantId && g.id !== groupId && groupNameKey(g.name) === groupNameKey(changes.name))) return 'GROUP_NAME_TAKEN';
      group.name = changes.name;
      group.description = changes.description;
      group.rowVersion++;
      return 'UPDATED';
    },
    delete: async (tenantId, groupId) => {
      const group = this.find(tenantId, groupId);
      if (!group) return 'NOT_FOUND';
      if (this.environmentGroups.some((e) => e.tenantId === tenantId && e.groupId === groupId)) return 'IN_USE';
      this.groups = this.groups.filter((g) => g !== group);
      this.userMembers = this.userMembers.filter((m) => m.groupId !== groupId);
      this.nestings = this.nestings.filter((n) => n.groupId !== groupId && n.memberGroupId !== groupId);
      return 'DELETED';
    },
    environmentsUsingGroup: async (tenantId, groupId) =>
      this.environmentGroups.filter((e) => e.tenantId === tenantId && e.groupId === groupId).map((e) => e.name).sort(),
    counts: async (tenantId, groupId) => ({
      userMembers: this.userMembers.filter((m) => m.tenantId === tenantId && m.groupId === groupId).length,
      nestedGroups: this.nestings.filter((n) => n.tenantId === tenantId && n.groupId === groupId).length,
      memberOf: this.nestings.filter((n) => n.tenantId === tenantId && n.memberGroupId === groupId).length,
      owners: this.find(tenantId, groupId)?.ownerIds.length ?? 0,
    }),
    directUserMemberIds: async (tenantId, groupId, userIds) =>
      this.userMembers.filter((m) => m.tenantId === tenantId && m.groupId === groupId && userIds.includes(m.userId)).map((m) => m.userId),
    addUserMembers: async (tenantId, groupId, userIds) => {
      if (!this.find(tenantId, groupId)) throw new Error('addUserMembers: no such group in the tenant (foreign key)');
      for (const userId of userIds) {
        if (!this.userMembers.some((m) => m.groupId === groupId && m.userId === userId)) this.userMembers.push({ tenantId, groupId, userId });
      }
    },
    removeUserMember: async (tenantId, groupId, userId) => {
      const before = this.userMembers.length;
      this.userMembers = this.userMembers.filter((m) => !(m.tenantId === tenantId && m.groupId === groupId && m.userId === userId));
      return this.userMembers.length < before;
    },
    lockNesting: async (tenantId) => {
      this.nestingLocks.push(tenantId);
    },
    nestingEdgesBelow: async (tenantId, groupIds) => this.walk(tenantId, groupIds, 'down'),
    nestingEdgesAbove: async (tenantId, groupIds) => this.walk(tenantId, groupIds, 'up'),
    addNestedGroup: async (tenantId, groupId, memberGroupId) => {
      if (!this.find(tenantId, groupId) || !this.find(tenantId, memberGroupId)) throw new Error('addNestedGroup: no such group in the tenant (foreign key)');
      if (groupId === memberGroupId) throw new Error('GroupNestedGroup_not_self');
      if (!this.nestings.some((n) => n.groupId === groupId && n.memberGroupId === memberGroupId)) this.nestings.push({ tenantId, groupId, memberGroupId });
    },
    removeNestedGroup: async (tenantId, groupId, memberGroupId) => {
      const before = this.nestings.length;
      this.nestings = this.nestings.filter((n) => !(n.tenantId === tenantId && n.groupId === groupId && n.memberGroupId === memberGroupId));
      return this.nestings.length < before;
    },
    addOwners: async (tenantId, groupId, userIds) => {
      const group = this.find(tenantId, groupId);
      if (!group) throw new Error('addOwners: no such group in the tenant (foreign key)');
      for (const userId of userIds) if (!group.ownerIds.includes(userId)) group.ownerIds.push(userId);
    },
    removeOwner: async (tenantId, groupId, userId) => {
      const group = this.find(tenantId, groupId);
      if (!group || !group.ownerIds.includes(userId)) return false;
      group.ownerIds = group.ownerIds.filter((id) => id !== userId);
      return true;
    },
    directGroupsOfUser: async (tenantId, userId) =>
      this.userMembers.filter((m) => m.tenantId === tenantId && m.userId === userId).map((m) => this.ref(tenantId, m.groupId)),
  };
}
