// Delete a user (seeds 000/001/003): soft delete for 30 days. Sign-in stops at
// once, licences are released, roles and group memberships are kept inactive so
// a restore brings them back.
import type { Clock } from '../shared/clock';
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { isActiveGlobalAdmin } from './user';
import { auditActor, targetOf } from './user-audit';

export async function deleteUser(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; userId: string },
): Promise<Result<{ displayName: string; releasedLicences: string[] }>> {
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(command.tenantId, command.userId);
    if (!user) return fail('NOT_FOUND', 'User not found.');
    const allowed = authorize({
      actor: command.actor,
      tenantId: command.tenantId,
      action: 'user.delete',
      target: user,
      // Only deleting an enabled Global Administrator can take the last one away; a blocked
      // one is not "the last" (as in setSignInBlocked).
      facts: isActiveGlobalAdmin(user) ? { activeGlobalAdminCount: await repos.users.countActiveGlobalAdmins(command.tenantId) } : undefined,
    });
    if (!allowed.ok) return allowed;
    const by = { id: command.actor.userId, name: command.actor.displayName };
    await repos.users.softDelete(command.tenantId, user.id, { by, now });
    await repos.sessions.endAllForUser(command.tenantId, user.id, 'DELETED', now);
    const releasedLicences = await repos.licences.releaseForDeletedUser(command.tenantId, user.id, now);
    await repos.audit.append({
      tenantId: command.tenantId,
      occurredAt: now,
      actor: auditActor(command.actor),
      action: 'user.delete',
      target: targetOf(user),
      before: { deletedAt: null },
      after: { deletedAt: now.toISOString(), releasedLicences },
      detail: 'Moved to Deleted users; restorable for 30 days.',
    });
    return ok({ displayName: user.displayName, releasedLicences });
  });
}
