// The directory roles the portal manages and the permissions it checks are one
// table (domain.md §2). Every "may this actor do this?" in the portal is
// answered by `authorize` below; pages and actions never decide it themselves.
import { fail, ok, type Result } from './result';

export const DIRECTORY_ROLES = {
  globalAdministrator: {
    name: 'Global Administrator',
    tier: 3,
    description: 'Can do everything in the tenant.',
  },
  privilegedRoleAdministrator: {
    name: 'Privileged Role Administrator',
    tier: 3,
    description: 'Assigns and removes directory roles; reads everything.',
  },
  privilegedAuthenticationAdministrator: {
    name: 'Privileged Authentication Administrator',
    tier: 3,
    description: 'Resets passwords and blocks or unblocks sign-in of anyone, administrators included.',
  },
  userAdministrator: {
    name: 'User Administrator',
    tier: 2,
    description:
      'Creates, edits, blocks, deletes and restores users; resets passwords of users up to tier 2; manages groups; assigns licences.',
  },
  directoryWriters: {
    name: 'Directory Writers',
    tier: 2,
    description: 'Creates and edits users, restores users, edits licences.',
  },
  powerPlatformAdministrator: {
    name: 'Power Platform Administrator',
    tier: 2,
    description: 'Manages environments, environment users, sync, access modes and security roles.',
  },
  dynamics365Administrator: {
    name: 'Dynamics 365 Administrator',
    tier: 2,
    description: 'Manages environments, environment users, sync, access modes and security roles.',
  },
  groupsAdministrator: {
    name: 'Groups Administrator',
    tier: 1,
    description: 'Manages security groups and their membership.',
  },
  licenseAdministrator: {
    name: 'License Administrator',
    tier: 1,
    description: 'Assigns and removes licences; sets usage location.',
  },
  helpdeskAdministrator: {
    name: 'Helpdesk Administrator',
    tier: 1,
    description: 'Resets passwords of users up to tier 1.',
  },
  globalReader: {
    name: 'Global Reader',
    tier: 1,
    description: 'Reads everything, changes nothing.',
  },
} as const satisfies Record<string, { name: string; tier: number; description: string }>;

export type RoleId = keyof typeof DIRECTORY_ROLES;
export const ROLE_IDS = Object.keys(DIRECTORY_ROLES) as RoleId[];
export const isRoleId = (value: string): value is RoleId => Object.hasOwn(DIRECTORY_ROLES, value);
export const roleName = (role: RoleId) => DIRECTORY_ROLES[role].name;

export type Action =
  | 'directory.read' // see the admin pages of a tenant at all
  | 'tenant.updateSettings'
  | 'user.create'
  | 'user.update'
  | 'user.setUsageLocation'
  | 'user.block'
  | 'user.delete'
  | 'user.restore'
  | 'user.purge'
  | 'user.resetPassword'
  | 'role.assign'
  | 'licence.assign'
  | 'licence.manageSeats'
  | 'group.manage'
  | 'environment.manage'
  | 'audit.read';

export const ACTION_LABELS: Record<Action, string> = {
  'directory.read': 'view the directory',
  'tenant.updateSettings': 'change tenant settings',
  'user.create': 'create users',
  'user.update': 'edit this user',
  'user.setUsageLocation': "set this user's usage location",
  'user.block': 'block or unblock sign-in of this user',
  'user.delete': 'delete this user',
  'user.restore': 'restore this user',
  'user.purge': 'delete this user permanently',
  'user.resetPassword': "reset this user's password",
  'role.assign': 'assign or remove directory roles',
  'licence.assign': 'assign or remove licences',
  'licence.manageSeats': 'change seat counts',
  'group.manage': 'manage security groups',
  'environment.manage': 'manage environments',
  'audit.read': 'read the audit log',
};

/** Actions that act on one user: the target's highest tier must not exceed the grant's ceiling. */
const TARGETED: ReadonlySet<Action> = new Set<Action>([
  'user.update',
  'user.setUsageLocation',
  'user.block',
  'user.delete',
  'user.restore',
  'user.purge',
  'user.resetPassword',
  'licence.assign',
]);

