// The authorisation table of domain.md §2, written out by hand and checked
// against `authorize` for every role × every action, then the rules that
// combine with it: tier ceilings, self, last Global Administrator, tenancy and
// role assignment.
import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  authorize,
  authorizeRoleChange,
  can,
  ceilingFor,
  DIRECTORY_ROLES,
  highestTier,
  type Action,
  type Actor,
  type RoleId,
  type TargetUser,
  type TenantFacts,
} from '@/domain/shared/permissions';

const CONTOSO = 'tenant-contoso';
const FABRIKAM = 'tenant-fabrikam';

const actor = (roles: readonly RoleId[], overrides: Partial<Actor> = {}): Actor => ({
  userId: 'actor-1',
  displayName: 'Alex Admin',
  tenantId: CONTOSO,
  roles,
  onBehalfOf: null,
  ...overrides,
});

const target = (roles: readonly RoleId[], overrides: Partial<TargetUser> = {}): TargetUser => ({
  id: 'target-1',
  tenantId: CONTOSO,
  displayName: 'Mary Target',
  roles,
  ...overrides,
});

const TWO_ADMINS: TenantFacts = { activeGlobalAdminCount: 2 };
const ONE_ADMIN: TenantFacts = { activeGlobalAdminCount: 1 };

/** Every action of the `Action` union; the Record type makes the compiler check that none is missing. */
const ACTIONS: Record<Action, 'tenant' | 'user'> = {
  'directory.read': 'tenant',
  'tenant.updateSettings': 'tenant',
  'user.create': 'tenant',
  'user.update': 'user',
  'user.setUsageLocation': 'user',
  'user.block': 'user',
  'user.delete': 'user',
  'user.restore': 'user',
  'user.purge': 'user',
  'user.resetPassword': 'user',
  'role.assign': 'tenant',
  'licence.assign': 'user',
  'licence.manageSeats': 'tenant',
  'group.manage': 'tenant',
  'environment.manage': 'tenant',
  'audit.read': 'tenant',
};
const ALL_ACTIONS = Object.keys(ACTIONS) as Action[];

// Reading the directory and its audit log is what every admin role needs to reach
// the admin pages at all (domain.md: Global Reader and Privileged Role Administrator
// "read everything"; the portal lets every admin role read, none of them change more
// than its row says).
const READ: Action[] = ['directory.read', 'audit.read'];

/** domain.md §2, column "may", for a target user with no role (tier 0). */
const EXPECTED: Record<RoleId | 'noRole', readonly Action[]> = {
  globalAdministrator: ALL_ACTIONS,
  privilegedRoleAdministrator: [...READ, 'role.assign'],
  privilegedAuthenticationAdministrator: [...READ, 'user.resetPassword', 'user.block'],
  userAdministrator: [
    ...READ,
    'user.create',
    'user.update',
    'user.setUsageLocation',
    'user.block',
    'user.delete',
    'user.restore',
    'user.purge',
    'user.resetPassword',
    'group.manage',
    'licence.assign',
  ],
  directoryWriters: [...READ, 'user.create', 'user.update', 'user.setUsageLocation', 'user.restore', 'licence.assign'],
  powerPlatformAdministrator: [...READ, 'environment.manage'],
  dynamics365Administrator: [...READ, 'environment.manage'],
  groupsAdministrator: [...READ, 'group.manage'],
  licenseAdministrator: [...READ, 'licence.assign', 'user.setUsageLocation'],
  helpdeskAdministrator: [...READ, 'user.resetPassword'],
  globalReader: READ,
  noRole: [],
};

const rolesOf = (key: RoleId | 'noRole'): RoleId[] => (key === 'noRole' ? [] : [key]);

const matrix = (Object.keys(EXPECTED) as (RoleId | 'noRole')[]).flatMap((role) =>
  ALL_ACTIONS.map((action) => ({ role, action, allowed: EXPECTED[role].includes(action) })),
);

