import type { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';

export type AuditFilter = { action?: string; actor?: string; from?: Date; to?: Date; targetId?: string };
export type AuditRow = {
  id: string;
  occurredAt: Date;
  actorName: string | null;
  onBehalfOfName: string | null;
  /** In a partner's log, the customer its agent acted in (through the event's relationship). */
  inCustomerName: string | null;
  action: string;
  targetType: string | null;
  targetName: string | null;
  outcome: string;
  detail: string | null;
  before: unknown;
  after: unknown;
};

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, keyset-paged on (occurredAt, id); `cursor` is the last row's id of the previous page. */
export async function listAuditEvents(db: DbClient, tenantId: string, filter: AuditFilter, cursor?: string, pageSize = AUDIT_PAGE_SIZE) {
  const where: Prisma.AuditEventWhereInput = {
    tenantId,
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actor ? { actorName: { contains: filter.actor, mode: 'insensitive' } } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
    ...(filter.from || filter.to ? { occurredAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
  let cursorWhere: Prisma.AuditEventWhereInput = {};
  if (cursor && /^\d+$/.test(cursor)) {
    const anchor = await db.auditEvent.findFirst({ where: { tenantId, id: BigInt(cursor) }, select: { occurredAt: true, id: true } });
    if (anchor) {
      cursorWhere = { OR: [{ occurredAt: { lt: anchor.occurredAt } }, { occurredAt: anchor.occurredAt, id: { lt: anchor.id } }] };
    }
  }
  const rows = await db.auditEvent.findMany({
    where: { AND: [where, cursorWhere] },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: pageSize + 1,
    select: {
      id: true,
      occurredAt: true,
      actorName: true,
      onBehalfOfName: true,
      onBehalfOfTenantId: true,
      relationshipId: true,
      action: true,
      targetType: true,
      targetName: true,
      outcome: true,
      detail: true,
      before: true,
      after: true,
    },
  });
  const shown = rows.slice(0, pageSize);
  // The partner's copy of an agent's action names the partner only; the customer is
  // found through the relationship, which is the partner's own (partnerTenantId).
  const relationshipIds = [...new Set(shown.filter((r) => r.onBehalfOfTenantId === tenantId && r.relationshipId).map((r) => r.relationshipId as string))];
  const customers = relationshipIds.length
    ? await db.partnerRelationship.findMany({ where: { partnerTenantId: tenantId, id: { in: relationshipIds } }, select: { id: true, customer: { select: { name: true } } } })
    : [];
  const customerOf = new Map(customers.map((c) => [c.id, c.customer.name]));
  const page: AuditRow[] = shown.map(({ onBehalfOfTenantId: _partner, relationshipId, ...r }) => ({
    ...r,
    id: r.id.toString(),
    inCustomerName: relationshipId ? (customerOf.get(relationshipId) ?? null) : null,
  }));
  return { rows: page, nextCursor: rows.length > pageSize ? page.at(-1)?.id : undefined };
}

export async function listAuditActions(db: DbClient, tenantId: string): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: { tenantId }, distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } });
  return rows.map((r) => r.action);
}
