// When a signed-in session stops working: signed out, account gone or blocked,
// credentials changed, 8 hours after sign-in, 60 minutes idle.
import { describe, expect, it } from 'vitest';
import {
  SESSION_END_MESSAGES,
  sessionEnd,
  shouldTouch,
  type SessionEnd,
  type SessionRecord,
  type SessionUser,
} from '@/domain/auth/session-policy';
import { HOUR, MINUTE, SECOND } from '@/domain/shared/clock';

const SIGNED_IN = new Date('2025-03-01T08:00:00Z');
const at = (ms: number) => new Date(SIGNED_IN.getTime() + ms);

const session = (overrides: Partial<SessionRecord> = {}): SessionRecord => ({
  createdAt: SIGNED_IN,
  lastSeenAt: SIGNED_IN,
  endedAt: null,
  sessionVersion: 3,
  ...overrides,
});
const user = (overrides: Partial<SessionUser> = {}): SessionUser => ({
  accountEnabled: true,
  deletedAt: null,
  sessionVersion: 3,
  ...overrides,
});

describe('sessionEnd', () => {
  it.each<[string, SessionRecord, SessionUser | null, Date, SessionEnd | null]>([
    ['a fresh session', session(), user(), at(MINUTE), null],
    ['signed out', session({ endedAt: at(MINUTE) }), user(), at(2 * MINUTE), 'SIGNED_OUT'],
    ['user deleted', session(), user({ deletedAt: at(MINUTE) }), at(2 * MINUTE), 'DELETED'],
    ['user purged (no row)', session(), null, at(MINUTE), 'DELETED'],
    ['user blocked', session(), user({ accountEnabled: false }), at(MINUTE), 'BLOCKED'],
    ['password changed or reset elsewhere', session(), user({ sessionVersion: 4 }), at(MINUTE), 'CREDENTIALS_CHANGED'],
    // Absolute lifetime: 8 hours from sign-in, however active the user was.
    ['active, 1 ms before 8 h', session({ lastSeenAt: at(8 * HOUR - 10 * MINUTE) }), user(), at(8 * HOUR - 1), null],
    ['active, exactly 8 h', session({ lastSeenAt: at(8 * HOUR - 10 * MINUTE) }), user(), at(8 * HOUR), 'EXPIRED'],
    ['active, past 8 h', session({ lastSeenAt: at(8 * HOUR) }), user(), at(8 * HOUR + SECOND), 'EXPIRED'],
    // Idle: 60 minutes since the last request.
    ['idle 59:59', session({ lastSeenAt: at(HOUR) }), user(), at(2 * HOUR - SECOND), null],
    ['idle exactly 60 min', session({ lastSeenAt: at(HOUR) }), user(), at(2 * HOUR), 'IDLE'],
    ['idle 61 min', session({ lastSeenAt: at(HOUR) }), user(), at(2 * HOUR + MINUTE), 'IDLE'],
    ['never used again after sign-in, 60 min', session(), user(), at(HOUR), 'IDLE'],
  ])('%s → %s', (_label, s, u, now, expected) => {
    expect(sessionEnd(s, u, now)).toBe(expected);
  });

  it.each<[string, SessionRecord, SessionUser | null, SessionEnd]>([
    ['signed out beats everything', session({ endedAt: at(MINUTE) }), null, 'SIGNED_OUT'],
    ['deleted beats blocked', session(), user({ deletedAt: at(MINUTE), accountEnabled: false }), 'DELETED'],
    ['blocked beats a changed version', session(), user({ accountEnabled: false, sessionVersion: 9 }), 'BLOCKED'],
    ['a changed version beats the clock', session(), user({ sessionVersion: 9 }), 'CREDENTIALS_CHANGED'],
  ])('precedence: %s', (_label, s, u, expected) => {
    expect(sessionEnd(s, u, at(9 * HOUR))).toBe(expected);
  });

  it('has a message for every way a session ends', () => {
    expect(SESSION_END_MESSAGES.EXPIRED).toContain('8 hours');
    expect(SESSION_END_MESSAGES.IDLE).toContain('60 minutes');
    // A blocked or deleted user is told nothing more than that the session ended.
    expect(SESSION_END_MESSAGES.BLOCKED).toBe(SESSION_END_MESSAGES.DELETED);
  });
});

describe('shouldTouch', () => {
  it.each<[string, number, boolean]>([
    ['just seen', 0, false],
    ['59 s later', 59 * SECOND, false],
    ['1 min later', MINUTE, true],
    ['10 min later', 10 * MINUTE, true],
  ])('%s → %s', (_label, elapsed, expected) => {
    const s = session({ lastSeenAt: at(HOUR) });
    expect(shouldTouch(s, at(HOUR + elapsed))).toBe(expected);
  });
});
