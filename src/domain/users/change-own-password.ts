// A user replaces their password: after a temporary one (forced, no current
// password asked) or from their account page (current password required).
import { checkNewPassword } from '../auth/passwords';
import type { PasswordHasher } from '../auth/password-hasher';
import type { Clock } from '../shared/clock';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';

export type ChangeOwnPasswordDeps = { clock: Clock; hasher: PasswordHasher; transaction: Transaction };

export type ChangeOwnPasswordInput = {
  tenantId: string;
  userId: string;
  sessionId: string;
  /** Required unless the user is replacing a temporary password. */
  currentPassword: string | null;
  newPassword: string;
  confirmation: string;
};

export async function changeOwnPassword(deps: ChangeOwnPasswordDeps, input: ChangeOwnPasswordInput): Promise<Result<void>> {
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(input.tenantId, input.userId);
    const hash = await repos.users.getPasswordHash(input.tenantId, input.userId);
    if (!user || !hash) return fail('NOT_FOUND', 'Your account was not found.');
    if (!user.mustChangePassword) {
      if (!input.currentPassword || !(await deps.hasher.verify(input.currentPassword, hash))) {
        return fail('VALIDATION', 'Your current password is not correct.', {
          fieldErrors: { currentPassword: ['Your current password is not correct.'] },
        });
      }
    }
    const policy = checkNewPassword({
      password: input.newPassword,
      confirmation: input.confirmation,
      signInName: user.signInName,
      isSameAsCurrent: await deps.hasher.verify(input.newPassword, hash),
    });
    if (!policy.ok) return policy;

    const by = { id: user.id, name: user.displayName };
    const { sessionVersion } = await repos.users.setPassword(input.tenantId, user.id, {
      passwordHash: await deps.hasher.hash(input.newPassword),
      mustChangePassword: false,
      by,
      now,
    });
    // Every other session ends; this one carries on under the new version.
    await repos.sessions.endAllForUser(input.tenantId, user.id, 'CREDENTIALS_CHANGED', now, input.sessionId);
    await repos.sessions.adoptVersion(input.tenantId, input.sessionId, sessionVersion);
    await repos.audit.append({
      tenantId: input.tenantId,
      occurredAt: now,
      actor: { userId: user.id, displayName: user.displayName, onBehalfOf: null },
      action: user.mustChangePassword ? 'user.replaceTemporaryPassword' : 'user.changePassword',
      target: { type: 'user', id: user.id, name: user.displayName },
    });
    return ok(undefined);
  });
}
