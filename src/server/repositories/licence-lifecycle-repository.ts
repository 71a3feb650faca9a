// Subscriptions and licence assignments over Prisma (the LicenceLifecycleRepository
// port). Seat checks are race-free because every path that takes a seat locks the
// Subscription row first (SELECT … FOR UPDATE) and counts after the lock: under READ
// COMMITTED each statement sees the rows committed before it, so the count taken
// after the lock includes every assignment made under it before.
import type { LicenceLifecycleRepository } from '@/domain/licences/licence-repository';
import type { SubscriptionWithUsage } from '@/domain/licences/subscription';
import { isUuid } from '@/domain/shared/ids';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';

type SubscriptionRow = SubscriptionWithUsage;

const SUBSCRIPTION_COLUMNS = Prisma.sql`s."id"::text AS "id", s."tenantId"::text AS "tenantId", s."productName", s."seats", s."grantsDataverse", s."freeDataversePlan", s."tenantMarketing"`;
/** Seats held: active assignments (a deleted user's are suspended and hold none). */
const CONSUMED = Prisma.sql`(SELECT count(*)::int FROM "LicenceAssignment" a WHERE a."subscriptionId" = s."id" AND a."suspendedAt" IS NULL)`;

export function prismaLicenceLifecycleRepository(db: DbClient): LicenceLifecycleRepository {
  const consumedOf = (subscriptionId: string) => db.licenceAssignment.count({ where: { subscriptionId, suspendedAt: null } });

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

    async listSubscriptions(tenantId) {
      if (!isUuid(tenantId)) return [];
      return db.$queryRaw<SubscriptionRow[]>(Prisma.sql`
        SELECT ${SUBSCRIPTION_COLUMNS}, ${CONSUMED} AS "consumed"
        FROM "Subscription" s WHERE s."tenantId" = ${tenantId}::uuid
        ORDER BY s."productName", s."id"`);
    },

    async getSubscription(tenantId, subscriptionId) {
      if (!isUuid(tenantId) || !isUuid(subscriptionId)) return null;
      const [row] = await db.$queryRaw<SubscriptionRow[]>(Prisma.sql`
        SELECT ${SUBSCRIPTION_COLUMNS}, ${CONSUMED} AS "consumed"
        FROM "Subscription" s WHERE s."tenantId" = ${tenantId}::uuid AND s."id" = ${subscriptionId}::uuid`);
      return row ?? null;
    },

    async lockSubscription(tenantId, subscriptionId) {
      if (!isUuid(tenantId) || !isUuid(subscriptionId)) return null;
      // The lock first, the count in a statement of its own after it (see the file's head).
      const [row] = await db.$queryRaw<Omit<SubscriptionRow, 'consumed'>[]>(Prisma.sql`
        SELECT ${SUBSCRIPTION_COLUMNS}
        FROM "Subscription" s WHERE s."tenantId" = ${tenantId}::uuid AND s."id" = ${subscriptionId}::uuid
        FOR UPDATE`);
      if (!row) return null;
      return { ...row, consumed: await consumedOf(row.id) };
    },

    async lockHolder(tenantId, userId) {
      if (!isUuid(tenantId) || !isUuid(userId)) return false;
      // FOR SHARE conflicts with the UPDATE of a delete: a delete waits for this
      // transaction (and then suspends what it assigned), or this one waits for the
      // delete and finds the user gone.
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT "id"::text AS "id" FROM "User" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${userId}::uuid AND "deletedAt" IS NULL FOR SHARE`;
      return rows.length === 1;
    },

    async assignmentsOf(tenantId, userId) {
      if (!isUuid(tenantId) || !isUuid(userId)) return [];
      const rows = await db.licenceAssignment.findMany({
        where: { tenantId, userId, suspendedAt: null },
        select: { subscriptionId: true, assignedAt: true, subscription: { select: { productName: true } } },
        orderBy: { subscription: { productName: 'asc' } },
      });
      return rows.map((r) => ({ subscriptionId: r.subscriptionId, productName: r.subscription.productName, assignedAt: r.assignedAt }));
    },

    async holdersAmong(tenantId, subscriptionId, userIds) {
      const ids = userIds.filter(isUuid);
      if (!isUuid(tenantId) || !isUuid(subscriptionId) || !ids.length) return new Set();
      const rows = await db.licenceAssignment.findMany({
        where: { tenantId, subscriptionId, suspendedAt: null, userId: { in: ids } },
        select: { userId: true },
      });
      return new Set(rows.map((r) => r.userId));
    },

    async assign(tenantId, subscriptionId, userId, { by, now }) {
      const rows = await db.$queryRaw<{ userId: string }[]>`
        INSERT INTO "LicenceAssignment" ("tenantId", "subscriptionId", "userId", "assignedAt", "assignedById", "suspendedAt")
        VALUES (${tenantId}::uuid, ${subscriptionId}::uuid, ${userId}::uuid, ${now}, ${by.id && isUuid(by.id) ? by.id : null}::uuid, NULL)
        ON CONFLICT ("subscriptionId", "userId") DO NOTHING
        RETURNING "userId"::text AS "userId"`;
      return rows.length === 1 ? 'ASSIGNED' : 'ALREADY_ASSIGNED';
    },

    async remove(tenantId, subscriptionId, userId) {
      if (!isUuid(tenantId) || !isUuid(subscriptionId) || !isUuid(userId)) return false;
      const { count } = await db.licenceAssignment.deleteMany({ where: { tenantId, subscriptionId, userId, suspendedAt: null } });
      return count > 0;
    },

    async setSeats(tenantId, subscriptionId, seats, now) {
      await db.subscription.updateMany({ where: { tenantId, id: subscriptionId }, data: { seats, updatedAt: now } });
    },
  };
}
