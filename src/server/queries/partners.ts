// Read models for the partner pages (/partner/…) and the customer's Partners page.
// Every function names the tenant whose rows it reads; relationships are read
// through the side that asks (partnerTenantId or customerTenantId).
import 'server-only';
import { customerAccessOf, type CustomerAccess } from '@/domain/partners/agent-access';
import { EXPIRY_WARNING_DAYS, isExpiringSoon, type Relationship, type RelationshipStatus } from '@/domain/partners/relationship';
import { DAY } from '@/domain/shared/clock';
import { isRoleId, type RoleId } from '@/domain/shared/permissions';
import type { Prisma } from '@/generated/prisma/client';
import type { PartnerRole } from '@/domain/partners/relationship';
import { db } from '../db/client';
import { prismaPartnerRepository, relationshipSelect, toRelationship } from '../repositories/partner-repository';

export const PARTNER_PAGE_SIZE = 25;

export type Paged<T> = { rows: T[]; total: number; page: number; pages: number };

const pageOf = (value: string | undefined) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
};

function paged<T>(rows: T[], total: number, page: number, size: number): Paged<T> {
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / size)) };
}

// ---- staff ----

export type StaffRow = {
  id: string;
  displayName: string;
  signInName: string;
  partnerRole: PartnerRole | null;
  roles: RoleId[];
  accountEnabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
};

/** The partner's own people (live users), by display name, searchable, paged. */
export async function listStaff(partnerTenantId: string, options: { q?: string; page?: string }): Promise<Paged<StaffRow>> {
  const q = options.q?.trim();
  const where: Prisma.UserWhereInput = {
    tenantId: partnerTenantId,
    deletedAt: null,
    ...(q ? { OR: [{ displayName: { contains: q, mode: 'insensitive' } }, { signInNameKey: { contains: q.toLowerCase() } }] } : {}),
  };
  const page = pageOf(options.page);
  const [rows, total] = await Promise.all([
    db().user.findMany({
      where,
      orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * PARTNER_PAGE_SIZE,
      take: PARTNER_PAGE_SIZE,
      select: {
        id: true,
        displayName: true,
        signInName: true,
        partnerRole: true,
        accountEnabled: true,
        mustChangePassword: true,
        createdAt: true,
        roleAssignments: { select: { roleId: true } },
      },
    }),
    db().user.count({ where }),
  ]);
  return paged(
    rows.map(({ roleAssignments, ...r }) => ({ ...r, roles: roleAssignments.map((a) => a.roleId).filter(isRoleId) })),
    total,
    page,
    PARTNER_PAGE_SIZE,
  );
}

// ---- relationships, partner side ----

export type PartnerRelationshipRow = Relationship & {
  customerDomain: string;
  assignments: { groupId: string; groupName: string; roles: RoleId[] }[];
};

