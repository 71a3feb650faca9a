// Block or unblock sign-in (domain.md §2, §3): the user's sessions end at once.
import { authorize, type Actor } from '../shared/permissions';
import type { Clock } from '../shared/clock';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor, targetOf } from './user-audit';

export type SetSignInBlockedDeps = { clock: Clock; transaction: Transaction };

export async function setSignInBlocked(
  deps: SetSignInBlockedDeps,
  input: { actor: Actor; tenantId: string; userId: string; blocked: boolean },
): Promise<Result<{ changed: boolean }>> {
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(input.tenantId, input.userId);
    if (!user) return fail('NOT_FOUND', 'User not found.');
    const allowed = authorize({
      actor: input.actor,
      tenantId: input.tenantId,
      action: 'user.block',
      target: user,
      // Only blocking an enabled user can take an active administrator away: unblocking, or
      // blocking someone already blocked, counts no admins (a blocked Global Administrator
      // is not "the last" one).
      facts:
        input.blocked && user.accountEnabled
          ? { activeGlobalAdminCount: await repos.users.countActiveGlobalAdmins(input.tenantId) }
          : undefined,
    });
    if (!allowed.ok) return allowed;
    if (user.accountEnabled === !input.blocked) return ok({ changed: false });

    const result = await repos.users.update(
      input.tenantId,
      user.id,
      user.rowVersion,
      { accountEnabled: !input.blocked },
      { by: { id: input.actor.userId, name: input.actor.displayName }, now, endSessions: true },
    );
    if (result !== 'UPDATED') return fail('CONFLICT', `${user.displayName} was changed by someone else meanwhile. Reload and try again.`);
    if (input.blocked) await repos.sessions.endAllForUser(input.tenantId, user.id, 'BLOCKED', now);
    await repos.audit.append({
      tenantId: input.tenantId,
      occurredAt: now,
      actor: auditActor(input.actor),
      action: input.blocked ? 'user.blockSignIn' : 'user.unblockSignIn',
      target: targetOf(user),
      before: { accountEnabled: user.accountEnabled },
      after: { accountEnabled: !input.blocked },
    });
    return ok({ changed: true });
  });
}
