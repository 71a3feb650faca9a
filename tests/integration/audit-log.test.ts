import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditActions, listAuditEvents } from '@/server/queries/audit-log';
import { prismaAuditLog } from '@/server/repositories/audit-repository';
import { createTenant, toJson } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('the audit log', () => {
  let t: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    tenantId = (await createTenant(t.prisma)).id;
    await prismaAuditLog(t.prisma).append({
      tenantId,
      occurredAt: new Date('2026-01-01T00:00:00Z'),
      actor: { userId: randomUUID(), displayName: 'Tester', onBehalfOf: null },
      action: 'user.resetPassword',
      target: { type: 'user', id: 'u1', name: 'Mary' },
      before: { passwordHash: '$2b$…', displayName: 'Mary' },
      after: { temporaryPassword: 'Secret-123', displayName: 'Mary P' },
    });
  });
  afterAll(async () => {
    await t.drop();
  });

  it('never stores passwords or hashes, whatever the caller passes', async () => {
    const [event] = await t.prisma.auditEvent.findMany({ where: { tenantId } });
    expect(event?.before).toEqual({ displayName: 'Mary' });
    expect(event?.after).toEqual({ displayName: 'Mary P' });
    expect(toJson(event)).not.toMatch(/Secret-123|\$2b\$/);
  });

  it('rejects UPDATE', async () => {
    await expect(t.prisma.$executeRaw`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "tenantId" = ${tenantId}::uuid`).rejects.toThrow(/append-only/);
  });

  it('rejects DELETE', async () => {
    await expect(t.prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "tenantId" = ${tenantId}::uuid`).rejects.toThrow(/append-only/);
  });

  it('rejects TRUNCATE', async () => {
    await expect(t.prisma.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
  });

  it('still has the event after the attempts', async () => {
    expect(await t.prisma.auditEvent.count({ where: { tenantId, action: 'user.resetPassword' } })).toBe(1);
  });
});

describe('reading the audit log (listAuditEvents)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('shows a tenant its own events only; a partner’s copy of an agent’s action names the customer', async () => {
    const customer = await createTenant(t.prisma, { name: 'Customer A' });
    const other = await createTenant(t.prisma, { name: 'Other B' });
    const partner = await createTenant(t.prisma, { name: 'Partner P', kind: 'partner' });
    const relationship = await t.prisma.partnerRelationship.create({
      data: { partnerTenantId: partner.id, customerTenantId: customer.id, roles: ['userAdministrator'], durationDays: 30, status: 'active', requestedAt: new Date('2026-01-01T00:00:00Z') },
      select: { id: true },
    });
    const log = prismaAuditLog(t.prisma);
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 2, 9, minute));
    await log.append({ tenantId: customer.id, occurredAt: at(1), actor: { userId: randomUUID(), displayName: 'Ann Admin', onBehalfOf: null }, action: 'user.create', target: { type: 'user', id: 'a1', name: 'Own A' } });
    await log.append({ tenantId: other.id, occurredAt: at(2), actor: { userId: randomUUID(), displayName: 'Bob Admin', onBehalfOf: null }, action: 'user.create', target: { type: 'user', id: 'b1', name: 'Own B' } });
    await log.append({
      tenantId: customer.id,
      occurredAt: at(3),
      actor: { userId: randomUUID(), displayName: 'Agent Al', onBehalfOf: { partnerTenantId: partner.id, partnerName: 'Partner P', relationshipId: relationship.id } },
      action: 'user.create',
      target: { type: 'user', id: 'a2', name: 'By the agent' },
    });

    const names = async (tenantId: string) => (await listAuditEvents(t.prisma, tenantId, {})).rows.map((r) => [r.targetName, r.onBehalfOfName, r.inCustomerName]);
    expect(await names(customer.id)).toEqual([
      ['By the agent', 'Partner P', null],
      ['Own A', null, null],
    ]);
    expect(await names(other.id)).toEqual([['Own B', null, null]]);
    expect(await names(partner.id)).toEqual([['By the agent', 'Partner P', 'Customer A']]);
    expect(await listAuditActions(t.prisma, other.id)).toEqual(['user.create']);

    // Another tenant's event id as a cursor is no way in: it is not an anchor here.
    const [foreign] = (await listAuditEvents(t.prisma, other.id, {})).rows;
    const page = await listAuditEvents(t.prisma, customer.id, {}, foreign?.id);
    expect(page.rows.map((r) => r.targetName)).toEqual(['By the agent', 'Own A']);
    // Filters stay within the tenant too.
    expect((await listAuditEvents(t.prisma, customer.id, { targetId: 'b1' })).rows).toEqual([]);
  });
});
