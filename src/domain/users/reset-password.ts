// Reset a user's password (seeds 000/001/003): a new temporary password, shown
// once; the old one stops working at once; the user's sessions end; the user
// must change it at the next sign-in. Tier rules of domain.md §2.
import { generateTemporaryPassword, type RandomBytes } from '../auth/passwords';
import type { PasswordHasher } from '../auth/password-hasher';
import type { Clock } from '../shared/clock';
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor, targetOf } from './user-audit';

export async function resetPassword(
  deps: { clock: Clock; transaction: Transaction; hasher: PasswordHasher; random: RandomBytes },
  command: { actor: Actor; tenantId: string; userId: string },
): Promise<Result<{ displayName: string; signInName: string; temporaryPassword: string }>> {
  const now = deps.clock.now();
  const temporaryPassword = generateTemporaryPassword(deps.random);
  const passwordHash = await deps.hasher.hash(temporaryPassword);
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(command.tenantId, command.userId);
    if (!user) return fail('NOT_FOUND', 'User not found.');
    const allowed = authorize({ actor: command.actor, tenantId: command.tenantId, action: 'user.resetPassword', target: user });
    if (!allowed.ok) return allowed;
    if (user.kind === 'application' || user.kind === 'stub') {
      return fail('CONFLICT', `${user.displayName} is ${user.kind === 'application' ? 'an application' : 'a stub'} user and has no password.`);
    }
    await repos.users.setPassword(command.tenantId, user.id, {
      passwordHash,
      mustChangePassword: true,
      by: { id: command.actor.userId, name: command.actor.displayName },
      now,
    });
    await repos.sessions.endAllForUser(command.tenantId, user.id, 'CREDENTIALS_CHANGED', now);
    await repos.audit.append({
      tenantId: command.tenantId,
      occurredAt: now,
      actor: auditActor(command.actor),
      action: 'user.resetPassword',
      target: targetOf(user),
      detail: 'Temporary password issued; the user must change it at next sign-in. Open sessions ended.',
    });
    return ok({ displayName: user.displayName, signInName: user.signInName, temporaryPassword });
  });
}
