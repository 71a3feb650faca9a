import type { GroupRepository } from '@/domain/groups/group-repository';
import type { DbClient } from '../db/client';

export function prismaGroupRepository(db: DbClient): GroupRepository {
  return {
    async getById(tenantId, groupId) {
      const row = await db.securityGroup.findFirst({
        where: { tenantId, id: groupId },
        select: { id: true, tenantId: true, name: true, description: true, rowVersion: true, owners: { select: { userId: true } } },
      });
      return row ? { ...row, ownerIds: row.owners.map((o) => o.userId) } : null;
    },
  };
}
