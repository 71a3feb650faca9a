// Restore a deleted user within 30 days (domain.md §3): back as they were, roles
// and group memberships included; each licence re-assigned where a seat is free
// (the result says which were not); a sign-in name taken meanwhile needs a new one.
import type { Clock } from '../shared/clock';
import { DAY } from '../shared/clock';
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { withSuggestions } from './create-user';
import { isValidSignInName } from './sign-in-name';
import { signInNameKey } from './user';
import { auditActor, targetOf } from './user-audit';

export const RESTORE_WINDOW_MS = 30 * DAY;

export const purgeDate = (deletedAt: Date) => new Date(deletedAt.getTime() + RESTORE_WINDOW_MS);

/** Whole days left before the purge, rounded up ("30 days left" right after deletion). */
export const daysLeft = (deletedAt: Date, now: Date) => Math.max(0, Math.ceil((purgeDate(deletedAt).getTime() - now.getTime()) / DAY));

export type RestoredUser = { displayName: string; signInName: string; reassignedLicences: string[]; notReassignedLicences: string[] };

export async function restoreUser(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; userId: string; newSignInName?: string | null },
): Promise<Result<RestoredUser>> {
  const now = deps.clock.now();
  const result = await deps.transaction(async (repos) => {
    const user = await repos.users.getById(command.tenantId, command.userId, { includeDeleted: true });
    if (!user) return fail('NOT_FOUND', 'User not found.');
    if (!user.deletedAt) return fail('CONFLICT', `${user.displayName} is not deleted.`);
    const allowed = authorize({ actor: command.actor, tenantId: command.tenantId, action: 'user.restore', target: user });
    if (!allowed.ok) return allowed;
    if (now.getTime() >= purgeDate(user.deletedAt).getTime()) {
      return fail('FORBIDDEN', `${user.displayName} was deleted more than 30 days ago and can no longer be restored.`, { rule: 'RESTORE_WINDOW_PASSED' });
    }

    const requested = command.newSignInName?.trim() || null;
    if (requested && !isValidSignInName(requested)) {
      return fail('VALIDATION', 'That sign-in name is not valid.', { fieldErrors: { newSignInName: ['Enter an address like name@example.com.'] } });
    }
    const signInName = requested ?? user.signInName;
    const takenError = () =>
      fail('CONFLICT', `${signInName} has been taken by another user since ${user.displayName} was deleted. Choose a new sign-in name to restore them.`, {
        rule: 'SIGN_IN_NAME_TAKEN',
        fieldErrors: { newSignInName: [`${signInName} is already taken.`] },
        details: { signInName, needsNewSignInName: true },
      });
    if (await repos.users.isSignInNameTaken(signInNameKey(signInName))) return takenError();

    const by = { id: command.actor.userId, name: command.actor.displayName };
    const restored = await repos.users.restore(command.tenantId, user.id, { by, now, signInName: requested ?? undefined });
    if (restored === 'SIGN_IN_NAME_TAKEN') return takenError();
    const licences = await repos.licences.reassignAfterRestore(command.tenantId, user.id, now);
    await repos.audit.append({
      tenantId: command.tenantId,
      occurredAt: now,
      actor: auditActor(command.actor),
      action: 'user.restore',
      target: targetOf(user),
      before: { deletedAt: user.deletedAt.toISOString(), ...(requested ? { signInName: user.signInName } : {}) },
      after: { deletedAt: null, ...(requested ? { signInName } : {}), reassignedLicences: licences.reassigned, notReassignedLicences: licences.notReassigned },
    });
    return ok({ displayName: user.displayName, signInName, reassignedLicences: licences.reassigned, notReassignedLicences: licences.notReassigned });
  });
  if (!result.ok && result.error.rule === 'SIGN_IN_NAME_TAKEN') {
    const user = await deps.transaction((repos) => repos.users.getById(command.tenantId, command.userId, { includeDeleted: true }));
    return withSuggestions(deps, result.error, { firstName: user?.firstName, lastName: user?.lastName });
  }
  return result;
}
