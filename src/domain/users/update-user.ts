// Edit a user's information and roles (seed 003: "edit a user's information,
// permissions and licences"). Saved only on the version the admin was looking at:
// if someone else changed the user meanwhile, nothing is overwritten.
import type { Clock } from '../shared/clock';
import { authorize, authorizeRoleChange, roleName, type Actor, type RoleId } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { changedFields } from '../audit/audit-event';
import { checkProfile } from './profile-rules';
import { PROFILE_FIELDS, type User, type UserProfile } from './user';
import { auditActor, targetOf } from './user-audit';

export type UpdateUserCommand = {
  actor: Actor;
  tenantId: string;
  userId: string;
  /** The rowVersion the edit was made on. */
  expectedRowVersion: number;
  profile: UserProfile;
  /** The roles the user should hold afterwards; undefined leaves roles alone. */
  roles?: RoleId[];
};

export function staleEdit(user: Pick<User, 'displayName' | 'updatedByName' | 'updatedAt' | 'rowVersion'>) {
  const who = user.updatedByName ?? 'Someone';
  return fail('CONFLICT', `${who} changed ${user.displayName} at ${user.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, after you opened it. Nothing was saved: review the current values and make your change again.`, {
    rule: 'STALE_VERSION',
    details: { changedBy: who, changedAt: user.updatedAt.toISOString(), currentVersion: user.rowVersion },
  });
}

export async function updateUser(deps: { clock: Clock; transaction: Transaction }, command: UpdateUserCommand): Promise<Result<{ changed: string[] }>> {
  const { actor, tenantId } = command;
  const now = deps.clock.now();
  const checked = checkProfile(command.profile);
  if (!checked.ok) return checked;

  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(tenantId, command.userId);
    if (!user) return fail('NOT_FOUND', 'User not found.');
    // Before anything about the user is revealed (a no-op save, who changed it and when):
    // another tenant's actor gets NOT_FOUND, an actor who may not read the directory FORBIDDEN.
    const mayRead = authorize({ actor, tenantId, action: 'directory.read', target: user });
    if (!mayRead.ok) return mayRead;
    if (user.rowVersion !== command.expectedRowVersion) return staleEdit(user);

    const before = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, user[f]])) as UserProfile;
    const { before: oldValues, after: newValues } = changedFields(before, checked.value);
    const profileFields = Object.keys(newValues);
    if (profileFields.length) {
      const onlyUsageLocation = profileFields.every((f) => f === 'usageLocation');
      const allowed = authorize({ actor, tenantId, action: onlyUsageLocation ? 'user.setUsageLocation' : 'user.update', target: user });
      if (!allowed.ok) return allowed;
    }

    const desired = command.roles ? [...new Set(command.roles)] : user.roles;
    const added = desired.filter((r) => !user.roles.includes(r));
    const removed = user.roles.filter((r) => !desired.includes(r));
    if (added.length || removed.length) {
      const facts = { activeGlobalAdminCount: await repos.users.countActiveGlobalAdmins(tenantId) };
      for (const [role, change] of [...added.map((r) => [r, 'add'] as const), ...removed.map((r) => [r, 'remove'] as const)]) {
        const allowed = authorizeRoleChange({ actor, tenantId, target: user, role, change, facts });
        if (!allowed.ok) return allowed;
      }
    }
    if (!profileFields.length && !added.length && !removed.length) return ok({ changed: [] });

    const by = { id: actor.userId, name: actor.displayName };
    const updated = await repos.users.update(tenantId, user.id, command.expectedRowVersion, newValues, { by, now });
    if (updated === 'STALE') {
      const current = await repos.users.getById(tenantId, user.id);
      return current ? staleEdit(current) : fail('NOT_FOUND', 'User not found.');
    }
    for (const role of added) await repos.roles.add(tenantId, user.id, role, by, now);
    for (const role of removed) await repos.roles.remove(tenantId, user.id, role);

    const rolesChanged = added.length || removed.length;
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'user.update',
      target: targetOf({ id: user.id, displayName: checked.value.displayName }),
      before: { ...oldValues, ...(rolesChanged ? { roles: user.roles.map(roleName) } : {}) },
      after: { ...newValues, ...(rolesChanged ? { roles: desired.map(roleName) } : {}) },
    });
    return ok({ changed: [...profileFields, ...(rolesChanged ? ['roles'] : [])] });
  });
}
