import 'server-only';
import { db } from '../db/client';

export type TenantOverview = { users: number; blocked: number; deleted: number; admins: number; globalAdmins: number };

/** The overview's counts, in one round trip. */
export async function getTenantOverview(tenantId: string): Promise<TenantOverview> {
  const [row] = await db().$queryRaw<{ users: bigint; blocked: bigint; deleted: bigint; admins: bigint; globalAdmins: bigint }[]>`
    SELECT
      count(*) FILTER (WHERE u."deletedAt" IS NULL) AS users,
      count(*) FILTER (WHERE u."deletedAt" IS NULL AND NOT u."accountEnabled") AS blocked,
      count(*) FILTER (WHERE u."deletedAt" IS NOT NULL) AS deleted,
      count(*) FILTER (WHERE u."deletedAt" IS NULL AND EXISTS (
        SELECT 1 FROM "RoleAssignment" r WHERE r."tenantId" = u."tenantId" AND r."userId" = u."id")) AS admins,
      count(*) FILTER (WHERE u."deletedAt" IS NULL AND EXISTS (
        SELECT 1 FROM "RoleAssignment" r WHERE r."tenantId" = u."tenantId" AND r."userId" = u."id" AND r."roleId" = 'globalAdministrator')) AS "globalAdmins"
    FROM "User" u
    WHERE u."tenantId" = ${tenantId}::uuid`;
  return {
    users: Number(row?.users ?? 0),
    blocked: Number(row?.blocked ?? 0),
    deleted: Number(row?.deleted ?? 0),
    admins: Number(row?.admins ?? 0),
    globalAdmins: Number(row?.globalAdmins ?? 0),
  };
}
