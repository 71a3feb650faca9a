// When a signed-in session stops working (checked on every request, against the database).
import { HOUR, MINUTE } from '../shared/clock';

export const SESSION_MAX_AGE_MS = 8 * HOUR;
export const SESSION_IDLE_MS = 60 * MINUTE;
/** lastSeenAt is written at most this often: every request need not be a write. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE;

export type SessionRecord = { createdAt: Date; lastSeenAt: Date; endedAt: Date | null; endReason?: string | null; sessionVersion: number };
export type SessionUser = { accountEnabled: boolean; deletedAt: Date | null; sessionVersion: number };

export type SessionEnd = 'SIGNED_OUT' | 'EXPIRED' | 'IDLE' | 'BLOCKED' | 'DELETED' | 'CREDENTIALS_CHANGED';

const SESSION_ENDS: readonly string[] = ['SIGNED_OUT', 'EXPIRED', 'IDLE', 'BLOCKED', 'DELETED', 'CREDENTIALS_CHANGED'];
const isSessionEnd = (value: string | null | undefined): value is SessionEnd => value !== null && value !== undefined && SESSION_ENDS.includes(value);

export function sessionEnd(session: SessionRecord, user: SessionUser | null, now: Date): SessionEnd | null {
  if (session.endedAt) return isSessionEnd(session.endReason) ? session.endReason : 'SIGNED_OUT';
  if (!user || user.deletedAt) return 'DELETED';
  if (!user.accountEnabled) return 'BLOCKED';
  if (user.sessionVersion !== session.sessionVersion) return 'CREDENTIALS_CHANGED';
  if (now.getTime() - session.createdAt.getTime() >= SESSION_MAX_AGE_MS) return 'EXPIRED';
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) return 'IDLE';
  return null;
}

export const SESSION_END_MESSAGES: Record<SessionEnd, string> = {
  SIGNED_OUT: 'You have signed out.',
  EXPIRED: 'Your session has ended after 8 hours. Sign in again.',
  IDLE: 'Your session ended after 60 minutes without activity. Sign in again.',
  BLOCKED: 'Your session has ended. Sign in again.',
  DELETED: 'Your session has ended. Sign in again.',
  CREDENTIALS_CHANGED: 'Your session has ended because your password was changed or reset. Sign in again.',
};

export const shouldTouch = (session: SessionRecord, now: Date) =>
  now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
