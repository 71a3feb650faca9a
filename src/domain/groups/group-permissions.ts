// Who may do what with a security group (domain.md §2, §5). The role table lives in
// shared/permissions.ts: Global Administrators, User Administrators and Groups
// Administrators hold `group.manage` and may do everything. On top of it one rule of
// groups: an owner of a group manages the members of that group, without any admin
// role — but not its owners, its name or description, and may not delete it.
import { authorize, can, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { GroupSummary } from './group-repository';

export type GroupChange = 'create' | 'update' | 'delete' | 'members' | 'owners';

type GroupFacts = Pick<GroupSummary, 'tenantId' | 'ownerIds'>;

export const isGroupOwner = (actor: Actor, group: GroupFacts) => group.ownerIds.includes(actor.userId);

const CHANGE_LABELS: Record<Exclude<GroupChange, 'create' | 'members'>, string> = {
  update: 'rename it or change its description',
  delete: 'delete it',
  owners: 'change its owners',
};

/**
 * May `actor`, working in `tenantId`, make `change` to `group` (absent for `create`)?
 * A group of another tenant is NOT_FOUND, never FORBIDDEN.
 */
export function authorizeGroupChange(request: { actor: Actor; tenantId: string; group?: GroupFacts | null; change: GroupChange }): Result<void> {
  const { actor, tenantId, group, change } = request;
  if (actor.tenantId !== tenantId) return fail('NOT_FOUND', 'Not found.');
  if (change !== 'create' && !group) return fail('NOT_FOUND', 'Group not found.');
  if (group && group.tenantId !== tenantId) return fail('NOT_FOUND', 'Group not found.');

  const asAdmin = authorize({ actor, tenantId, action: 'group.manage' });
  if (asAdmin.ok) return asAdmin;
  if (change === 'create' || !group || !isGroupOwner(actor, group)) return asAdmin;
  if (change === 'members') return ok(undefined);
  return fail('FORBIDDEN', `As an owner of this group you may add and remove its members, but not ${CHANGE_LABELS[change]}: that needs Groups Administrator, User Administrator or Global Administrator.`, {
    rule: 'GROUP_OWNER_MEMBERS_ONLY',
  });
}

/** May the actor open this group's page? Readers of the directory, and the group's owners. */
export function authorizeGroupRead(request: { actor: Actor; tenantId: string; group: GroupFacts | null }): Result<void> {
  const { actor, tenantId, group } = request;
  if (actor.tenantId !== tenantId || !group || group.tenantId !== tenantId) return fail('NOT_FOUND', 'Group not found.');
  const asReader = authorize({ actor, tenantId, action: 'directory.read' });
  if (asReader.ok || isGroupOwner(actor, group)) return ok(undefined);
  return asReader;
}

/** Which groups the actor's groups list shows: all of them, only those they own, or none. */
export function groupListScope(actor: Actor, tenantId: string): 'all' | 'owned' | 'none' {
  if (actor.tenantId !== tenantId) return 'none';
  return can(actor.roles, 'directory.read') ? 'all' : 'owned';
}