const READ: Action[] = ['directory.read', 'audit.read'];
const ALL_ACTIONS = Object.keys(ACTION_LABELS) as Action[];

/** role → action → ceiling: the highest target tier the role may act on (3 = anyone). */
const GRANTS: Record<RoleId, Partial<Record<Action, number>>> = {
  globalAdministrator: Object.fromEntries(ALL_ACTIONS.map((a) => [a, 3])),
  privilegedRoleAdministrator: grant(READ, 3, { 'role.assign': 3 }),
  privilegedAuthenticationAdministrator: grant(READ, 3, { 'user.resetPassword': 3, 'user.block': 3 }),
  userAdministrator: grant(READ, 3, {
    'user.create': 3,
    'user.update': 2,
    'user.setUsageLocation': 2,
    'user.block': 2,
    'user.delete': 2,
    'user.restore': 2,
    'user.purge': 2,
    'user.resetPassword': 2,
    'group.manage': 3,
    'licence.assign': 3,
  }),
  directoryWriters: grant(READ, 3, {
    'user.create': 3,
    'user.update': 2,
    'user.setUsageLocation': 2,
    'user.restore': 2,
    'licence.assign': 3,
  }),
  powerPlatformAdministrator: grant(READ, 3, { 'environment.manage': 3 }),
  dynamics365Administrator: grant(READ, 3, { 'environment.manage': 3 }),
  groupsAdministrator: grant(READ, 3, { 'group.manage': 3 }),
  licenseAdministrator: grant(READ, 3, { 'licence.assign': 3, 'user.setUsageLocation': 3 }),
  helpdeskAdministrator: grant(READ, 3, { 'user.resetPassword': 1 }),
  globalReader: grant(READ, 3, {}),
};

function grant(read: Action[], readCeiling: number, rest: Partial<Record<Action, number>>) {
  return { ...Object.fromEntries(read.map((a) => [a, readCeiling])), ...rest };
}

/** The actor as the authorisation function sees them, in the tenant they act in. */
export type Actor = {
  userId: string;
  displayName: string;
  /** The tenant the actor is working in now (home tenant, or a customer reached as a partner agent). */
  tenantId: string;
  /** Directory roles effective in that tenant (assigned at home, or granted by relationships). */
  roles: readonly RoleId[];
  /** Set when acting in a customer tenant on behalf of a partner. */
  onBehalfOf?: { partnerTenantId: string; partnerName: string; relationshipId: string } | null;
};

/** A user an action applies to. */
export type TargetUser = {
  id: string;
  tenantId: string;
  displayName: string;
  roles: readonly RoleId[];
  /** A blocked administrator is not one of the active ones the last-admin rule protects. */
  accountEnabled?: boolean;
};

const isActiveGlobalAdmin = (target: TargetUser) => target.roles.includes('globalAdministrator') && target.accountEnabled !== false;

export type TenantFacts = {
  /** Global Administrators that are live and enabled (the ones who can still administer). */
  activeGlobalAdminCount: number;
};

export const highestTier = (roles: readonly RoleId[]) => roles.reduce((max, r) => Math.max(max, DIRECTORY_ROLES[r].tier), 0);

/** The highest target tier the actor may apply `action` to, or null when no role grants it. */
export function ceilingFor(roles: readonly RoleId[], action: Action): number | null {
  let best: number | null = null;
  for (const role of roles) {
    const c = GRANTS[role][action];
    if (c !== undefined && (best === null || c > best)) best = c;
  }
  return best;
}

export const can = (roles: readonly RoleId[], action: Action) => ceilingFor(roles, action) !== null;

/** Roles the actor may hand out (and take away): never more than they may grant. */
export function assignableRoles(roles: readonly RoleId[]): RoleId[] {
  const ceiling = ceilingFor(roles, 'role.assign');
  if (ceiling === null) return [];
  return ROLE_IDS.filter((r) => DIRECTORY_ROLES[r].tier <= ceiling);
}

