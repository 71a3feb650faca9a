// Security groups (issue "Roles, licences with seats, and security groups", domain.md
// §5) through the domain's use cases and the in-memory ports: who may change a group
// (admins with group.manage; a group's owner for its members only), unique names,
// the cycle guard, and membership through nested groups.
import { describe, expect, it } from 'vitest';
import { addMembers } from '@/domain/groups/add-members';
import { addOwners } from '@/domain/groups/add-owners';
import { createGroup } from '@/domain/groups/create-group';
import { deleteGroup } from '@/domain/groups/delete-group';
import { GROUP_NAME_MAX, type GroupRef } from '@/domain/groups/group';
import { authorizeGroupChange, authorizeGroupRead, groupListScope, type GroupChange } from '@/domain/groups/group-permissions';
import type { NestingEdge } from '@/domain/groups/group-repository';
import { listUserGroups } from '@/domain/groups/list-user-groups';
import { findNestingCycle, resolveUserGroups } from '@/domain/groups/membership';
import { removeMember } from '@/domain/groups/remove-member';
import { removeOwner } from '@/domain/groups/remove-owner';
import { updateGroup } from '@/domain/groups/update-group';
import { fixedClock } from '@/domain/shared/clock';
import type { Actor, RoleId } from '@/domain/shared/permissions';
import type { Result } from '@/domain/shared/result';
import { deleteUser } from '@/domain/users/delete-user';
import { restoreUser } from '@/domain/users/restore-user';
import { actorFor, aTenant, aUser, InMemoryDirectory, type StoredUser } from '../support/in-memory-repositories';

const CONTOSO = 'tenant-contoso';
const FABRIKAM = 'tenant-fabrikam';
const NOW = new Date('2025-06-02T10:00:00Z');
const clock = fixedClock(NOW);

const contosoUser = (id: string, displayName: string, roles: RoleId[] = [], overrides: Partial<StoredUser> = {}) =>
  aUser({ id, tenantId: CONTOSO, displayName, signInName: `${id}@contoso.example`, roles, ...overrides });

function world() {
  const directory = new InMemoryDirectory({
    tenants: [aTenant({ id: CONTOSO, primaryDomain: 'contoso.example' }), aTenant({ id: FABRIKAM, primaryDomain: 'fabrikam.example' })],
    users: [
      contosoUser('ga', 'Gloria Admin', ['globalAdministrator']),
      contosoUser('groupsadmin', 'Greta Groups', ['groupsAdministrator']),
      contosoUser('useradmin', 'Uma Users', ['userAdministrator']),
      contosoUser('helpdesk', 'Hank Helpdesk', ['helpdeskAdministrator']),
      contosoUser('reader', 'Rita Reader', ['globalReader']),
      contosoUser('owner', 'Olga Owner'),
      contosoUser('mary', 'Mary Parker'),
      contosoUser('sam', 'Sam Sales'),
      aUser({ id: 'fab-admin', tenantId: FABRIKAM, displayName: 'Fabian Admin', roles: ['globalAdministrator'] }),
      aUser({ id: 'fab-user', tenantId: FABRIKAM, displayName: 'Fay Fabrikam' }),
    ],
  });
  const { groups } = directory;
  groups.addGroup({ id: 'sales', tenantId: CONTOSO, name: 'Sales', description: 'Everyone in sales', ownerIds: ['owner'] });
  groups.addGroup({ id: 'marketing', tenantId: CONTOSO, name: 'Marketing' });
  groups.addGroup({ id: 'emea', tenantId: CONTOSO, name: 'Sales EMEA' });
  groups.addGroup({ id: 'fab-group', tenantId: FABRIKAM, name: 'Sales' });
  groups.addMember('sales', 'sam');
  const deps = { clock, transaction: directory.transaction };
  const as = (userId: string): Actor => actorFor(directory.user(userId));
  return { directory, groups, deps, as };
}

const expectRefused = (result: Result<unknown>, code: string, rule?: string) => {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    if (rule) expect(result.error.rule).toBe(rule);
  }
  return result.ok ? null : result.error;
};

