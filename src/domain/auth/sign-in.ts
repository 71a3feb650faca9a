// Sign-in (domain.md §3): one message for every refusal, in similar time, with smart lockout.
import type { AuditLog } from '../audit/audit-event';
import type { Clock } from '../shared/clock';
import { fail, ok, type Result } from '../shared/result';
import { signInNameKey, type UserKind } from '../users/user';
import { isLockedOut, registerFailedSignIn, type LockoutState } from './lockout';
import type { PasswordHasher } from './password-hasher';

export const SIGN_IN_REFUSED = 'Sign-in name or password is incorrect.';

export type SignInCredentials = {
  userId: string;
  tenantId: string;
  displayName: string;
  kind: UserKind;
  passwordHash: string | null;
  accountEnabled: boolean;
  deletedAt: Date | null;
  mustChangePassword: boolean;
  sessionVersion: number;
  lockout: LockoutState;
};

export type SignInStore = {
  /** Live or deleted users with this sign-in name; sign-in names are unique portal-wide among live users. */
  findCredentials(signInNameKey: string): Promise<SignInCredentials | null>;
  /** Applies `change` to the stored lockout state under a row lock and returns the result. */
  updateLockout(user: { userId: string; tenantId: string }, change: (current: LockoutState) => LockoutState): Promise<LockoutState>;
  /** Clears failure counters, stamps the sign-in and opens a session. */
  openSession(user: { userId: string; tenantId: string; sessionVersion: number }, now: Date): Promise<{ sessionId: string }>;
};

export type SignInDeps = {
  clock: Clock;
  hasher: PasswordHasher;
  store: SignInStore;
  audit: AuditLog;
  /** A keyed, one-way fingerprint of a wrong password (to count a repeated one once). */
  fingerprint(userId: string, password: string): string;
};

export type SignedIn = { sessionId: string; userId: string; tenantId: string; mustChangePassword: boolean };

export async function signIn(deps: SignInDeps, input: { signInName: string; password: string }): Promise<Result<SignedIn>> {
  const now = deps.clock.now();
  const refused = () => fail('UNAUTHENTICATED', SIGN_IN_REFUSED);
  const user = await deps.store.findCredentials(signInNameKey(input.signInName));

  const cannotSignIn = !user || !user.passwordHash || user.deletedAt !== null || user.kind === 'stub' || user.kind === 'application';
  if (cannotSignIn) {
    await deps.hasher.verifyDummy(input.password);
    return refused();
  }
  const audit = (outcome: 'success' | 'failure', detail: string) =>
    deps.audit.append({
      tenantId: user.tenantId,
      occurredAt: now,
      actor: { userId: user.userId, displayName: user.displayName, homeTenantId: user.tenantId, onBehalfOf: null },
      action: 'user.signIn',
      target: { type: 'user', id: user.userId, name: user.displayName },
      outcome,
      detail,
    });

  if (isLockedOut(user.lockout, now)) {
    await deps.hasher.verifyDummy(input.password);
    await audit('failure', 'Account locked after repeated failed sign-ins.');
    return refused();
  }
  const matches = await deps.hasher.verify(input.password, user.passwordHash ?? '');
  if (!matches) {
    const fingerprint = deps.fingerprint(user.userId, input.password);
    const after = await deps.store.updateLockout(user, (current) =>
      isLockedOut(current, now) ? current : registerFailedSignIn(current, fingerprint, now),
    );
    await audit('failure', isLockedOut(after, now) ? 'Wrong password; account locked.' : 'Wrong password.');
    return refused();
  }
  if (!user.accountEnabled) {
    await audit('failure', 'Sign-in is blocked for this account.');
    return refused();
  }
  const { sessionId } = await deps.store.openSession(user, now);
  await audit('success', user.mustChangePassword ? 'Signed in with a temporary password.' : 'Signed in.');
  return ok({ sessionId, userId: user.userId, tenantId: user.tenantId, mustChangePassword: user.mustChangePassword });
}
