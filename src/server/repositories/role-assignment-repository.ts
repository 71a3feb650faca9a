import type { RoleAssignmentRepository } from '@/domain/users/user-repository';
import type { DbClient } from '../db/client';

export function prismaRoleAssignmentRepository(db: DbClient): RoleAssignmentRepository {
  return {
    async add(tenantId, userId, roleId, by, now) {
      await db.roleAssignment.createMany({ data: [{ tenantId, userId, roleId, assignedAt: now, assignedById: by.id }], skipDuplicates: true });
    },
    async remove(tenantId, userId, roleId) {
      await db.roleAssignment.deleteMany({ where: { tenantId, userId, roleId } });
    },
  };
}
