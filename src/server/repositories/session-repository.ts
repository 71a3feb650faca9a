import type { SessionRepository } from '@/domain/auth/session-repository';
import type { DbClient } from '../db/client';

export function prismaSessionRepository(db: DbClient): SessionRepository {
  return {
    async endAllForUser(tenantId, userId, reason, now, keepSessionId) {
      const result = await db.userSession.updateMany({
        where: { tenantId, userId, endedAt: null, ...(keepSessionId ? { NOT: { id: keepSessionId } } : {}) },
        data: { endedAt: now, endReason: reason },
      });
      return result.count;
    },
    async adoptVersion(tenantId, sessionId, sessionVersion) {
      await db.userSession.updateMany({ where: { tenantId, id: sessionId }, data: { sessionVersion } });
    },
  };
}
