// In-memory security groups for unit tests (the GroupRepository port).
import type { GroupRepository, GroupSummary } from '@/domain/groups/group-repository';

export class InMemoryGroups {
  groups: GroupSummary[] = [];

  readonly repository: GroupRepository = {
    getById: async (tenantId, groupId) => {
      const group = this.groups.find((g) => g.tenantId === tenantId && g.id === groupId);
      return group ? { ...group, ownerIds: [...group.ownerIds] } : null;
    },
  };
}
