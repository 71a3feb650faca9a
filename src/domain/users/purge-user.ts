// "Delete permanently" (seeds 000/001): irreversible, only for a deleted user, audited.
import type { Clock } from '../shared/clock';
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor, targetOf } from './user-audit';

export async function purgeUser(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; userId: string },
): Promise<Result<{ displayName: string }>> {
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(command.tenantId, command.userId, { includeDeleted: true });
    if (!user) return fail('NOT_FOUND', 'User not found.');
    if (!user.deletedAt) return fail('CONFLICT', `Delete ${user.displayName} first; only deleted users can be deleted permanently.`);
    const allowed = authorize({ actor: command.actor, tenantId: command.tenantId, action: 'user.purge', target: user });
    if (!allowed.ok) return allowed;
    await repos.users.purge(command.tenantId, user.id);
    await repos.audit.append({
      tenantId: command.tenantId,
      occurredAt: now,
      actor: auditActor(command.actor),
      action: 'user.purge',
      target: targetOf(user),
      before: { signInName: user.signInName, deletedAt: user.deletedAt.toISOString() },
      detail: 'Deleted permanently by an administrator.',
    });
    return ok({ displayName: user.displayName });
  });
}