export const STATUS_FILTERS = ['pending', 'active', 'ended'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
const ENDED: RelationshipStatus[] = ['declined', 'lapsed', 'expired', 'terminated'];
const statusWhere = (filter: StatusFilter | undefined): Prisma.PartnerRelationshipWhereInput =>
  filter === 'ended' ? { status: { in: ENDED } } : filter ? { status: filter } : {};

export const parseStatusFilter = (value: string | undefined): StatusFilter | undefined =>
  (STATUS_FILTERS as readonly string[]).includes(value ?? '') ? (value as StatusFilter) : undefined;

/** The partner's relationships: pending first, then active, then ended; searchable by customer; paged. */
export async function listPartnerRelationships(
  partnerTenantId: string,
  options: { q?: string; status?: StatusFilter; page?: string },
): Promise<Paged<PartnerRelationshipRow> & { counts: Record<StatusFilter, number> }> {
  const q = options.q?.trim();
  const search: Prisma.PartnerRelationshipWhereInput = q
    ? { customer: { OR: [{ name: { contains: q, mode: 'insensitive' } }, { primaryDomain: { contains: q.toLowerCase() } }] } }
    : {};
  const where: Prisma.PartnerRelationshipWhereInput = { partnerTenantId, ...search, ...statusWhere(options.status) };
  const page = pageOf(options.page);
  const [rows, total, grouped] = await Promise.all([
    db().partnerRelationship.findMany({
      where,
      orderBy: [{ status: 'asc' }, { customer: { name: 'asc' } }, { requestedAt: 'desc' }],
      skip: (page - 1) * PARTNER_PAGE_SIZE,
      take: PARTNER_PAGE_SIZE,
      select: {
        ...relationshipSelect,
        customer: { select: { name: true, primaryDomain: true } },
        accessAssignments: { select: { groupId: true, roles: true, group: { select: { name: true } } }, orderBy: { group: { name: 'asc' } } },
      },
    }),
    db().partnerRelationship.count({ where }),
    db().partnerRelationship.groupBy({ by: ['status'], where: { partnerTenantId, ...search }, _count: { _all: true } }),
  ]);
  const counts: Record<StatusFilter, number> = { pending: 0, active: 0, ended: 0 };
  for (const g of grouped) {
    if (g.status === 'pending' || g.status === 'active') counts[g.status] += g._count._all;
    else counts.ended += g._count._all;
  }
  // The enum sorts in declaration order: pending, active, then the ended ones.
  const mapped = rows.map(({ accessAssignments, ...row }) => ({
    ...toRelationship(row),
    customerDomain: row.customer.primaryDomain,
    assignments: accessAssignments.map((a) => ({ groupId: a.groupId, groupName: a.group.name, roles: a.roles.filter(isRoleId) })),
  }));
  return { ...paged(mapped, total, page, PARTNER_PAGE_SIZE), counts };
}

export async function getPartnerRelationship(partnerTenantId: string, relationshipId: string): Promise<PartnerRelationshipRow | null> {
  const row = await db().partnerRelationship.findFirst({
    where: { id: relationshipId, partnerTenantId },
    select: {
      ...relationshipSelect,
      customer: { select: { name: true, primaryDomain: true } },
      accessAssignments: { select: { groupId: true, roles: true, group: { select: { name: true } } }, orderBy: { group: { name: 'asc' } } },
    },
  });
  if (!row) return null;
  const { accessAssignments, ...rest } = row;
  return {
    ...toRelationship(rest),
    customerDomain: rest.customer.primaryDomain,
    assignments: accessAssignments.map((a) => ({ groupId: a.groupId, groupName: a.group.name, roles: a.roles.filter(isRoleId) })),
  };
}

/** The partner's security groups, with their direct user member counts, for access assignments. */
export async function listPartnerGroups(partnerTenantId: string) {
  const rows = await db().securityGroup.findMany({
    where: { tenantId: partnerTenantId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, _count: { select: { userMembers: true } } },
  });
  return rows.map((g) => ({ id: g.id, name: g.name, directMembers: g._count.userMembers }));
}

// ---- the agent's customers ----

export type AgentCustomerRow = {
  relationshipId: string;
  customerTenantId: string;
  customerName: string;
  customerDomain: string;
  status: RelationshipStatus;
  endsAt: Date | null;
  requestedAt: Date;
  /** The signed-in agent's effective roles there (empty: no access). */
  roles: RoleId[];
  canOpen: boolean;
};

/**
 * The partner's customers with an active or pending relationship, with the signed-in
 * agent's effective roles in each (Sales agents and staff outside the assigned groups
 * see the list without access).
 */
export async function listAgentCustomers(
  user: { userId: string; tenantId: string },
  options: { q?: string; page?: string; now: Date },
): Promise<Paged<AgentCustomerRow>> {
  const q = options.q?.trim();
  const where: Prisma.PartnerRelationshipWhereInput = {
    partnerTenantId: user.tenantId,
    status: { in: ['active', 'pending'] },
    ...(q ? { customer: { OR: [{ name: { contains: q, mode: 'insensitive' } }, { primaryDomain: { contains: q.toLowerCase() } }] } } : {}),
  };
  const page = pageOf(options.page);
  const [rows, total, grants] = await Promise.all([
    db().partnerRelationship.findMany({
      where,
      orderBy: [{ customer: { name: 'asc' } }, { id: 'asc' }],
      skip: (page - 1) * PARTNER_PAGE_SIZE,
      take: PARTNER_PAGE_SIZE,
      select: { id: true, customerTenantId: true, status: true, endsAt: true, requestedAt: true, customer: { select: { name: true, primaryDomain: true } } },
    }),
    db().partnerRelationship.count({ where }),
    prismaPartnerRepository(db()).agentGrants(user.tenantId, user.userId),
  ]);
  const access = new Map<string, CustomerAccess>(customerAccessOf(grants, options.now).map((c) => [c.customerTenantId, c]));
  return paged(
    rows.map((r) => {
      const reach = r.status === 'active' ? access.get(r.customerTenantId) : undefined;
      return {
        relationshipId: r.id,
        customerTenantId: r.customerTenantId,
        customerName: r.customer.name,
        customerDomain: r.customer.primaryDomain,
        status: r.status,
        endsAt: r.endsAt,
        requestedAt: r.requestedAt,
        roles: reach?.roles ?? [],
        canOpen: Boolean(reach),
      };
    }),
    total,
    page,
    PARTNER_PAGE_SIZE,
  );
}

// ---- customer side ----

/** The customer's relationships: pending and active ones in full, the last ended ones as history. */
export async function listCustomerRelationships(customerTenantId: string) {
  const [open, ended] = await Promise.all([
    db().partnerRelationship.findMany({
      where: { customerTenantId, status: { in: ['pending', 'active'] } },
      orderBy: [{ requestedAt: 'desc' }],
      select: { ...relationshipSelect, requestedByName: true },
    }),
    db().partnerRelationship.findMany({
      where: { customerTenantId, status: { in: ENDED } },
      orderBy: [{ updatedAt: 'desc' }],
      take: 20,
      select: relationshipSelect,
    }),
  ]);
  const all = open.map(toRelationship);
  return { pending: all.filter((r) => r.status === 'pending'), active: all.filter((r) => r.status === 'active'), ended: ended.map(toRelationship) };
}

/** For the overview notices (both sides): pending requests and active relationships ending within 30 days. */
export async function relationshipNotices(tenantId: string, side: 'customer' | 'partner', now: Date) {
  const sideWhere = side === 'customer' ? { customerTenantId: tenantId } : { partnerTenantId: tenantId };
  const [pending, ending] = await Promise.all([
    db().partnerRelationship.findMany({
      where: { ...sideWhere, status: 'pending', requestedAt: { gt: new Date(now.getTime() - 90 * DAY) } },
      orderBy: { requestedAt: 'asc' },
      select: relationshipSelect,
    }),
    db().partnerRelationship.findMany({
      where: { ...sideWhere, status: 'active', endsAt: { gt: now, lte: new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY) } },
      orderBy: { endsAt: 'asc' },
      select: relationshipSelect,
    }),
  ]);
  return { pending: pending.map(toRelationship), expiring: ending.map(toRelationship).filter((r) => isExpiringSoon(r, now)) };
}

/** Does the user own at least one group of the tenant (the "Groups" link without admin roles)? */
export async function ownsAnyGroup(tenantId: string, userId: string): Promise<boolean> {
  return (await db().groupOwner.count({ where: { tenantId, userId } })) > 0;
}

/** Pending requests a customer's Global Administrators have to decide on (the nav badge). */
export async function countPendingRequests(customerTenantId: string, now: Date): Promise<number> {
  return db().partnerRelationship.count({ where: { customerTenantId, status: 'pending', requestedAt: { gt: new Date(now.getTime() - 90 * DAY) } } });
}
