import type { SignInStore } from '@/domain/auth/sign-in';
import type { Db } from '../db/client';

export function prismaSignInStore(db: Db): SignInStore {
  return {
    async findCredentials(key) {
      const row = await db.user.findFirst({
        where: { signInNameKey: key },
        // A live user wins over deleted ones that once had the name.
        orderBy: [{ deletedAt: { sort: 'desc', nulls: 'first' } }],
        select: {
          id: true,
          tenantId: true,
          displayName: true,
          kind: true,
          passwordHash: true,
          accountEnabled: true,
          deletedAt: true,
          mustChangePassword: true,
          sessionVersion: true,
          failedSignInCount: true,
          lockedUntil: true,
          recentFailedPasswords: true,
        },
      });
      if (!row) return null;
      const { id, failedSignInCount, lockedUntil, recentFailedPasswords, ...rest } = row;
      return { ...rest, userId: id, lockout: { failedSignInCount, lockedUntil, recentFailedPasswords } };
    },

    async updateLockout({ userId, tenantId }, change) {
      return db.$transaction(async (tx) => {
        const [current] = await tx.$queryRaw<{ failedSignInCount: number; lockedUntil: Date | null; recentFailedPasswords: string[] }[]>`
          SELECT "failedSignInCount", "lockedUntil", "recentFailedPasswords" FROM "User"
          WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${userId}::uuid FOR UPDATE`;
        if (!current) throw new Error('updateLockout: no such user');
        const next = change(current);
        await tx.user.update({
          where: { id: userId, tenantId },
          data: {
            failedSignInCount: next.failedSignInCount,
            lockedUntil: next.lockedUntil,
            recentFailedPasswords: [...next.recentFailedPasswords],
          },
        });
        return next;
      });
    },

    async openSession(user, now) {
      const [, session] = await db.$transaction([
        db.user.update({
          where: { id: user.userId, tenantId: user.tenantId },
          data: { failedSignInCount: 0, lockedUntil: null, recentFailedPasswords: [], lastSignInAt: now },
        }),
        db.userSession.create({
          data: { tenantId: user.tenantId, userId: user.userId, sessionVersion: user.sessionVersion, createdAt: now, lastSeenAt: now },
          select: { id: true },
        }),
      ]);
      return { sessionId: session.id };
    },
  };
}