describe('a group owner without admin roles', () => {
  it('adds and removes members of their own group', async () => {
    const { directory, groups, deps, as } = world();
    const added = await addMembers(deps, { actor: as('owner'), tenantId: CONTOSO, groupId: 'sales', userIds: ['mary'], groupIds: ['emea'] });
    expect(added.ok).toBe(true);
    expect(groups.directUserMembersOf('sales')).toEqual(['sam', 'mary']);
    expect(groups.nestedGroupsOf('sales')).toEqual(['emea']);
    expect(directory.audit.filter((e) => e.action === 'group.addMember').map((e) => e.after)).toEqual([
      { member: 'Mary Parker', memberType: 'user', memberId: 'mary' },
      { member: 'Sales EMEA', memberType: 'group', memberId: 'emea' },
    ]);

    const removed = await removeMember(deps, { actor: as('owner'), tenantId: CONTOSO, groupId: 'sales', memberType: 'user', memberId: 'sam' });
    expect(removed.ok).toBe(true);
    expect(groups.directUserMembersOf('sales')).toEqual(['mary']);
    const event = directory.audit.find((e) => e.action === 'group.removeMember');
    expect(event).toMatchObject({ actor: { userId: 'owner' }, target: { type: 'group', id: 'sales', name: 'Sales' }, before: { member: 'Sam Sales' }, after: { member: null } });
  });

  it('may not change the members of a group they do not own', async () => {
    const { groups, deps, as } = world();
    const result = await addMembers(deps, { actor: as('owner'), tenantId: CONTOSO, groupId: 'marketing', userIds: ['mary'], groupIds: [] });
    expectRefused(result, 'FORBIDDEN', 'ROLE_REQUIRED');
    expect(groups.directUserMembersOf('marketing')).toEqual([]);
    expectRefused(await removeMember(deps, { actor: as('mary'), tenantId: CONTOSO, groupId: 'sales', memberType: 'user', memberId: 'sam' }), 'FORBIDDEN');
  });

  it('may not change the owners, rename or delete their group', async () => {
    const { groups, deps, as } = world();
    const owner = as('owner');
    const refusals = [
      await addOwners(deps, { actor: owner, tenantId: CONTOSO, groupId: 'sales', userIds: ['mary'] }),
      await removeOwner(deps, { actor: owner, tenantId: CONTOSO, groupId: 'sales', userId: 'owner' }),
      await updateGroup(deps, { actor: owner, tenantId: CONTOSO, groupId: 'sales', expectedRowVersion: 1, name: 'Sales team' }),
      await deleteGroup(deps, { actor: owner, tenantId: CONTOSO, groupId: 'sales' }),
    ];
    for (const r of refusals) {
      const error = expectRefused(r, 'FORBIDDEN', 'GROUP_OWNER_MEMBERS_ONLY');
      expect(error?.message).toMatch(/As an owner of this group you may add and remove its members, but not/);
    }
    expect(groups.group('sales')).toMatchObject({ name: 'Sales', ownerIds: ['owner'] });
    expectRefused(await createGroup(deps, { actor: owner, tenantId: CONTOSO, name: 'Mine' }), 'FORBIDDEN', 'ROLE_REQUIRED');
  });

  it('may open only the groups they own, and the list shows them only those', () => {
    const { groups, as } = world();
    expect(authorizeGroupRead({ actor: as('owner'), tenantId: CONTOSO, group: groups.group('sales') }).ok).toBe(true);
    expectRefused(authorizeGroupRead({ actor: as('owner'), tenantId: CONTOSO, group: groups.group('marketing') }), 'FORBIDDEN');
    expect(groupListScope(as('owner'), CONTOSO)).toBe('owned');
    expect(groupListScope(as('helpdesk'), CONTOSO)).toBe('all');
  });
});

