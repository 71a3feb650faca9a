import 'server-only';
import { ROLE_IDS, type RoleId } from '@/domain/shared/permissions';
import { Prisma } from '@/generated/prisma/client';
import { db } from '../db/client';
import { escapeLike } from './keyset';

/** Live holders per role in one query. */
export async function countRoleHolders(tenantId: string): Promise<Record<RoleId, number>> {
  const rows = await db().$queryRaw<{ roleId: string; holders: bigint }[]>`
    SELECT r."roleId", count(*) AS holders FROM "RoleAssignment" r
    JOIN "User" u ON u."tenantId" = r."tenantId" AND u."id" = r."userId" AND u."deletedAt" IS NULL
    WHERE r."tenantId" = ${tenantId}::uuid GROUP BY r."roleId"`;
  const counts = Object.fromEntries(ROLE_IDS.map((r) => [r, 0])) as Record<RoleId, number>;
  for (const row of rows) if (row.roleId in counts) counts[row.roleId as RoleId] = Number(row.holders);
  return counts;
}

export type RoleHolder = { id: string; displayName: string; signInName: string; accountEnabled: boolean; assignedAt: Date };

/** Holders of a role, by display name, keyset-paged (`after` = last row's id). */
export async function listRoleHolders(tenantId: string, roleId: RoleId, options: { q?: string; after?: string; size?: number }) {
  const size = options.size ?? 50;
  const q = options.q?.trim().toLowerCase();
  const search = q ? Prisma.sql`AND (lower(u."displayName") LIKE ${`%${escapeLike(q)}%`} OR u."signInNameKey" LIKE ${`%${escapeLike(q)}%`})` : Prisma.empty;
  let cursor = Prisma.empty;
  if (options.after && /^[0-9a-f-]{36}$/i.test(options.after)) {
    cursor = Prisma.sql`AND (lower(u."displayName"), u."id") > (SELECT lower("displayName"), "id" FROM "User" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${options.after}::uuid)`;
  }
  const rows = await db().$queryRaw<RoleHolder[]>`
    SELECT u."id", u."displayName", u."signInName", u."accountEnabled", r."assignedAt"
    FROM "RoleAssignment" r JOIN "User" u ON u."tenantId" = r."tenantId" AND u."id" = r."userId" AND u."deletedAt" IS NULL
    WHERE r."tenantId" = ${tenantId}::uuid AND r."roleId" = ${roleId} ${search} ${cursor}
    ORDER BY lower(u."displayName"), u."id" LIMIT ${size + 1}`;
  const [{ total }] = (await db().$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS total FROM "RoleAssignment" r JOIN "User" u ON u."tenantId" = r."tenantId" AND u."id" = r."userId" AND u."deletedAt" IS NULL
    WHERE r."tenantId" = ${tenantId}::uuid AND r."roleId" = ${roleId} ${search}`) as [{ total: bigint }];
  const page = rows.slice(0, size);
  return { rows: page, total: Number(total), nextCursor: rows.length > size ? (page.at(-1)?.id ?? null) : null };
}

/** For pickers: live users matching a search, at most `limit`. */
export async function searchUsers(tenantId: string, q: string, limit = 20) {
  const text = q.trim().toLowerCase();
  if (!text) return [];
  const like = `%${escapeLike(text)}%`;
  return db().$queryRaw<{ id: string; displayName: string; signInName: string }[]>`
    SELECT "id", "displayName", "signInName" FROM "User"
    WHERE "tenantId" = ${tenantId}::uuid AND "deletedAt" IS NULL
      AND (lower("displayName") || ' ' || "signInNameKey" || ' ' || coalesce(lower("alternateEmail"), '')) LIKE ${like}
    ORDER BY lower("displayName"), "id" LIMIT ${limit}`;
}
