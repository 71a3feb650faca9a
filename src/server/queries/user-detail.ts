import 'server-only';
import { authorize, type Action, type Actor } from '@/domain/shared/permissions';
import type { User } from '@/domain/users/user';
import { db } from '../db/client';
import { prismaUserRepository } from '../repositories/user-repository';
import { listAuditEvents } from './audit-log';

export type UserDetail = {
  user: User;
  recentEvents: Awaited<ReturnType<typeof listAuditEvents>>['rows'];
  /** For each action on this user: null when allowed, else why not (shown beside the control). */
  denials: Record<'user.update' | 'user.resetPassword' | 'user.block' | 'user.delete' | 'role.assign', string | null>;
};

export async function getUserDetail(actor: Actor, tenantId: string, userId: string): Promise<UserDetail | null> {
  const users = prismaUserRepository(db());
  const user = await users.getById(tenantId, userId);
  if (!user) return null;
  const [events, globalAdmins] = await Promise.all([
    listAuditEvents(db(), tenantId, { targetId: userId }, undefined, 10),
    db().user.count({ where: { tenantId, deletedAt: null, accountEnabled: true, roleAssignments: { some: { roleId: 'globalAdministrator' } } } }),
  ]);
  const facts = { activeGlobalAdminCount: globalAdmins };
  const deny = (action: Action, withFacts = true) => {
    const result = authorize({ actor, tenantId, action, target: user, facts: withFacts ? facts : undefined });
    return result.ok ? null : result.error.message;
  };
  return {
    user,
    recentEvents: events.rows,
    denials: {
      'user.update': deny('user.update'),
      'user.resetPassword': deny('user.resetPassword'),
      // Unblocking gives an administrator back; only blocking counts the remaining ones.
      'user.block': deny('user.block', user.accountEnabled),
      'user.delete': deny('user.delete'),
      'role.assign': deny('role.assign'),
    },
  };
}
