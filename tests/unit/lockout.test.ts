// Smart lockout: 10 counted failures lock for 60 s, each further one twice as
// long (capped); a repeated wrong password counts once; time is passed in.
import { describe, expect, it } from 'vitest';
import {
  clearedLockout,
  isLockedOut,
  lockoutDuration,
  registerFailedSignIn,
  type LockoutState,
} from '@/domain/auth/lockout';
import { HOUR, MINUTE, SECOND } from '@/domain/shared/clock';

const T0 = new Date('2025-03-01T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Registers failures with distinct fingerprints, one second apart, starting at `start`. */
function failDistinct(state: LockoutState, count: number, start: Date, prefix = 'fp') {
  let current = state;
  let now = start;
  for (let i = 0; i < count; i++) {
    now = new Date(start.getTime() + i * SECOND);
    const { counted: _counted, ...next } = registerFailedSignIn(current, `${prefix}-${i}`, now);
    current = next;
  }
  return { state: current, lastAt: now };
}

describe('lockoutDuration', () => {
  it.each<[number, number]>([
    [0, 0],
    [1, 0],
    [9, 0],
    [10, 60 * SECOND],
    [11, 120 * SECOND],
    [12, 240 * SECOND],
    [15, 32 * MINUTE],
    [16, HOUR],
    [17, HOUR],
    [100, HOUR],
  ])('%i failures → %i ms', (failures, duration) => {
    expect(lockoutDuration(failures)).toBe(duration);
  });
});

describe('registerFailedSignIn', () => {
  it('does not lock after 9 failures', () => {
    const { state, lastAt } = failDistinct(clearedLockout(), 9, T0);
    expect(state.failedSignInCount).toBe(9);
    expect(state.lockedUntil).toBeNull();
    expect(isLockedOut(state, lastAt)).toBe(false);
  });

  it('locks for 60 s at the 10th failure', () => {
    const { state: nine } = failDistinct(clearedLockout(), 9, T0);
    const tenthAt = at(MINUTE);
    const tenth = registerFailedSignIn(nine, 'fp-tenth', tenthAt);
    expect(tenth.counted).toBe(true);
    expect(tenth.failedSignInCount).toBe(10);
    expect(tenth.lockedUntil).toEqual(new Date(tenthAt.getTime() + 60 * SECOND));
    expect(isLockedOut(tenth, tenthAt)).toBe(true);
  });

  it('locks for 120 s at the 11th failure, once the first lock has passed, then longer still', () => {
    const { state: ten, lastAt } = failDistinct(clearedLockout(), 10, T0);
    const afterFirstLock = new Date(lastAt.getTime() + 60 * SECOND);
    expect(isLockedOut(ten, afterFirstLock)).toBe(false);

    const eleventh = registerFailedSignIn(ten, 'fp-eleventh', afterFirstLock);
    expect(eleventh.failedSignInCount).toBe(11);
    expect(eleventh.lockedUntil).toEqual(new Date(afterFirstLock.getTime() + 120 * SECOND));

    const twelfthAt = new Date(afterFirstLock.getTime() + 120 * SECOND);
    const twelfth = registerFailedSignIn(eleventh, 'fp-twelfth', twelfthAt);
    expect(twelfth.lockedUntil).toEqual(new Date(twelfthAt.getTime() + 240 * SECOND));
  });

  it('caps the lock at one hour', () => {
    const many: LockoutState = { failedSignInCount: 40, lockedUntil: at(-HOUR), recentFailedPasswords: [] };
    const next = registerFailedSignIn(many, 'fp-x', T0);
    expect(next.lockedUntil).toEqual(at(HOUR));
  });

  it('counts the same wrong password once', () => {
    const once = registerFailedSignIn(clearedLockout(), 'fp-same', T0);
    const twice = registerFailedSignIn(once, 'fp-same', at(SECOND));
    expect(once.counted).toBe(true);
    expect(twice.counted).toBe(false);
    expect(twice.failedSignInCount).toBe(1);
    expect(twice.recentFailedPasswords).toEqual(['fp-same']);
  });

  it('does not lock someone who types the same wrong password 50 times', () => {
    let state: LockoutState = clearedLockout();
    for (let i = 0; i < 50; i++) state = registerFailedSignIn(state, 'fp-typo', at(i * SECOND));
    expect(state.failedSignInCount).toBe(1);
    expect(state.lockedUntil).toBeNull();
  });

  it('remembers only the last 3 wrong passwords', () => {
    const { state } = failDistinct(clearedLockout(), 4, T0); // fp-0 … fp-3
    expect(state.recentFailedPasswords).toEqual(['fp-3', 'fp-2', 'fp-1']);
    // fp-1 is still remembered: not counted again.
    const repeatRemembered = registerFailedSignIn(state, 'fp-1', at(MINUTE));
    expect(repeatRemembered).toMatchObject({ counted: false, failedSignInCount: 4 });
    // fp-0 has been forgotten: it counts again.
    const repeatForgotten = registerFailedSignIn(state, 'fp-0', at(MINUTE));
    expect(repeatForgotten).toMatchObject({ counted: true, failedSignInCount: 5 });
    expect(repeatForgotten.recentFailedPasswords).toEqual(['fp-0', 'fp-3', 'fp-2']);
  });

  it('does not change the state it was given', () => {
    const state = clearedLockout();
    registerFailedSignIn(state, 'fp', T0);
    expect(state).toEqual(clearedLockout());
  });
});

describe('isLockedOut', () => {
  const locked: LockoutState = { failedSignInCount: 10, lockedUntil: at(60 * SECOND), recentFailedPasswords: [] };

  it.each<[string, number, boolean]>([
    ['when the lock starts', 0, true],
    ['1 ms before it ends', 60 * SECOND - 1, true],
    ['the moment it ends', 60 * SECOND, false],
    ['after it ends', 61 * SECOND, false],
  ])('%s → %s', (_label, offset, expected) => {
    expect(isLockedOut(locked, at(offset))).toBe(expected);
  });

  it('is never locked without a lockedUntil', () => {
    expect(isLockedOut(clearedLockout(), T0)).toBe(false);
  });
});

describe('clearedLockout', () => {
  it('starts from nothing', () => {
    expect(clearedLockout()).toEqual({ failedSignInCount: 0, lockedUntil: null, recentFailedPasswords: [] });
  });

  it('gives a fresh start: 9 failures, a clear (a successful sign-in), 9 more do not lock', () => {
    const { state: nine } = failDistinct(clearedLockout(), 9, T0, 'before');
    expect(nine.failedSignInCount).toBe(9);
    const cleared = { ...nine, ...clearedLockout() };
    const { state: nineMore } = failDistinct(cleared, 9, at(MINUTE), 'after');
    expect(nineMore.failedSignInCount).toBe(9);
    expect(nineMore.lockedUntil).toBeNull();
  });
});
