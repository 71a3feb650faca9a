// The persistence port for security groups (domain.md §5). tenantId first in every method.
import type { Editor } from '../users/user-repository';
import type { GroupInput, GroupRef } from './group';

export type GroupSummary = { id: string; tenantId: string; name: string; description: string | null; rowVersion: number; ownerIds: string[] };

/** `child` is a member of `parent` (a nested group). */
export type NestingEdge = { parent: GroupRef; child: GroupRef };

/** Rows that hang off a group, deleted users' included (they are kept, inactive). */
export type GroupCounts = { userMembers: number; nestedGroups: number; memberOf: number; owners: number };

export type GroupRepository = {
  getById(tenantId: string, groupId: string): Promise<GroupSummary | null>;
  /** Is this name key (lower-cased) used by another group of the tenant? */
  isNameTaken(tenantId: string, nameKey: string, exceptGroupId?: string): Promise<boolean>;
  /** Inserts; 'GROUP_NAME_TAKEN' when the unique index refuses it (a concurrent create). */
  create(tenantId: string, group: GroupInput, by: Editor, now: Date): Promise<{ id: string } | 'GROUP_NAME_TAKEN'>;
  /** Applies only if the row is still at `expectedRowVersion` (optimistic concurrency). */
  update(tenantId: string, groupId: string, expectedRowVersion: number, changes: GroupInput, now: Date): Promise<'UPDATED' | 'STALE' | 'GROUP_NAME_TAKEN'>;
  /**
   * Deletes the group with its memberships, nestings (both ways) and ownerships.
   * 'IN_USE' when an environment references it (the database's foreign key refuses).
   */
  delete(tenantId: string, groupId: string): Promise<'DELETED' | 'NOT_FOUND' | 'IN_USE'>;
  /** The names of the environments whose security group this is (domain.md §7). */
  environmentsUsingGroup(tenantId: string, groupId: string): Promise<string[]>;
  counts(tenantId: string, groupId: string): Promise<GroupCounts>;

  /** Of these users, the ones that are direct members of the group. */
  directUserMemberIds(tenantId: string, groupId: string, userIds: readonly string[]): Promise<string[]>;
  addUserMembers(tenantId: string, groupId: string, userIds: readonly string[], by: Editor, now: Date): Promise<void>;
  removeUserMember(tenantId: string, groupId: string, userId: string): Promise<boolean>;

  /**
   * Serialises changes to the tenant's nesting graph until the transaction ends, so that
   * two nestings checked at the same moment cannot together form a cycle. Call it before
   * reading the edges a cycle check relies on.
   */
  lockNesting(tenantId: string): Promise<void>;
  /** Every nesting reachable downwards from these groups (their members, their members' members, …). */
  nestingEdgesBelow(tenantId: string, groupIds: readonly string[]): Promise<NestingEdge[]>;
  /** Every nesting reachable upwards from these groups (the groups that contain them, and so on). */
  nestingEdgesAbove(tenantId: string, groupIds: readonly string[]): Promise<NestingEdge[]>;
  addNestedGroup(tenantId: string, groupId: string, memberGroupId: string, by: Editor, now: Date): Promise<void>;
  removeNestedGroup(tenantId: string, groupId: string, memberGroupId: string): Promise<boolean>;

  addOwners(tenantId: string, groupId: string, userIds: readonly string[], by: Editor, now: Date): Promise<void>;
  removeOwner(tenantId: string, groupId: string, userId: string): Promise<boolean>;

  /** The groups the user is a direct member of (whether or not the user is deleted). */
  directGroupsOfUser(tenantId: string, userId: string): Promise<GroupRef[]>;
};
