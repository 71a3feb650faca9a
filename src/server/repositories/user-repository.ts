// Users in PostgreSQL. Every method filters by tenantId, except the sign-in-name
// checks: sign-in names are unique across the whole portal (domain.md §3).
import type { User } from '@/domain/users/user';
import { signInNameKey } from '@/domain/users/user';
import type { UserRepository } from '@/domain/users/user-repository';
import { isRoleId } from '@/domain/shared/permissions';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';

export const userSelect = {
  id: true,
  tenantId: true,
  kind: true,
  signInName: true,
  displayName: true,
  firstName: true,
  lastName: true,
  jobTitle: true,
  department: true,
  officeLocation: true,
  officePhone: true,
  mobilePhone: true,
  faxNumber: true,
  streetAddress: true,
  city: true,
  stateOrProvince: true,
  postalCode: true,
  countryOrRegion: true,
  usageLocation: true,
  alternateEmail: true,
  accountEnabled: true,
  mustChangePassword: true,
  sessionVersion: true,
  rowVersion: true,
  createdAt: true,
  updatedAt: true,
  updatedByName: true,
  deletedAt: true,
  deletedByName: true,
  roleAssignments: { select: { roleId: true } },
} satisfies Prisma.UserSelect;

export type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export function toUser(row: UserRow): User {
  const { roleAssignments, usageLocation, ...rest } = row;
  return {
    ...rest,
    usageLocation: usageLocation?.trim() || null,
    roles: roleAssignments.map((a) => a.roleId).filter(isRoleId),
  };
}

export const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

export function prismaUserRepository(db: DbClient): UserRepository {
  return {
    async getById(tenantId, userId, options = {}) {
      const row = await db.user.findFirst({
        where: { tenantId, id: userId, ...(options.includeDeleted ? {} : { deletedAt: null }) },
        select: userSelect,
      });
      return row ? toUser(row) : null;
    },

    async getPasswordHash(tenantId, userId) {
      const row = await db.user.findFirst({ where: { tenantId, id: userId }, select: { passwordHash: true } });
      return row?.passwordHash ?? null;
    },

    async countActiveGlobalAdmins(tenantId) {
      // Lock the tenant row first: two admins blocking the last two Global
      // Administrators at the same moment must not both succeed.
      await db.$queryRaw`SELECT 1 FROM "Tenant" WHERE "id" = ${tenantId}::uuid FOR UPDATE`;
      return db.user.count({
        where: { tenantId, deletedAt: null, accountEnabled: true, roleAssignments: { some: { roleId: 'globalAdministrator' } } },
      });
    },

    async isSignInNameTaken(key) {
      return (await db.user.count({ where: { signInNameKey: key, deletedAt: null } })) > 0;
    },

    async takenSignInNames(keys) {
      const rows = await db.user.findMany({ where: { signInNameKey: { in: keys }, deletedAt: null }, select: { signInNameKey: true } });
      return new Set(rows.map((r) => r.signInNameKey));
    },

    async create(tenantId, user, by, now) {
      const { roles, signInName, ...fields } = user;
      try {
        const created = await db.user.create({
          data: {
            ...fields,
            tenantId,
            signInName: signInName.trim(),
            signInNameKey: signInNameKey(signInName),
            createdAt: now,
            createdById: by.id,
            updatedAt: now,
            updatedById: by.id,
            updatedByName: by.name,
            roleAssignments: { create: roles.map((roleId) => ({ roleId, assignedAt: now, assignedById: by.id })) },
          },
          select: { id: true },
        });
        return created;
      } catch (error) {
        if (isUniqueViolation(error)) return 'SIGN_IN_NAME_TAKEN';
        throw error;
      }
    },

    async update(tenantId, userId, expectedRowVersion, changes, options) {
      const { signInName, ...rest } = changes;
      try {
        const result = await db.user.updateMany({
          where: { tenantId, id: userId, rowVersion: expectedRowVersion, deletedAt: null },
          data: {
            ...rest,
            ...(signInName !== undefined ? { signInName: signInName.trim(), signInNameKey: signInNameKey(signInName) } : {}),
            rowVersion: { increment: 1 },
            ...(options.endSessions ? { sessionVersion: { increment: 1 } } : {}),
            updatedAt: options.now,
            updatedById: options.by.id,
            updatedByName: options.by.name,
          },
        });
        return result.count === 1 ? 'UPDATED' : 'STALE';
      } catch (error) {
        if (isUniqueViolation(error)) return 'SIGN_IN_NAME_TAKEN';
        throw error;
      }
    },

    async softDelete(tenantId, userId, options) {
      await db.user.updateMany({
        where: { tenantId, id: userId, deletedAt: null },
        data: {
          deletedAt: options.now,
          deletedById: options.by.id,
          deletedByName: options.by.name,
          sessionVersion: { increment: 1 },
          rowVersion: { increment: 1 },
          updatedAt: options.now,
          updatedById: options.by.id,
          updatedByName: options.by.name,
        },
      });
    },

    async restore(tenantId, userId, options) {
      try {
        const result = await db.user.updateMany({
          where: { tenantId, id: userId, deletedAt: { not: null } },
          data: {
            deletedAt: null,
            deletedById: null,
            deletedByName: null,
            ...(options.signInName ? { signInName: options.signInName.trim(), signInNameKey: signInNameKey(options.signInName) } : {}),
            rowVersion: { increment: 1 },
            updatedAt: options.now,
            updatedById: options.by.id,
            updatedByName: options.by.name,
          },
        });
        return result.count === 1 ? 'RESTORED' : 'SIGN_IN_NAME_TAKEN';
      } catch (error) {
        if (isUniqueViolation(error)) return 'SIGN_IN_NAME_TAKEN';
        throw error;
      }
    },

    async purge(tenantId, userId) {
      const result = await db.user.deleteMany({ where: { tenantId, id: userId, deletedAt: { not: null } } });
      return result.count === 1;
    },

    async claimExpired(cutoff, limit) {
      return db.$queryRaw<{ id: string; tenantId: string; displayName: string; signInName: string; deletedAt: Date }[]>`
        SELECT "id", "tenantId", "displayName", "signInName", "deletedAt" FROM "User"
        WHERE "deletedAt" IS NOT NULL AND "deletedAt" <= ${cutoff}
        ORDER BY "deletedAt", "id"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
    },

    async purgeClaimed(userIds) {
      if (!userIds.length) return 0;
      const result = await db.user.deleteMany({ where: { id: { in: userIds }, deletedAt: { not: null } } });
      return result.count;
    },

    async setPassword(tenantId, userId, change) {
      const [row] = await db.$queryRaw<{ sessionVersion: number }[]>`
        UPDATE "User" SET
          "passwordHash" = ${change.passwordHash},
          "mustChangePassword" = ${change.mustChangePassword},
          "sessionVersion" = "sessionVersion" + 1,
          "rowVersion" = "rowVersion" + 1,
          "failedSignInCount" = 0, "lockedUntil" = NULL, "recentFailedPasswords" = '{}',
          "updatedAt" = ${change.now}, "updatedById" = ${change.by.id}::uuid, "updatedByName" = ${change.by.name}
        WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${userId}::uuid
        RETURNING "sessionVersion"`;
      if (!row) throw new Error('setPassword: user vanished inside its transaction');
      return row;
    },
  };
}
