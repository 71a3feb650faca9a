// The persistence port for security groups (domain.md §5). tenantId first in every method.
export type GroupSummary = { id: string; tenantId: string; name: string; description: string | null; rowVersion: number; ownerIds: string[] };

export type GroupRepository = {
  getById(tenantId: string, groupId: string): Promise<GroupSummary | null>;
};
