import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
