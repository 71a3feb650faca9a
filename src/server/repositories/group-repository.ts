// Security groups in PostgreSQL. Every method filters by tenantId; the join tables
// carry it too, with composite foreign keys, so no row links across tenants.
import { randomUUID } from 'node:crypto';
import { groupNameKey } from '@/domain/groups/group';
import type { GroupRepository, NestingEdge } from '@/domain/groups/group-repository';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';
import { isUniqueViolation } from './user-repository';

/** First key of the two-key advisory lock that serialises a tenant's nestings ("GRPN"). */
const NESTING_LOCK_NAMESPACE = 0x4752504e;

type EdgeRow = { parentId: string; parentName: string; childId: string; childName: string };
const toEdge = (row: EdgeRow): NestingEdge => ({ parent: { id: row.parentId, name: row.parentName }, child: { id: row.childId, name: row.childName } });

/** P2003, or the driver's foreign_key_violation (23503) when the adapter passes it through. */
const isForeignKeyViolation = (error: unknown) =>
  (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') || /23503|foreign key/i.test(error instanceof Error ? error.message : '');

const uuidList = (ids: readonly string[]) => Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));

export function prismaGroupRepository(db: DbClient): GroupRepository {
  return {
    async getById(tenantId, groupId) {
      const row = await db.securityGroup.findFirst({
        where: { tenantId, id: groupId },
        select: { id: true, tenantId: true, name: true, description: true, rowVersion: true, owners: { select: { userId: true } } },
      });
      if (!row) return null;
      const { owners, ...group } = row;
      return { ...group, ownerIds: owners.map((o) => o.userId) };
    },

    async isNameTaken(tenantId, nameKey, exceptGroupId) {
      const found = await db.securityGroup.findFirst({
        where: { tenantId, nameKey, ...(exceptGroupId ? { NOT: { id: exceptGroupId } } : {}) },
        select: { id: true },
      });
      return found !== null;
    },

    async create(tenantId, group, _by, now) {
      // ON CONFLICT rather than catching the violation: the transaction stays usable.
      const rows = await db.$queryRaw<{ id: string }[]>`
        INSERT INTO "SecurityGroup" ("id", "tenantId", "name", "nameKey", "description", "createdAt", "updatedAt", "rowVersion")
        VALUES (${randomUUID()}::uuid, ${tenantId}::uuid, ${group.name}, ${groupNameKey(group.name)}, ${group.description}, ${now}, ${now}, 1)
        ON CONFLICT ("tenantId", "nameKey") DO NOTHING
        RETURNING "id"`;
      const row = rows[0];
      return row ? { id: row.id } : 'GROUP_NAME_TAKEN';
    },

    async update(tenantId, groupId, expectedRowVersion, changes, now) {
      try {
        const result = await db.securityGroup.updateMany({
          where: { tenantId, id: groupId, rowVersion: expectedRowVersion },
          data: { name: changes.name, nameKey: groupNameKey(changes.name), description: changes.description, updatedAt: now, rowVersion: { increment: 1 } },
        });
        return result.count === 1 ? 'UPDATED' : 'STALE';
      } catch (error) {
        if (isUniqueViolation(error)) return 'GROUP_NAME_TAKEN';
        throw error;
      }
    },

    async delete(tenantId, groupId) {
      // Memberships, nestings (both ways) and ownerships cascade; an environment's reference restricts.
      try {
        const result = await db.securityGroup.deleteMany({ where: { tenantId, id: groupId } });
        return result.count === 1 ? 'DELETED' : 'NOT_FOUND';
      } catch (error) {
        if (isForeignKeyViolation(error)) return 'IN_USE';
        throw error;
      }
    },

    async environmentsUsingGroup(tenantId, groupId) {
      const rows = await db.environment.findMany({ where: { tenantId, securityGroupId: groupId }, select: { name: true }, orderBy: { nameKey: 'asc' } });
      return rows.map((r) => r.name);
    },

    async counts(tenantId, groupId) {
      const [userMembers, nestedGroups, memberOf, owners] = await Promise.all([
        db.groupUserMember.count({ where: { tenantId, groupId } }),
        db.groupNestedGroup.count({ where: { tenantId, groupId } }),
        db.groupNestedGroup.count({ where: { tenantId, memberGroupId: groupId } }),
        db.groupOwner.count({ where: { tenantId, groupId } }),
      ]);
      return { userMembers, nestedGroups, memberOf, owners };
    },

    async directUserMemberIds(tenantId, groupId, userIds) {
      if (!userIds.length) return [];
      const rows = await db.groupUserMember.findMany({ where: { tenantId, groupId, userId: { in: [...userIds] } }, select: { userId: true } });
      return rows.map((r) => r.userId);
    },

    async addUserMembers(tenantId, groupId, userIds, by, now) {
      if (!userIds.length) return;
      await db.groupUserMember.createMany({
        data: userIds.map((userId) => ({ tenantId, groupId, userId, addedAt: now, addedById: by.id })),
        skipDuplicates: true,
      });
    },

    async removeUserMember(tenantId, groupId, userId) {
      const result = await db.groupUserMember.deleteMany({ where: { tenantId, groupId, userId } });
      return result.count === 1;
    },

    async lockNesting(tenantId) {
      // Held until the transaction ends. Two keys: a namespace of ours, and the tenant.
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${NESTING_LOCK_NAMESPACE}::int4, hashtext(${tenantId}::text))`;
    },

    async nestingEdgesBelow(tenantId, groupIds) {
      if (!groupIds.length) return [];
      // UNION (not UNION ALL): each edge once, so the walk ends even on a cyclic graph.
      const rows = await db.$queryRaw<EdgeRow[]>`
        WITH RECURSIVE below("groupId", "memberGroupId") AS (
          SELECT n."groupId", n."memberGroupId" FROM "GroupNestedGroup" n
          WHERE n."tenantId" = ${tenantId}::uuid AND n."groupId" IN (${uuidList(groupIds)})
          UNION
          SELECT n."groupId", n."memberGroupId" FROM "GroupNestedGroup" n
          JOIN below b ON n."groupId" = b."memberGroupId"
          WHERE n."tenantId" = ${tenantId}::uuid
        )
        SELECT p."id" AS "parentId", p."name" AS "parentName", c."id" AS "childId", c."name" AS "childName"
        FROM below b
        JOIN "SecurityGroup" p ON p."tenantId" = ${tenantId}::uuid AND p."id" = b."groupId"
        JOIN "SecurityGroup" c ON c."tenantId" = ${tenantId}::uuid AND c."id" = b."memberGroupId"`;
      return rows.map(toEdge);
    },

    async nestingEdgesAbove(tenantId, groupIds) {
      if (!groupIds.length) return [];
      const rows = await db.$queryRaw<EdgeRow[]>`
        WITH RECURSIVE above("groupId", "memberGroupId") AS (
          SELECT n."groupId", n."memberGroupId" FROM "GroupNestedGroup" n
          WHERE n."tenantId" = ${tenantId}::uuid AND n."memberGroupId" IN (${uuidList(groupIds)})
          UNION
          SELECT n."groupId", n."memberGroupId" FROM "GroupNestedGroup" n
          JOIN above a ON n."memberGroupId" = a."groupId"
          WHERE n."tenantId" = ${tenantId}::uuid
        )
        SELECT p."id" AS "parentId", p."name" AS "parentName", c."id" AS "childId", c."name" AS "childName"
        FROM above a
        JOIN "SecurityGroup" p ON p."tenantId" = ${tenantId}::uuid AND p."id" = a."groupId"
        JOIN "SecurityGroup" c ON c."tenantId" = ${tenantId}::uuid AND c."id" = a."memberGroupId"`;
      return rows.map(toEdge);
    },

    async addNestedGroup(tenantId, groupId, memberGroupId, by, now) {
      await db.groupNestedGroup.createMany({ data: [{ tenantId, groupId, memberGroupId, addedAt: now, addedById: by.id }], skipDuplicates: true });
    },

    async removeNestedGroup(tenantId, groupId, memberGroupId) {
      const result = await db.groupNestedGroup.deleteMany({ where: { tenantId, groupId, memberGroupId } });
      return result.count === 1;
    },

    async addOwners(tenantId, groupId, userIds, by, now) {
      if (!userIds.length) return;
      await db.groupOwner.createMany({
        data: userIds.map((userId) => ({ tenantId, groupId, userId, addedAt: now, addedById: by.id })),
        skipDuplicates: true,
      });
    },

    async removeOwner(tenantId, groupId, userId) {
      const result = await db.groupOwner.deleteMany({ where: { tenantId, groupId, userId } });
      return result.count === 1;
    },

    async directGroupsOfUser(tenantId, userId) {
      const rows = await db.groupUserMember.findMany({ where: { tenantId, userId }, select: { group: { select: { id: true, name: true } } } });
      return rows.map((r) => r.group);
    },
  };
}