describe('the role table (domain.md §2)', () => {
  it('covers 12 rows × 16 actions', () => {
    expect(matrix).toHaveLength(12 * 16);
  });

  it.each(matrix)('$role → $action: allowed=$allowed', ({ role, action, allowed }) => {
    const roles = rolesOf(role);
    const result = authorize({
      actor: actor(roles),
      tenantId: CONTOSO,
      action,
      target: ACTIONS[action] === 'user' ? target([]) : undefined,
      facts: TWO_ADMINS,
    });
    expect(result.ok).toBe(allowed);
    expect(can(roles, action)).toBe(allowed);
    expect(ceilingFor(roles, action) !== null).toBe(allowed);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'FORBIDDEN', rule: 'ROLE_REQUIRED' });
      expect(result.error.message).toMatch(/^Your roles do not allow you to /);
    }
  });

  it('states each role’s name and tier as in the table', () => {
    const tiers = Object.fromEntries(Object.entries(DIRECTORY_ROLES).map(([id, r]) => [id, [r.name, r.tier]]));
    expect(tiers).toEqual({
      globalAdministrator: ['Global Administrator', 3],
      privilegedRoleAdministrator: ['Privileged Role Administrator', 3],
      privilegedAuthenticationAdministrator: ['Privileged Authentication Administrator', 3],
      userAdministrator: ['User Administrator', 2],
      directoryWriters: ['Directory Writers', 2],
      powerPlatformAdministrator: ['Power Platform Administrator', 2],
      dynamics365Administrator: ['Dynamics 365 Administrator', 2],
      groupsAdministrator: ['Groups Administrator', 1],
      licenseAdministrator: ['License Administrator', 1],
      helpdeskAdministrator: ['Helpdesk Administrator', 1],
      globalReader: ['Global Reader', 1],
    });
  });

  it.each<[readonly RoleId[], number]>([
    [[], 0],
    [['globalReader'], 1],
    [['helpdeskAdministrator', 'licenseAdministrator'], 1],
    [['licenseAdministrator', 'userAdministrator'], 2],
    [['globalReader', 'privilegedRoleAdministrator'], 3],
    [['directoryWriters', 'globalAdministrator', 'helpdeskAdministrator'], 3],
  ])('highestTier(%j) = %i', (roles, tier) => {
    expect(highestTier(roles)).toBe(tier);
  });
});

describe('tier ceilings', () => {
  // The target's tier is written by hand from domain.md §2, not computed.
  const TARGETS: { label: string; roles: RoleId[]; tier: number }[] = [
    { label: 'no role', roles: [], tier: 0 },
    { label: 'License Administrator', roles: ['licenseAdministrator'], tier: 1 },
    { label: 'Helpdesk Administrator', roles: ['helpdeskAdministrator'], tier: 1 },
    { label: 'User Administrator', roles: ['userAdministrator'], tier: 2 },
    { label: 'Directory Writers', roles: ['directoryWriters'], tier: 2 },
    { label: 'Global Administrator', roles: ['globalAdministrator'], tier: 3 },
    { label: 'Privileged Authentication Administrator', roles: ['privilegedAuthenticationAdministrator'], tier: 3 },
  ];
  // Highest target tier each actor may reset the password of (domain.md §2).
  const RESET_CEILING: { actor: RoleId; ceiling: number }[] = [
    { actor: 'helpdeskAdministrator', ceiling: 1 },
    { actor: 'userAdministrator', ceiling: 2 },
    { actor: 'privilegedAuthenticationAdministrator', ceiling: 3 },
    { actor: 'globalAdministrator', ceiling: 3 },
  ];
  const cases = RESET_CEILING.flatMap(({ actor: role, ceiling }) =>
    TARGETS.map(({ label, roles, tier }) => ({ role, label, roles, allowed: tier <= ceiling })),
  );

  it.each(cases)('$role resets the password of $label: allowed=$allowed', ({ role, roles, allowed }) => {
    const result = authorize({ actor: actor([role]), tenantId: CONTOSO, action: 'user.resetPassword', target: target(roles) });
    expect(result.ok).toBe(allowed);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'FORBIDDEN', rule: 'TIER_CEILING' });
    }
  });

  it('names the target’s role and tier when Helpdesk is refused', () => {
    const refusedUA = authorize({
      actor: actor(['helpdeskAdministrator']),
      tenantId: CONTOSO,
      action: 'user.resetPassword',
      target: target(['userAdministrator']),
    });
    expect(refusedUA.ok).toBe(false);
    if (!refusedUA.ok) {
      expect(refusedUA.error.message).toContain('Mary Target holds User Administrator (tier 2)');
      expect(refusedUA.error.message).toContain('Helpdesk Administrator');
      expect(refusedUA.error.message).toContain('up to privilege tier 1');
    }
    const refusedGA = authorize({
      actor: actor(['helpdeskAdministrator']),
      tenantId: CONTOSO,
      action: 'user.resetPassword',
      target: target(['globalAdministrator']),
    });
    expect(refusedGA.ok).toBe(false);
    if (!refusedGA.ok) expect(refusedGA.error.message).toContain('holds Global Administrator (tier 3)');
  });

  it('judges a target with several roles by the strongest one', () => {
    const result = authorize({
      actor: actor(['helpdeskAdministrator']),
      tenantId: CONTOSO,
      action: 'user.resetPassword',
      target: target(['licenseAdministrator', 'userAdministrator', 'globalReader']),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('holds User Administrator (tier 2)');
  });

  it('gives an actor with several roles the highest ceiling among them', () => {
    expect(ceilingFor(['helpdeskAdministrator', 'userAdministrator'], 'user.resetPassword')).toBe(2);
    const result = authorize({
      actor: actor(['helpdeskAdministrator', 'userAdministrator']),
      tenantId: CONTOSO,
      action: 'user.resetPassword',
      target: target(['directoryWriters']),
    });
    expect(result.ok).toBe(true);
  });

  it.each<[Action, RoleId[], boolean]>([
    ['user.block', ['userAdministrator'], true],
    ['user.block', ['globalAdministrator'], false],
    ['user.delete', ['directoryWriters'], true],
    ['user.delete', ['privilegedRoleAdministrator'], false],
    ['user.update', ['privilegedAuthenticationAdministrator'], false],
    ['user.restore', ['globalAdministrator'], false],
  ])('User Administrator: %s on a target with %j → allowed=%s', (action, roles, allowed) => {
    const result = authorize({ actor: actor(['userAdministrator']), tenantId: CONTOSO, action, target: target(roles), facts: TWO_ADMINS });
    expect(result.ok).toBe(allowed);
  });

  it('lets a Privileged Authentication Administrator block an administrator of any tier', () => {
    const result = authorize({
      actor: actor(['privilegedAuthenticationAdministrator']),
      tenantId: CONTOSO,
      action: 'user.block',
      target: target(['globalAdministrator']),
      facts: TWO_ADMINS,
    });
    expect(result.ok).toBe(true);
  });
});

