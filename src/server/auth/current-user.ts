// Who is signing this request: the session named by the cookie, checked against
// the database every time (domain.md §3: a blocked, deleted or reset user's
// session stops on its next request).
import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { sessionEnd, shouldTouch, type SessionEnd } from '@/domain/auth/session-policy';
import { isRoleId, type RoleId } from '@/domain/shared/permissions';
import type { Tenant } from '@/domain/tenants/tenant';
import { db } from '../db/client';
import { systemClock } from '../clock';
import { auth } from './auth';

export type CurrentUser = {
  sessionId: string;
  userId: string;
  tenantId: string;
  tenantName: string;
  tenantKind: 'customer' | 'partner';
  /** The home tenant, read with the session (pages in it need no second query). */
  tenant: Tenant;
  displayName: string;
  signInName: string;
  mustChangePassword: boolean;
  /** Set for the staff of a partner tenant. */
  partnerRole: PartnerRole | null;
  roles: RoleId[];
};

export type PartnerRole = 'adminAgent' | 'helpdeskAgent' | 'salesAgent';
const isPartnerRole = (value: string | null): value is PartnerRole => value === 'adminAgent' || value === 'helpdeskAgent' || value === 'salesAgent';

type SessionRow = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  sessionVersion: number;
  userId: string;
  tenantId: string;
  displayName: string;
  signInName: string;
  accountEnabled: boolean;
  deletedAt: Date | null;
  userSessionVersion: number;
  mustChangePassword: boolean;
  partnerRole: string | null;
  tenantName: string;
  tenantKind: string;
  tenantPrimaryDomain: string;
  tenantDomains: string[];
  roles: string[];
};

export type SessionState = { user: CurrentUser } | { user: null; ended: SessionEnd | null };

export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  const sessionId = (session as { sessionId?: string } | null)?.sessionId;
  if (!sessionId) return { user: null, ended: null };
  // One round trip: this runs on every request.
  const [row] = await db().$queryRaw<SessionRow[]>`
    SELECT s."id", s."createdAt", s."lastSeenAt", s."endedAt", s."endReason", s."sessionVersion",
           u."id" AS "userId", u."tenantId", u."displayName", u."signInName", u."accountEnabled", u."deletedAt",
           u."sessionVersion" AS "userSessionVersion", u."mustChangePassword", u."partnerRole"::text AS "partnerRole",
           t."name" AS "tenantName", t."kind"::text AS "tenantKind", t."primaryDomain" AS "tenantPrimaryDomain",
           coalesce((SELECT array_agg(d."name" ORDER BY d."name") FROM "TenantDomain" d WHERE d."tenantId" = t."id"), '{}') AS "tenantDomains",
           coalesce((SELECT array_agg(r."roleId") FROM "RoleAssignment" r WHERE r."tenantId" = u."tenantId" AND r."userId" = u."id"), '{}') AS "roles"
    FROM "UserSession" s
    LEFT JOIN "User" u ON u."tenantId" = s."tenantId" AND u."id" = s."userId"
    LEFT JOIN "Tenant" t ON t."id" = s."tenantId"
    WHERE s."id" = ${sessionId}::uuid`;
  if (!row) return { user: null, ended: 'SIGNED_OUT' };
  const now = systemClock.now();
  const user = row.userId ? { accountEnabled: row.accountEnabled, deletedAt: row.deletedAt, sessionVersion: row.userSessionVersion } : null;
  const ended = sessionEnd(row, user, now);
  if (ended) {
    if (!row.endedAt) {
      await db().userSession.updateMany({ where: { id: row.id, endedAt: null }, data: { endedAt: now, endReason: ended } });
    }
    return { user: null, ended };
  }
  if (shouldTouch(row, now)) {
    await db().userSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  }
  return {
    user: {
      sessionId: row.id,
      userId: row.userId,
      tenantId: row.tenantId,
      tenantName: row.tenantName,
      tenantKind: row.tenantKind === 'partner' ? 'partner' : 'customer',
      tenant: {
        id: row.tenantId,
        name: row.tenantName,
        kind: row.tenantKind === 'partner' ? 'partner' : 'customer',
        primaryDomain: row.tenantPrimaryDomain,
        domains: row.tenantDomains,
      },
      displayName: row.displayName,
      signInName: row.signInName,
      mustChangePassword: row.mustChangePassword,
      partnerRole: isPartnerRole(row.partnerRole) ? row.partnerRole : null,
      roles: row.roles.filter(isRoleId),
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
