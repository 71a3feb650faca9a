// Look-ups for bulk jobs over Prisma: by sign-in name, product name and group name,
// for one row inside its transaction (ImportLookups) and for a whole file at once
// (the preview), in chunks so that 50,000 names never make one giant statement.
import { groupNameKey } from '@/domain/groups/group';
import type { TargetCandidate } from '@/domain/imports/bulk-targets';
import type { ImportLookups } from '@/domain/imports/import-user-row';
import type { ExistingUser, GroupRefWithOwners } from '@/domain/imports/import-rows';
import { isUuid } from '@/domain/shared/ids';
import { isRoleId } from '@/domain/shared/permissions';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';

const CHUNK = 5_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const lowerDistinct = (names: readonly string[]) => [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];

export function prismaImportLookups(db: DbClient): ImportLookups {
  return {
    async liveUserBySignInName(key) {
      return db.user.findFirst({ where: { signInNameKey: key, deletedAt: null }, select: { id: true, tenantId: true } });
    },

    async subscriptionsByName(tenantId, names) {
      const keys = lowerDistinct(names);
      if (!keys.length || !isUuid(tenantId)) return new Map();
      const rows = await db.$queryRaw<{ id: string; productName: string }[]>`
        SELECT "id"::text AS "id", "productName" FROM "Subscription"
        WHERE "tenantId" = ${tenantId}::uuid AND lower("productName") = ANY(${keys}::text[])`;
      return new Map(rows.map((r) => [r.productName.toLowerCase(), r]));
    },

    async groupsByName(tenantId, names) {
      const keys = [...new Set(names.map(groupNameKey).filter(Boolean))];
      if (!keys.length) return new Map();
      const rows = await db.securityGroup.findMany({ where: { tenantId, nameKey: { in: keys } }, select: { id: true, name: true, nameKey: true } });
      return new Map(rows.map((r) => [r.nameKey, { id: r.id, name: r.name }]));
    },
  };
}

type UserSqlRow = {
  id: string;
  tenantId: string;
  signInName: string;
  signInNameKey: string;
  displayName: string;
  accountEnabled: boolean;
  usageLocation: string | null;
  deletedAt: Date | null;
  roles: string[];
};

const USER_COLUMNS = Prisma.sql`
  u."id"::text AS "id", u."tenantId"::text AS "tenantId", u."signInName", u."signInNameKey", u."displayName", u."accountEnabled",
  nullif(trim(u."usageLocation"), '') AS "usageLocation", u."deletedAt",
  coalesce((SELECT array_agg(r."roleId" ORDER BY r."roleId") FROM "RoleAssignment" r WHERE r."tenantId" = u."tenantId" AND r."userId" = u."id"), '{}') AS "roles"`;

/** Live users holding these (lower-cased) sign-in names, anywhere in the portal, by name. */
export async function liveUsersBySignInName(db: DbClient, keys: readonly string[]): Promise<Map<string, ExistingUser>> {
  const found = new Map<string, ExistingUser>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db.$queryRaw<UserSqlRow[]>(Prisma.sql`
      SELECT ${USER_COLUMNS} FROM "User" u WHERE u."signInNameKey" = ANY(${part}::text[]) AND u."deletedAt" IS NULL`);
    for (const r of rows) {
      found.set(r.signInNameKey, { id: r.id, tenantId: r.tenantId, displayName: r.displayName, roles: r.roles.filter(isRoleId), accountEnabled: r.accountEnabled, usageLocation: r.usageLocation });
    }
  }
  return found;
}

/** The tenant's users with these sign-in names: the live one and the most recently deleted one, by name. */
export async function tenantUsersBySignInName(db: DbClient, tenantId: string, keys: readonly string[]): Promise<Map<string, { live?: TargetCandidate; deleted?: TargetCandidate }>> {
  const found = new Map<string, { live?: TargetCandidate; deleted?: TargetCandidate }>();
  if (!isUuid(tenantId)) return found;
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db.$queryRaw<UserSqlRow[]>(Prisma.sql`
      SELECT ${USER_COLUMNS} FROM "User" u WHERE u."tenantId" = ${tenantId}::uuid AND u."signInNameKey" = ANY(${part}::text[])`);
    for (const r of rows) {
      const candidate: TargetCandidate = {
        id: r.id,
        tenantId: r.tenantId,
        displayName: r.displayName,
        signInName: r.signInName,
        roles: r.roles.filter(isRoleId),
        accountEnabled: r.accountEnabled,
        deletedAt: r.deletedAt,
      };
      const entry = found.get(r.signInNameKey) ?? {};
      if (!r.deletedAt) entry.live = candidate;
      else if (!entry.deleted?.deletedAt || entry.deleted.deletedAt < r.deletedAt) entry.deleted = candidate;
      found.set(r.signInNameKey, entry);
    }
  }
  return found;
}

/** Of these (lower-cased) sign-in names, the ones a live user holds anywhere in the portal. */
export async function takenSignInNames(db: DbClient, keys: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db.user.findMany({ where: { signInNameKey: { in: part }, deletedAt: null }, select: { signInNameKey: true } });
    for (const r of rows) taken.add(r.signInNameKey);
  }
  return taken;
}

/** The tenant's groups with these names, with their owners, by lower-cased name. */
export async function groupsByName(db: DbClient, tenantId: string, names: readonly string[]): Promise<Map<string, GroupRefWithOwners>> {
  const keys = [...new Set(names.map(groupNameKey).filter(Boolean))];
  const found = new Map<string, GroupRefWithOwners>();
  for (const part of chunks(keys)) {
    const rows = await db.securityGroup.findMany({
      where: { tenantId, nameKey: { in: part } },
      select: { id: true, tenantId: true, name: true, nameKey: true, owners: { select: { userId: true } } },
    });
    for (const r of rows) found.set(r.nameKey, { id: r.id, tenantId: r.tenantId, name: r.name, ownerIds: r.owners.map((o) => o.userId) });
  }
  return found;
}

/** Active licences (subscription ids) of these users of the tenant, by user id. */
export async function licenceHoldings(db: DbClient, tenantId: string, userIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const holdings = new Map<string, Set<string>>();
  for (const part of chunks([...new Set(userIds)])) {
    const rows = await db.licenceAssignment.findMany({ where: { tenantId, userId: { in: part }, suspendedAt: null }, select: { userId: true, subscriptionId: true } });
    for (const r of rows) {
      const held = holdings.get(r.userId) ?? new Set<string>();
      held.add(r.subscriptionId);
      holdings.set(r.userId, held);
    }
  }
  return holdings;
}

/** Enabled, live Global Administrators of the tenant (no lock: for a preview). */
export function countActiveGlobalAdmins(db: DbClient, tenantId: string): Promise<number> {
  return db.user.count({ where: { tenantId, deletedAt: null, accountEnabled: true, roleAssignments: { some: { roleId: 'globalAdministrator' } } } });
}