describe('nobody blocks or deletes themselves', () => {
  it.each<[RoleId, Action]>([
    ['globalAdministrator', 'user.block'],
    ['globalAdministrator', 'user.delete'],
    ['globalAdministrator', 'user.purge'],
    ['userAdministrator', 'user.block'],
    ['userAdministrator', 'user.delete'],
    ['privilegedAuthenticationAdministrator', 'user.block'],
  ])('%s: %s on themselves → NOT_YOURSELF', (role, action) => {
    const me = actor([role]);
    const result = authorize({
      actor: me,
      tenantId: CONTOSO,
      action,
      target: target([role], { id: me.userId, displayName: me.displayName }),
      facts: TWO_ADMINS,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_YOURSELF' });
      expect(result.error.message).toContain('yourself');
    }
  });
});

describe('the last Global Administrator', () => {
  // A partner agent holding Global Administrator through a relationship is not one of the
  // customer's own active Global Administrators: that is how the count can be 1.
  const agent = actor(['globalAdministrator'], { userId: 'agent-1', onBehalfOf: { partnerTenantId: 'p', partnerName: 'P', relationshipId: 'r' } });
  const onlyAdmin = target(['globalAdministrator'], { displayName: 'Grace Global' });

  it.each<[Actor, Action, TenantFacts, boolean]>([
    [actor(['privilegedAuthenticationAdministrator']), 'user.block', ONE_ADMIN, false],
    [actor(['privilegedAuthenticationAdministrator']), 'user.block', TWO_ADMINS, true],
    [agent, 'user.block', ONE_ADMIN, false],
    [agent, 'user.delete', ONE_ADMIN, false],
    [agent, 'user.delete', TWO_ADMINS, true],
    [agent, 'user.purge', ONE_ADMIN, false],
  ])('%#: %s with %j → allowed=%s', (who, action, facts, allowed) => {
    const result = authorize({ actor: who, tenantId: CONTOSO, action, target: onlyAdmin, facts });
    expect(result.ok).toBe(allowed);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'FORBIDDEN', rule: 'LAST_GLOBAL_ADMIN' });
      expect(result.error.message).toContain('Grace Global is the last Global Administrator');
    }
  });

  it('does not protect a user who is not a Global Administrator', () => {
    const result = authorize({ actor: agent, tenantId: CONTOSO, action: 'user.block', target: target(['userAdministrator']), facts: ONE_ADMIN });
    expect(result.ok).toBe(true);
  });

  it.each<[RoleId, 'add' | 'remove', TargetUser, TenantFacts, boolean]>([
    ['globalAdministrator', 'remove', onlyAdmin, ONE_ADMIN, false],
    ['globalAdministrator', 'remove', onlyAdmin, TWO_ADMINS, true],
    ['globalAdministrator', 'add', target([]), ONE_ADMIN, true],
    ['userAdministrator', 'remove', target(['globalAdministrator', 'userAdministrator']), ONE_ADMIN, true],
  ])('authorizeRoleChange: %s %s (%#) → allowed=%s', (role, change, who, facts, allowed) => {
    const result = authorizeRoleChange({ actor: agent, tenantId: CONTOSO, target: who, role, change, facts });
    expect(result.ok).toBe(allowed);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'FORBIDDEN', rule: 'LAST_GLOBAL_ADMIN' });
  });
});