describe('who may change groups', () => {
  const changes: GroupChange[] = ['create', 'update', 'delete', 'members', 'owners'];
  const table: [string, boolean][] = [
    ['ga', true],
    ['useradmin', true],
    ['groupsadmin', true],
    ['helpdesk', false],
    ['reader', false],
    ['mary', false],
  ];
  it.each(table)('%s → may change every part of any group: %s', (userId, allowed) => {
    const { groups, as } = world();
    for (const change of changes) {
      const result = authorizeGroupChange({ actor: as(userId), tenantId: CONTOSO, group: change === 'create' ? null : groups.group('marketing'), change });
      expect(result.ok, `${userId} ${change}`).toBe(allowed);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'FORBIDDEN', rule: 'ROLE_REQUIRED' });
    }
  });

  it('a Groups Administrator runs the whole life cycle, each step audited with before and after', async () => {
    const { directory, groups, deps, as } = world();
    const actor = as('groupsadmin');
    const created = await createGroup(deps, { actor, tenantId: CONTOSO, name: '  Finance  ', description: 'Money' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Finance' } });
    const id = created.ok ? created.value.id : '';
    expect((await updateGroup(deps, { actor, tenantId: CONTOSO, groupId: id, expectedRowVersion: 1, name: 'Finance team', description: 'Money' })).ok).toBe(true);
    expect((await addMembers(deps, { actor, tenantId: CONTOSO, groupId: id, userIds: ['mary'], groupIds: ['marketing'] })).ok).toBe(true);
    expect((await addOwners(deps, { actor, tenantId: CONTOSO, groupId: id, userIds: ['owner'] })).ok).toBe(true);
    expect((await removeMember(deps, { actor, tenantId: CONTOSO, groupId: id, memberType: 'group', memberId: 'marketing' })).ok).toBe(true);
    expect((await removeOwner(deps, { actor, tenantId: CONTOSO, groupId: id, userId: 'owner' })).ok).toBe(true);
    expect((await deleteGroup(deps, { actor, tenantId: CONTOSO, groupId: id })).ok).toBe(true);
    expect(groups.groups.some((g) => g.id === id)).toBe(false);
    expect(groups.userMembers.some((m) => m.groupId === id)).toBe(false);

    const events = directory.audit.map((e) => [e.action, e.before, e.after]);
    expect(events).toEqual([
      ['group.create', null, { name: 'Finance', description: 'Money' }],
      ['group.update', { name: 'Finance' }, { name: 'Finance team' }],
      ['group.addMember', { member: null }, { member: 'Mary Parker', memberType: 'user', memberId: 'mary' }],
      ['group.addMember', { member: null }, { member: 'Marketing', memberType: 'group', memberId: 'marketing' }],
      ['group.addOwner', { owner: null }, { owner: 'Olga Owner', ownerId: 'owner' }],
      ['group.removeMember', { member: 'Marketing', memberType: 'group', memberId: 'marketing' }, { member: null }],
      ['group.removeOwner', { owner: 'Olga Owner', ownerId: 'owner' }, { owner: null }],
      ['group.delete', { name: 'Finance team', description: 'Money', userMembers: 1, nestedGroups: 0, memberOf: 0, owners: 0 }, null],
    ]);
    expect(directory.audit.every((e) => e.actor?.userId === 'groupsadmin' && e.target?.type === 'group')).toBe(true);
  });

  it('a group that an environment uses is not deleted; the refusal names the environments', async () => {
    const { groups, deps, directory, as } = world();
    groups.environmentGroups.push({ tenantId: CONTOSO, name: 'Sales Production', groupId: 'sales' }, { tenantId: CONTOSO, name: 'Sales Sandbox', groupId: 'sales' });
    const error = expectRefused(await deleteGroup(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'sales' }), 'CONFLICT', 'GROUP_IN_USE');
    expect(error?.message).toBe('Sales is the security group of environments Sales Production, Sales Sandbox. Give them another group (or none) first.');
    expect(groups.groups.map((g) => g.id)).toContain('sales');
    expect(directory.audit).toEqual([]);
  });

  it('a Helpdesk Administrator may not create, fill or delete a group', async () => {
    const { groups, deps, as } = world();
    const actor = as('helpdesk');
    expectRefused(await createGroup(deps, { actor, tenantId: CONTOSO, name: 'Helpdesk' }), 'FORBIDDEN', 'ROLE_REQUIRED');
    expectRefused(await addMembers(deps, { actor, tenantId: CONTOSO, groupId: 'sales', userIds: ['mary'], groupIds: [] }), 'FORBIDDEN', 'ROLE_REQUIRED');
    expectRefused(await addOwners(deps, { actor, tenantId: CONTOSO, groupId: 'sales', userIds: ['helpdesk'] }), 'FORBIDDEN', 'ROLE_REQUIRED');
    expectRefused(await deleteGroup(deps, { actor, tenantId: CONTOSO, groupId: 'sales' }), 'FORBIDDEN', 'ROLE_REQUIRED');
    expect(groups.groups.map((g) => g.id)).toContain('sales');
    expect(groups.directUserMembersOf('sales')).toEqual(['sam']);
  });

  it('a group of another tenant is not found, never forbidden, and a user of another tenant cannot be added', async () => {
    const { groups, deps, as } = world();
    const ga = as('ga');
    expectRefused(await addMembers(deps, { actor: ga, tenantId: CONTOSO, groupId: 'fab-group', userIds: ['mary'], groupIds: [] }), 'NOT_FOUND');
    expectRefused(await deleteGroup(deps, { actor: ga, tenantId: CONTOSO, groupId: 'fab-group' }), 'NOT_FOUND');
    expectRefused(await addMembers(deps, { actor: ga, tenantId: FABRIKAM, groupId: 'fab-group', userIds: ['fab-user'], groupIds: [] }), 'NOT_FOUND');
    expectRefused(await addMembers(deps, { actor: ga, tenantId: CONTOSO, groupId: 'sales', userIds: ['fab-user'], groupIds: [] }), 'NOT_FOUND');
    expectRefused(await addMembers(deps, { actor: ga, tenantId: CONTOSO, groupId: 'sales', userIds: [], groupIds: ['fab-group'] }), 'NOT_FOUND');
    expectRefused(authorizeGroupChange({ actor: ga, tenantId: CONTOSO, group: groups.group('fab-group'), change: 'members' }), 'NOT_FOUND');
    expect(groups.directUserMembersOf('fab-group')).toEqual([]);
  });
});

