import type { TenantRepository } from '@/domain/tenants/tenant-repository';
import type { DbClient } from '../db/client';

export function prismaTenantRepository(db: DbClient): TenantRepository {
  return {
    async getById(tenantId) {
      const row = await db.tenant.findUnique({
        where: { id: tenantId },
        select: { id: true, name: true, kind: true, primaryDomain: true, domains: { select: { name: true }, orderBy: { name: 'asc' } } },
      });
      return row ? { ...row, domains: row.domains.map((d) => d.name) } : null;
    },
    async domainsOwnedElsewhere(tenantId, domains) {
      const rows = await db.tenantDomain.findMany({ where: { name: { in: domains }, NOT: { tenantId } }, select: { name: true } });
      return rows.map((r) => r.name);
    },
    async updateSettings(tenantId, settings) {
      await db.tenant.update({ where: { id: tenantId }, data: { name: settings.name, primaryDomain: settings.primaryDomain } });
      await db.tenantDomain.deleteMany({ where: { tenantId, name: { notIn: settings.domains } } });
      await db.tenantDomain.createMany({ data: settings.domains.map((name) => ({ tenantId, name })), skipDuplicates: true });
    },
  };
}