describe('tenancy: another tenant is not found, never forbidden', () => {
  it.each(ALL_ACTIONS)('a Global Administrator of A asking about tenant B: %s → NOT_FOUND', (action) => {
    const result = authorize({ actor: actor(['globalAdministrator']), tenantId: FABRIKAM, action });
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });

  it('answers NOT_FOUND even to an actor whose roles would not allow the action', () => {
    const result = authorize({ actor: actor([]), tenantId: FABRIKAM, action: 'user.delete' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
  });

  it.each(ALL_ACTIONS.filter((a) => ACTIONS[a] === 'user'))('a target of tenant B reached from tenant A: %s → NOT_FOUND', (action) => {
    const result = authorize({
      actor: actor(['globalAdministrator']),
      tenantId: CONTOSO,
      action,
      target: target([], { tenantId: FABRIKAM }),
      facts: TWO_ADMINS,
    });
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'User not found.' } });
  });

  it('refuses a role change on a target of another tenant as NOT_FOUND', () => {
    const result = authorizeRoleChange({
      actor: actor(['globalAdministrator']),
      tenantId: CONTOSO,
      target: target([], { tenantId: FABRIKAM }),
      role: 'globalReader',
      change: 'add',
      facts: TWO_ADMINS,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
  });

  it('refuses a role change asked about another tenant as NOT_FOUND', () => {
    const result = authorizeRoleChange({
      actor: actor(['globalAdministrator']),
      tenantId: FABRIKAM,
      target: target([], { tenantId: FABRIKAM }),
      role: 'globalReader',
      change: 'add',
      facts: TWO_ADMINS,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
  });
});

describe('assigning roles', () => {
  const EVERY_ROLE: RoleId[] = [
    'globalAdministrator',
    'privilegedRoleAdministrator',
    'privilegedAuthenticationAdministrator',
    'userAdministrator',
    'directoryWriters',
    'powerPlatformAdministrator',
    'dynamics365Administrator',
    'groupsAdministrator',
    'licenseAdministrator',
    'helpdeskAdministrator',
    'globalReader',
  ];
  const ASSIGNERS: RoleId[] = ['globalAdministrator', 'privilegedRoleAdministrator'];

  it.each(EVERY_ROLE.map((role) => ({ role, assigner: ASSIGNERS.includes(role) })))(
    '$role may assign roles: $assigner',
    ({ role, assigner }) => {
      expect([...assignableRoles([role])].sort()).toEqual(assigner ? [...EVERY_ROLE].sort() : []);
      const result = authorizeRoleChange({
        actor: actor([role]),
        tenantId: CONTOSO,
        target: target([]),
        role: 'globalReader',
        change: 'add',
        facts: TWO_ADMINS,
      });
      expect(result.ok).toBe(assigner);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'FORBIDDEN', rule: 'ROLE_REQUIRED' });
    },
  );

  it('gives nobody without a role anything to assign', () => {
    expect(assignableRoles([])).toEqual([]);
  });

  it.each(EVERY_ROLE)('a Privileged Role Administrator may grant %s', (role) => {
    const result = authorizeRoleChange({
      actor: actor(['privilegedRoleAdministrator']),
      tenantId: CONTOSO,
      target: target([]),
      role,
      change: 'add',
      facts: TWO_ADMINS,
    });
    expect(result.ok).toBe(true);
  });
});