const GUARDED_FROM_SELF: ReadonlySet<Action> = new Set<Action>(['user.block', 'user.delete', 'user.purge']);
const GUARDED_LAST_ADMIN: ReadonlySet<Action> = new Set<Action>(['user.block', 'user.delete', 'user.purge']);

export type AuthorizationRequest = {
  actor: Actor;
  tenantId: string;
  action: Action;
  target?: TargetUser;
  facts?: TenantFacts;
};

/**
 * The one authorisation function: may `actor`, working in `tenantId`, perform `action` on `target`?
 * A tenant or target outside the actor's reach is NOT_FOUND (no existence leaks); a rule
 * that forbids is FORBIDDEN with a sentence the UI can show as is.
 */
export function authorize(request: AuthorizationRequest): Result<void> {
  const { actor, tenantId, action, target } = request;
  if (actor.tenantId !== tenantId) return fail('NOT_FOUND', 'Not found.');
  if (target && target.tenantId !== tenantId) return fail('NOT_FOUND', 'User not found.');

  const ceiling = ceilingFor(actor.roles, action);
  if (ceiling === null) {
    return fail('FORBIDDEN', `Your roles do not allow you to ${ACTION_LABELS[action]}.`, { rule: 'ROLE_REQUIRED' });
  }
  if (!target) return ok(undefined);

  if (GUARDED_FROM_SELF.has(action) && target.id === actor.userId) {
    return fail('FORBIDDEN', `You cannot ${ACTION_LABELS[action].replace('this user', 'yourself')}.`, { rule: 'NOT_YOURSELF' });
  }
  if (
    GUARDED_LAST_ADMIN.has(action) &&
    isActiveGlobalAdmin(target) &&
    request.facts !== undefined &&
    request.facts.activeGlobalAdminCount <= 1
  ) {
    return fail(
      'FORBIDDEN',
      `${target.displayName} is the last Global Administrator of this tenant. Make someone else a Global Administrator first.`,
      { rule: 'LAST_GLOBAL_ADMIN' },
    );
  }
  if (TARGETED.has(action)) {
    const targetTier = highestTier(target.roles);
    if (targetTier > ceiling) {
      const strongest = [...target.roles].sort((a, b) => DIRECTORY_ROLES[b].tier - DIRECTORY_ROLES[a].tier)[0];
      const grantedBy = actor.roles.filter((r) => GRANTS[r][action] !== undefined).map(roleName);
      return fail(
        'FORBIDDEN',
        `${grantedBy.join(', ')} may ${ACTION_LABELS[action].replace("this user's", "users'").replace('this user', 'users')} only up to privilege tier ${ceiling}. ` +
          `${target.displayName} holds ${strongest ? roleName(strongest) : 'a role'} (tier ${targetTier}).`,
        { rule: 'TIER_CEILING' },
      );
    }
  }
  return ok(undefined);
}

/** Removing a role from a user: only role assigners, never the last Global Administrator's. */
export function authorizeRoleChange(request: {
  actor: Actor;
  tenantId: string;
  target: TargetUser;
  role: RoleId;
  change: 'add' | 'remove';
  facts: TenantFacts;
}): Result<void> {
  const base = authorize({ actor: request.actor, tenantId: request.tenantId, action: 'role.assign' });
  if (!base.ok) return base;
  if (request.target.tenantId !== request.tenantId) return fail('NOT_FOUND', 'User not found.');
  if (!assignableRoles(request.actor.roles).includes(request.role)) {
    return fail('FORBIDDEN', `You cannot grant ${roleName(request.role)}: it is above what your roles may grant.`, {
      rule: 'ROLE_ABOVE_GRANT',
    });
  }
  if (
    request.change === 'remove' &&
    request.role === 'globalAdministrator' &&
    isActiveGlobalAdmin(request.target) &&
    request.facts.activeGlobalAdminCount <= 1
  ) {
    return fail(
      'FORBIDDEN',
      `${request.target.displayName} is the last Global Administrator of this tenant; the role cannot be removed.`,
      { rule: 'LAST_GLOBAL_ADMIN' },
    );
  }
  return ok(undefined);
}
