import type { LicenceLifecycleRepository } from '@/domain/licences/licence-repository';
import type { DbClient } from '../db/client';

export function prismaLicenceLifecycleRepository(db: DbClient): LicenceLifecycleRepository {
  return {
    async releaseForDeletedUser(tenantId, userId, now) {
      const rows = await db.$queryRaw<{ productName: string }[]>`
        UPDATE "LicenceAssignment" a SET "suspendedAt" = ${now}
        FROM "Subscription" s
        WHERE a."tenantId" = ${tenantId}::uuid AND a."userId" = ${userId}::uuid AND a."suspendedAt" IS NULL
          AND s."tenantId" = a."tenantId" AND s."id" = a."subscriptionId"
        RETURNING s."productName"`;
      return rows.map((r) => r.productName).sort();
    },

    async reassignAfterRestore(tenantId, userId) {
      const suspended = await db.licenceAssignment.findMany({
        where: { tenantId, userId, suspendedAt: { not: null } },
        select: { subscriptionId: true, subscription: { select: { productName: true } } },
        orderBy: { subscription: { productName: 'asc' } },
      });
      const reassigned: string[] = [];
      const notReassigned: string[] = [];
      for (const a of suspended) {
        // The same lock as every assignment takes: the seat count cannot be overshot.
        const [sub] = await db.$queryRaw<{ seats: number }[]>`
          SELECT "seats" FROM "Subscription" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${a.subscriptionId}::uuid FOR UPDATE`;
        const consumed = await db.licenceAssignment.count({ where: { subscriptionId: a.subscriptionId, suspendedAt: null } });
        if (sub && consumed < sub.seats) {
          await db.licenceAssignment.update({ where: { subscriptionId_userId: { subscriptionId: a.subscriptionId, userId } }, data: { suspendedAt: null } });
          reassigned.push(a.subscription.productName);
        } else {
          await db.licenceAssignment.delete({ where: { subscriptionId_userId: { subscriptionId: a.subscriptionId, userId } } });
          notReassigned.push(a.subscription.productName);
        }
      }
      return { reassigned, notReassigned };
    },
  };
}