describe('group names', () => {
  it('are unique in a tenant without regard to case, with the error beside the name field', async () => {
    const { directory, deps, as } = world();
    const error = expectRefused(await createGroup(deps, { actor: as('ga'), tenantId: CONTOSO, name: 'sALES' }), 'CONFLICT', 'GROUP_NAME_TAKEN');
    expect(error?.fieldErrors?.name?.[0]).toMatch(/already taken/);
    expectRefused(await updateGroup(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'marketing', expectedRowVersion: 1, name: 'sales ' }), 'CONFLICT', 'GROUP_NAME_TAKEN');
    // Another tenant's "Sales" does not count; a group may change the case of its own name.
    expect((await createGroup(deps, { actor: as('fab-admin'), tenantId: FABRIKAM, name: 'Marketing' })).ok).toBe(true);
    expect((await updateGroup(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'sales', expectedRowVersion: 1, name: 'SALES', description: 'Everyone in sales' })).ok).toBe(true);
    expect(directory.groups.group('sales').name).toBe('SALES');
  });

  it('are required and at most 120 characters', async () => {
    const { deps, as } = world();
    const empty = expectRefused(await createGroup(deps, { actor: as('ga'), tenantId: CONTOSO, name: '   ' }), 'VALIDATION');
    expect(empty?.fieldErrors?.name).toEqual(['Enter a group name.']);
    const long = expectRefused(await createGroup(deps, { actor: as('ga'), tenantId: CONTOSO, name: 'x'.repeat(GROUP_NAME_MAX + 1) }), 'VALIDATION');
    expect(long?.fieldErrors?.name).toEqual(['Use at most 120 characters.']);
    expect((await createGroup(deps, { actor: as('ga'), tenantId: CONTOSO, name: 'x'.repeat(GROUP_NAME_MAX) })).ok).toBe(true);
  });

  it('a rename made on an out-of-date copy is refused and overwrites nothing', async () => {
    const { groups, deps, as } = world();
    expect((await updateGroup(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'sales', expectedRowVersion: 1, name: 'Sales A' })).ok).toBe(true);
    expectRefused(await updateGroup(deps, { actor: as('groupsadmin'), tenantId: CONTOSO, groupId: 'sales', expectedRowVersion: 1, name: 'Sales B' }), 'CONFLICT', 'STALE_VERSION');
    expect(groups.group('sales')).toMatchObject({ name: 'Sales A', rowVersion: 2 });
  });
});

