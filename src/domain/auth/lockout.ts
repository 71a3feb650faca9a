// Smart lockout, after the anchor product: 10 counted failures lock the account
// for 60 s; every further counted failure locks it again, twice as long each
// time (capped). Repeating the same wrong password counts once. The state lives
// in the database so that every app instance sees the same counters.

export const LOCKOUT_THRESHOLD = 10;
export const FIRST_LOCKOUT_MS = 60_000;
export const MAX_LOCKOUT_MS = 60 * 60_000;
/** How many recent wrong passwords are remembered (as keyed fingerprints, never in plain text). */
export const REMEMBERED_FAILURES = 3;

export type LockoutState = {
  failedSignInCount: number;
  lockedUntil: Date | null;
  recentFailedPasswords: readonly string[];
};

export const isLockedOut = (state: LockoutState, now: Date) => state.lockedUntil !== null && state.lockedUntil > now;

export function lockoutDuration(failedCount: number): number {
  if (failedCount < LOCKOUT_THRESHOLD) return 0;
  return Math.min(FIRST_LOCKOUT_MS * 2 ** (failedCount - LOCKOUT_THRESHOLD), MAX_LOCKOUT_MS);
}

/** A wrong password was given (while not locked out). */
export function registerFailedSignIn(state: LockoutState, fingerprint: string, now: Date): LockoutState & { counted: boolean } {
  if (state.recentFailedPasswords.includes(fingerprint)) return { ...state, counted: false };
  const failedSignInCount = state.failedSignInCount + 1;
  const duration = lockoutDuration(failedSignInCount);
  return {
    failedSignInCount,
    lockedUntil: duration > 0 ? new Date(now.getTime() + duration) : state.lockedUntil,
    recentFailedPasswords: [fingerprint, ...state.recentFailedPasswords].slice(0, REMEMBERED_FAILURES),
    counted: true,
  };
}

export const clearedLockout = (): LockoutState => ({ failedSignInCount: 0, lockedUntil: null, recentFailedPasswords: [] });
