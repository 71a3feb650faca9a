// Who is signing this request: the session named by the cookie, checked against
// the database every time (domain.md §3: a blocked, deleted or reset user's
// session stops on its next request).
import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { sessionEnd, shouldTouch, type SessionEnd } from '@/domain/auth/session-policy';
import { isRoleId, type RoleId } from '@/domain/shared/permissions';
import { db } from '../db/client';
import { systemClock } from '../clock';
import { auth } from './auth';

export type CurrentUser = {
  sessionId: string;
  userId: string;
  tenantId: string;
  tenantName: string;
  tenantKind: 'customer' | 'partner';
  displayName: string;
  signInName: string;
  mustChangePassword: boolean;
  roles: RoleId[];
};

export type SessionState = { user: CurrentUser } | { user: null; ended: SessionEnd | null };

export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  const sessionId = (session as { sessionId?: string } | null)?.sessionId;
  if (!sessionId) return { user: null, ended: null };
  const row = await db().userSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      endReason: true,
      sessionVersion: true,
      user: {
        select: {
          id: true,
          tenantId: true,
          displayName: true,
          signInName: true,
          accountEnabled: true,
          deletedAt: true,
          sessionVersion: true,
          mustChangePassword: true,
          tenant: { select: { name: true, kind: true } },
          roleAssignments: { select: { roleId: true } },
        },
      },
    },
  });
  if (!row) return { user: null, ended: 'SIGNED_OUT' };
  const now = systemClock.now();
  const ended = sessionEnd(row, row.user, now);
  if (ended) {
    if (!row.endedAt) {
      await db().userSession.updateMany({ where: { id: row.id, endedAt: null }, data: { endedAt: now, endReason: ended } });
    }
    return { user: null, ended };
  }
  if (shouldTouch(row, now)) {
    await db().userSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  }
  const u = row.user;
  return {
    user: {
      sessionId: row.id,
      userId: u.id,
      tenantId: u.tenantId,
      tenantName: u.tenant.name,
      tenantKind: u.tenant.kind,
      displayName: u.displayName,
      signInName: u.signInName,
      mustChangePassword: u.mustChangePassword,
      roles: u.roleAssignments.map((a) => a.roleId).filter(isRoleId),
    },
  };
});

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await getSessionState()).user;
}

/** For pages: a signed-in user who has set their own password, or a redirect. */
export async function requireUser(options: { allowTemporaryPassword?: boolean } = {}): Promise<CurrentUser> {
  const state = await getSessionState();
  if (!state.user) redirect(state.ended ? `/login?ended=${state.ended}` : '/login');
  if (state.user.mustChangePassword && !options.allowTemporaryPassword) redirect('/change-password');
  return state.user;
}