describe('the cycle guard', () => {
  it('refuses a group as a member of itself', async () => {
    const { groups, deps, as } = world();
    const error = expectRefused(await addMembers(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'sales', userIds: [], groupIds: ['sales'] }), 'CONFLICT', 'GROUP_CYCLE');
    expect(error?.message).toBe('A group cannot contain itself: Sales cannot be a member of Sales.');
    expect(groups.nestings).toEqual([]);
  });

  it('refuses a direct cycle (A in B when B is in A) and names the path', async () => {
    const { groups, deps, as } = world();
    groups.nest('sales', 'emea');
    const error = expectRefused(await addMembers(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'emea', userIds: ['mary'], groupIds: ['sales'] }), 'CONFLICT', 'GROUP_CYCLE');
    expect(error?.message).toBe('Sales cannot be added to Sales EMEA: Sales already contains Sales EMEA (Sales ⊃ Sales EMEA), and a group cannot contain itself, directly or through other groups.');
    // Nothing of the request was written, the user member included.
    expect(groups.directUserMembersOf('emea')).toEqual([]);
    expect(groups.nestings).toHaveLength(1);
  });

  it('refuses an indirect cycle through several groups, under the tenant’s nesting lock', async () => {
    const { groups, deps, as } = world();
    groups.nest('sales', 'emea');
    groups.nest('emea', 'marketing');
    const error = expectRefused(await addMembers(deps, { actor: as('owner'), tenantId: CONTOSO, groupId: 'marketing', userIds: [], groupIds: ['sales'] }), 'FORBIDDEN');
    expect(error?.rule).toBe('ROLE_REQUIRED');
    const cycle = expectRefused(await addMembers(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'marketing', userIds: [], groupIds: ['sales'] }), 'CONFLICT', 'GROUP_CYCLE');
    expect(cycle?.details?.path).toEqual(['Marketing', 'Sales', 'Sales EMEA', 'Marketing']);
    expect(cycle?.message).toContain('(Sales ⊃ Sales EMEA ⊃ Marketing)');
    expect(groups.nestingLocks).toEqual([CONTOSO]);
    expectRefused(await addMembers(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'marketing', userIds: [], groupIds: [] }), 'VALIDATION');
    // A nesting that closes no cycle goes through.
    groups.addGroup({ id: 'apac', tenantId: CONTOSO, name: 'Sales APAC' });
    expect((await addMembers(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'marketing', userIds: [], groupIds: ['apac'] })).ok).toBe(true);
  });

  it('findNestingCycle: the shortest cycle a nesting would close, or null', () => {
    const g = (id: string): GroupRef => ({ id, name: id.toUpperCase() });
    const edges: NestingEdge[] = [
      { parent: g('a'), child: g('b') },
      { parent: g('b'), child: g('c') },
      { parent: g('c'), child: g('d') },
      { parent: g('a'), child: g('d') },
    ];
    expect(findNestingCycle(edges, g('d'), g('a'))?.map((x) => x.id)).toEqual(['d', 'a', 'd']);
    expect(findNestingCycle(edges, g('c'), g('a'))?.map((x) => x.id)).toEqual(['c', 'a', 'b', 'c']);
    expect(findNestingCycle(edges, g('a'), g('c'))).toBeNull();
    expect(findNestingCycle(edges, g('e'), g('e'))?.map((x) => x.id)).toEqual(['e', 'e']);
  });
});

