// Delegated administration in PostgreSQL (domain.md §6). A relationship is read
// through one of its two tenants (partnerTenantId or customerTenantId in the where),
// never by its id alone; claimDue is the job's one cross-tenant read.
import { type AccessAssignment, type Relationship, type RelationshipSide } from '@/domain/partners/relationship';
import type { PartnerRepository, TenantRef } from '@/domain/partners/partner-repository';
import { DAY } from '@/domain/shared/clock';
import { isRoleId } from '@/domain/shared/permissions';
import type { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';
import { isUniqueViolation } from './user-repository';

/** First key of the two-key advisory lock that serialises requests between a partner and a customer ("PREL"). */
const PAIR_LOCK_NAMESPACE = 0x5052454c;

export const relationshipSelect = {
  id: true,
  partnerTenantId: true,
  customerTenantId: true,
  roles: true,
  durationDays: true,
  autoExtend: true,
  status: true,
  requestedAt: true,
  requestedByName: true,
  decidedAt: true,
  decidedByName: true,
  startsAt: true,
  endsAt: true,
  endedAt: true,
  endedBySide: true,
  endedByName: true,
  expiryWarnedAt: true,
  rowVersion: true,
  partner: { select: { name: true } },
  customer: { select: { name: true } },
} satisfies Prisma.PartnerRelationshipSelect;

export type RelationshipRow = Prisma.PartnerRelationshipGetPayload<{ select: typeof relationshipSelect }>;

const toSide = (value: string | null): RelationshipSide | null => (value === 'partner' || value === 'customer' || value === 'system' ? value : null);

export function toRelationship(row: RelationshipRow): Relationship {
  const { partner, customer, roles, endedBySide, ...rest } = row;
  return { ...rest, roles: roles.filter(isRoleId), endedBySide: toSide(endedBySide), partnerName: partner.name, customerName: customer.name };
}

const assignmentSelect = {
  id: true,
  relationshipId: true,
  groupId: true,
  roles: true,
  group: { select: { name: true } },
} satisfies Prisma.AccessAssignmentSelect;

const toAssignment = (row: Prisma.AccessAssignmentGetPayload<{ select: typeof assignmentSelect }>): AccessAssignment => ({
  id: row.id,
  relationshipId: row.relationshipId,
  groupId: row.groupId,
  groupName: row.group.name,
  roles: row.roles.filter(isRoleId),
});

const eitherSide = (tenantId: string) => ({ OR: [{ partnerTenantId: tenantId }, { customerTenantId: tenantId }] });
const tenantRefSelect = { id: true, name: true, kind: true, primaryDomain: true } satisfies Prisma.TenantSelect;

export function prismaPartnerRepository(db: DbClient): PartnerRepository {
  return {
    async getTenant(tenantId): Promise<TenantRef | null> {
      return db.tenant.findUnique({ where: { id: tenantId }, select: tenantRefSelect });
    },

    async findTenantByPrimaryDomain(domain) {
      return db.tenant.findUnique({ where: { primaryDomain: domain.toLowerCase() }, select: tenantRefSelect });
    },

    async isDomainTaken(domain) {
      const key = domain.toLowerCase();
      const [tenants, domains] = await Promise.all([
        db.tenant.count({ where: { primaryDomain: key } }),
        db.tenantDomain.count({ where: { name: key } }),
      ]);
      return tenants + domains > 0;
    },

    async createCustomerTenant(input) {
      try {
        return await db.tenant.create({
          data: { name: input.name, kind: 'customer', primaryDomain: input.primaryDomain, domains: { create: [{ name: input.primaryDomain }] } },
          select: { id: true },
        });
      } catch (error) {
        if (isUniqueViolation(error)) return 'DOMAIN_TAKEN';
        throw error;
      }
    },

    async getPartnerRole(tenantId, userId) {
      const row = await db.user.findFirst({ where: { tenantId, id: userId }, select: { partnerRole: true } });
      return row?.partnerRole ?? null;
    },

    async setPartnerRole(tenantId, userId, role) {
      await db.user.updateMany({ where: { tenantId, id: userId }, data: { partnerRole: role } });
    },

    async getGroup(partnerTenantId, groupId) {
      return db.securityGroup.findFirst({ where: { tenantId: partnerTenantId, id: groupId }, select: { id: true, name: true } });
    },

    async lockPair(partnerTenantId, customerTenantId) {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${PAIR_LOCK_NAMESPACE}::int4, hashtext(${`${partnerTenantId}:${customerTenantId}`}::text))`;
    },

    async openRelationshipBetween(partnerTenantId, customerTenantId) {
      const row = await db.partnerRelationship.findFirst({
        where: { partnerTenantId, customerTenantId, status: { in: ['pending', 'active'] } },
        orderBy: { requestedAt: 'desc' },
        select: relationshipSelect,
      });
      return row ? toRelationship(row) : null;
    },

    async createRelationship(r) {
      return db.partnerRelationship.create({
        data: {
          partnerTenantId: r.partnerTenantId,
          customerTenantId: r.customerTenantId,
          roles: r.roles,
          durationDays: r.durationDays,
          autoExtend: r.autoExtend,
          status: 'pending',
          requestedAt: r.requestedAt,
          requestedById: r.requestedBy.id,
          requestedByName: r.requestedBy.name,
          createdAt: r.requestedAt,
          updatedAt: r.requestedAt,
        },
        select: { id: true },
      });
    },

    async lockRelationship(tenantId, relationshipId) {
      const locked = await db.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "PartnerRelationship"
        WHERE "id" = ${relationshipId}::uuid AND (${tenantId}::uuid IN ("partnerTenantId", "customerTenantId"))
        FOR UPDATE`;
      if (!locked.length) return null;
      const row = await db.partnerRelationship.findFirst({ where: { id: relationshipId, ...eitherSide(tenantId) }, select: relationshipSelect });
      return row ? toRelationship(row) : null;
    },

    async updateRelationship(tenantId, relationshipId, expectedRowVersion, changes, now) {
      const result = await db.partnerRelationship.updateMany({
        where: { id: relationshipId, rowVersion: expectedRowVersion, ...eitherSide(tenantId) },
        data: { ...changes, rowVersion: { increment: 1 }, updatedAt: now },
      });
      return result.count === 1 ? 'UPDATED' : 'STALE';
    },

    async claimDue(now, limit) {
      const lapseCutoff = new Date(now.getTime() - 90 * DAY);
      const warnCutoff = new Date(now.getTime() + 30 * DAY);
      const ids = await db.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "PartnerRelationship"
        WHERE ("status" = 'pending' AND "requestedAt" <= ${lapseCutoff})
           OR ("status" = 'active' AND "endsAt" <= ${now})
           OR ("status" = 'active' AND "endsAt" <= ${warnCutoff} AND "expiryWarnedAt" IS NULL)
        ORDER BY "id"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      if (!ids.length) return [];
      const rows = await db.partnerRelationship.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: { id: 'asc' }, select: relationshipSelect });
      return rows.map(toRelationship);
    },

    async listAssignments(partnerTenantId, relationshipId) {
      const rows = await db.accessAssignment.findMany({
        where: { partnerTenantId, relationshipId },
        orderBy: { group: { name: 'asc' } },
        select: assignmentSelect,
      });
      return rows.map(toAssignment);
    },

    async upsertAssignment(partnerTenantId, relationshipId, groupId, roles, by, now) {
      await db.accessAssignment.upsert({
        where: { relationshipId_groupId: { relationshipId, groupId } },
        create: { relationshipId, partnerTenantId, groupId, roles, createdAt: now, createdById: by.id },
        update: { roles },
      });
    },

    async removeAssignment(partnerTenantId, relationshipId, groupId) {
      const result = await db.accessAssignment.deleteMany({ where: { partnerTenantId, relationshipId, groupId } });
      return result.count > 0;
    },

    async agentGrants(partnerTenantId, userId, customerTenantId) {
      const [user, relationships] = await Promise.all([
        db.user.findFirst({
          where: { tenantId: partnerTenantId, id: userId, deletedAt: null },
          select: { partnerRole: true, memberships: { where: { tenantId: partnerTenantId }, select: { groupId: true } } },
        }),
        db.partnerRelationship.findMany({
          where: { partnerTenantId, status: 'active', ...(customerTenantId ? { customerTenantId } : {}) },
          orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
          select: { ...relationshipSelect, accessAssignments: { select: assignmentSelect } },
        }),
      ]);
      return {
        partnerRole: user?.partnerRole ?? null,
        directGroupIds: user?.memberships.map((m) => m.groupId) ?? [],
        relationships: relationships.map(({ accessAssignments, ...row }) => ({
          relationship: toRelationship(row),
          assignments: accessAssignments.map(toAssignment),
        })),
      };
    },
  };
}
