// Role assignment (domain.md §2) through the use case and the in-memory ports:
// only Global and Privileged Role Administrators assign; never the last active
// Global Administrator's role; never above what the actor may grant; audited.
import { describe, expect, it } from 'vitest';
import { changeRoleAssignment } from '@/domain/roles/change-role-assignment';
import { manualClock } from '@/domain/shared/clock';
import type { RoleId } from '@/domain/shared/permissions';
import { actorFor, aTenant, aUser, InMemoryDirectory, type StoredUser } from '../support/in-memory-repositories';

const CONTOSO = 'tenant-contoso';
const person = (id: string, roles: RoleId[], overrides: Partial<StoredUser> = {}) =>
  aUser({ id, tenantId: CONTOSO, displayName: id, signInName: `${id}@contoso.example`, roles, ...overrides });

function setup(users: StoredUser[]) {
  const directory = new InMemoryDirectory({ tenants: [aTenant({ id: CONTOSO, name: 'Contoso', primaryDomain: 'contoso.example' })], users });
  const deps = { clock: manualClock('2026-02-01T10:00:00Z'), transaction: directory.transaction };
  const as = (id: string) => actorFor(directory.user(id));
  return { directory, deps, as };
}

describe('changeRoleAssignment', () => {
  const cases: { actorRoles: RoleId[]; role: RoleId; change: 'add' | 'remove'; targetRoles?: RoleId[]; allowed: boolean; rule?: string }[] = [
    { actorRoles: ['globalAdministrator'], role: 'userAdministrator', change: 'add', allowed: true },
    { actorRoles: ['globalAdministrator'], role: 'globalAdministrator', change: 'add', allowed: true },
    { actorRoles: ['privilegedRoleAdministrator'], role: 'globalAdministrator', change: 'add', allowed: true },
    { actorRoles: ['privilegedRoleAdministrator'], role: 'helpdeskAdministrator', change: 'remove', targetRoles: ['helpdeskAdministrator'], allowed: true },
    { actorRoles: ['userAdministrator'], role: 'helpdeskAdministrator', change: 'add', allowed: false, rule: 'ROLE_REQUIRED' },
    { actorRoles: ['helpdeskAdministrator'], role: 'globalReader', change: 'add', allowed: false, rule: 'ROLE_REQUIRED' },
    { actorRoles: ['globalReader'], role: 'globalReader', change: 'add', allowed: false, rule: 'ROLE_REQUIRED' },
    { actorRoles: ['groupsAdministrator'], role: 'licenseAdministrator', change: 'add', allowed: false, rule: 'ROLE_REQUIRED' },
  ];
  it.each(cases)('$actorRoles $change $role → allowed: $allowed', async ({ actorRoles, role, change, targetRoles, allowed, rule }) => {
    const { directory, deps, as } = setup([person('actor', actorRoles), person('other-ga', ['globalAdministrator']), person('mary', targetRoles ?? [])]);
    const result = await changeRoleAssignment(deps, { actor: as('actor'), tenantId: CONTOSO, userId: 'mary', roleId: role, change });
    expect(result.ok).toBe(allowed);
    if (!result.ok) expect(result.error.rule).toBe(rule);
    expect(directory.user('mary').roles.includes(role)).toBe(allowed ? change === 'add' : change === 'remove');
  });

  it('never removes the Global Administrator role from the last active Global Administrator', async () => {
    const { directory, deps, as } = setup([person('ga', ['globalAdministrator']), person('pra', ['privilegedRoleAdministrator'])]);
    const result = await changeRoleAssignment(deps, { actor: as('pra'), tenantId: CONTOSO, userId: 'ga', roleId: 'globalAdministrator', change: 'remove' });
    expect(!result.ok && result.error.rule).toBe('LAST_GLOBAL_ADMIN');
    expect(directory.user('ga').roles).toEqual(['globalAdministrator']);
  });

  it('removes it once another active Global Administrator exists, and counts a blocked one as not active', async () => {
    const { deps, as } = setup([person('ga', ['globalAdministrator']), person('blocked-ga', ['globalAdministrator'], { accountEnabled: false }), person('ga2', ['globalAdministrator'])]);
    const result = await changeRoleAssignment(deps, { actor: as('ga2'), tenantId: CONTOSO, userId: 'ga', roleId: 'globalAdministrator', change: 'remove' });
    expect(result.ok).toBe(true);
    const last = await changeRoleAssignment(deps, { actor: as('ga2'), tenantId: CONTOSO, userId: 'ga2', roleId: 'globalAdministrator', change: 'remove' });
    expect(!last.ok && last.error.rule).toBe('LAST_GLOBAL_ADMIN');
  });

  it('changes nothing (and audits nothing) when the user already holds the role', async () => {
    const { directory, deps, as } = setup([person('ga', ['globalAdministrator']), person('mary', ['globalReader'])]);
    const result = await changeRoleAssignment(deps, { actor: as('ga'), tenantId: CONTOSO, userId: 'mary', roleId: 'globalReader', change: 'add' });
    expect(result.ok && result.value.changed).toBe(false);
    expect(directory.audit).toHaveLength(0);
  });

  it('audits an assignment with the roles before and after', async () => {
    const { directory, deps, as } = setup([person('ga', ['globalAdministrator']), person('mary', [])]);
    await changeRoleAssignment(deps, { actor: as('ga'), tenantId: CONTOSO, userId: 'mary', roleId: 'userAdministrator', change: 'add' });
    expect(directory.audit).toEqual([expect.objectContaining({ action: 'role.assign', before: { roles: [] }, after: { roles: ['User Administrator'] } })]);
  });

  it('does not reach a user of another tenant', async () => {
    const { deps, as } = setup([person('ga', ['globalAdministrator']), aUser({ id: 'stranger', tenantId: 'tenant-other', displayName: 'S', signInName: 's@other.example', roles: [] })]);
    const result = await changeRoleAssignment(deps, { actor: as('ga'), tenantId: CONTOSO, userId: 'stranger', roleId: 'globalReader', change: 'add' });
    expect(!result.ok && result.error.code).toBe('NOT_FOUND');
  });
});
