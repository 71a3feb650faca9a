// Relationship events belong to both tenants' records (domain.md §6, §9): each log
// names the other side as the target, so "Northwind Partners" reads in Contoso's log
// and "Contoso" in Northwind's.
import type { AuditLog } from '../audit/audit-event';
import type { Party, Relationship } from './relationship';

export type RelationshipEvent = {
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  detail?: string | null;
};

export const partyActor = (party: Party) => ({ userId: party.userId, displayName: party.displayName, onBehalfOf: null, homeTenantId: party.tenantId });

export async function auditBothSides(
  audit: AuditLog,
  r: Pick<Relationship, 'id' | 'partnerTenantId' | 'partnerName' | 'customerTenantId' | 'customerName'>,
  actor: Party | null,
  occurredAt: Date,
  event: RelationshipEvent,
) {
  const common = {
    occurredAt,
    actor: actor ? partyActor(actor) : null,
    action: event.action,
    before: event.before ?? null,
    after: event.after ?? null,
    detail: event.detail ?? null,
  };
  await audit.append({ ...common, tenantId: r.customerTenantId, target: { type: 'relationship', id: r.id, name: r.partnerName } });
  await audit.append({ ...common, tenantId: r.partnerTenantId, target: { type: 'relationship', id: r.id, name: r.customerName } });
}

/** The terms as the audit log shows them. */
export const termsOf = (r: Pick<Relationship, 'roles' | 'durationDays' | 'autoExtend'>) => ({
  roles: [...r.roles],
  durationDays: r.durationDays,
  autoExtend: r.autoExtend,
});