describe('membership through nested groups', () => {
  it('marks each of a user’s groups direct or through the user’s direct group, walking every level', () => {
    const g = (id: string): GroupRef => ({ id, name: id });
    const edges: NestingEdge[] = [
      { parent: g('Sales'), child: g('Sales EMEA') },
      { parent: g('All staff'), child: g('Sales') },
      { parent: g('All staff'), child: g('Support') },
    ];
    const resolved = resolveUserGroups([g('Sales EMEA'), g('Support')], edges);
    expect(resolved.map((m) => [m.group.name, m.direct, m.via?.name ?? null, m.path.map((p) => p.name)])).toEqual([
      ['Sales EMEA', true, null, []],
      ['Support', true, null, []],
      ['All staff', false, 'Support', ['Support']],
      ['Sales', false, 'Sales EMEA', ['Sales EMEA']],
    ]);
    // Direct wins over nested.
    const both = resolveUserGroups([g('Sales EMEA'), g('All staff')], edges);
    expect(both.find((m) => m.group.id === 'All staff')).toMatchObject({ direct: true, via: null });
    // Three levels.
    const deep = resolveUserGroups([g('Sales EMEA')], edges);
    expect(deep.find((m) => m.group.id === 'All staff')?.path.map((p) => p.name)).toEqual(['Sales EMEA', 'Sales']);
  });

  it('a deleted user belongs to no group; a restore brings the memberships back', async () => {
    const { groups, deps, directory, as } = world();
    groups.nest('sales', 'emea');
    groups.addMember('emea', 'mary');
    const before = await listUserGroups(deps, { actor: as('reader'), tenantId: CONTOSO, userId: 'mary' });
    expect(before.ok && before.value.map((m) => [m.group.name, m.direct ? 'direct' : `through ${m.via?.name}`])).toEqual([
      ['Sales EMEA', 'direct'],
      ['Sales', 'through Sales EMEA'],
    ]);

    expect((await deleteUser(deps, { actor: as('ga'), tenantId: CONTOSO, userId: 'mary' })).ok).toBe(true);
    expectRefused(await listUserGroups(deps, { actor: as('reader'), tenantId: CONTOSO, userId: 'mary' }), 'NOT_FOUND');
    // The membership is kept, inactive.
    expect(groups.directUserMembersOf('emea')).toEqual(['mary']);
    // …and a deleted user cannot be added anywhere.
    expectRefused(await addMembers(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'marketing', userIds: ['mary'], groupIds: [] }), 'NOT_FOUND');

    expect((await restoreUser(deps, { actor: as('ga'), tenantId: CONTOSO, userId: 'mary' })).ok).toBe(true);
    const after = await listUserGroups(deps, { actor: as('reader'), tenantId: CONTOSO, userId: 'mary' });
    expect(after.ok && after.value.map((m) => m.group.name)).toEqual(['Sales EMEA', 'Sales']);
    expect(directory.user('mary').deletedAt).toBeNull();
  });

  it('adding members that already are is not an error: they are reported, not duplicated', async () => {
    const { groups, deps, as } = world();
    groups.nest('sales', 'emea');
    const result = await addMembers(deps, { actor: as('ga'), tenantId: CONTOSO, groupId: 'sales', userIds: ['sam', 'mary'], groupIds: ['emea'] });
    expect(result.ok && result.value.added.map((m) => m.name)).toEqual(['Mary Parker']);
    expect(result.ok && result.value.alreadyMembers.map((m) => m.name)).toEqual(['Sam Sales', 'Sales EMEA']);
    expect(groups.directUserMembersOf('sales')).toEqual(['sam', 'mary']);
  });
});
