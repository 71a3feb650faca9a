import { redact, type AuditEventInput, type AuditLog } from '@/domain/audit/audit-event';
import type { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';

const json = (value: Record<string, unknown> | null) => (value ?? undefined) as Prisma.InputJsonValue | undefined;

export function prismaAuditLog(db: DbClient, correlationId?: string): AuditLog {
  const rowsOf = (event: AuditEventInput) => {
      const base = {
        occurredAt: event.occurredAt,
        actorUserId: event.actor?.userId ?? null,
        actorName: event.actor?.displayName ?? null,
        actorTenantId: event.actor?.onBehalfOf?.partnerTenantId ?? event.actor?.homeTenantId ?? event.tenantId,
        onBehalfOfTenantId: event.actor?.onBehalfOf?.partnerTenantId ?? null,
        onBehalfOfName: event.actor?.onBehalfOf?.partnerName ?? null,
        relationshipId: event.actor?.onBehalfOf?.relationshipId ?? null,
        action: event.action,
        targetType: event.target?.type ?? null,
        targetId: event.target?.id ?? null,
        targetName: event.target?.name ?? null,
        before: json(redact(event.before)),
        after: json(redact(event.after)),
        outcome: event.outcome ?? 'success',
        detail: event.detail ?? null,
        correlationId: correlationId ?? null,
      };
      const partner = event.actor?.onBehalfOf?.partnerTenantId;
      // An agent's action is on the record of both tenants (domain.md §6).
      return [{ ...base, tenantId: event.tenantId }, ...(partner && partner !== event.tenantId ? [{ ...base, tenantId: partner }] : [])];
  };
  return {
    async append(event: AuditEventInput) {
      await db.auditEvent.createMany({ data: rowsOf(event) });
    },
    async appendMany(events: AuditEventInput[]) {
      if (events.length) await db.auditEvent.createMany({ data: events.flatMap(rowsOf) });
    },
  };
}
