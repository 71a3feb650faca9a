// Impact preview (domain.md §7): what a change that affects eligibility would do
// in the environments, before it is saved. Reads the current inputs of the users
// concerned (every user, for an environment's group) and lets the domain run the
// same engine on them as they are and as the change would leave them.
import { computeImpact, usersInScope, type Impact, type ImpactChange } from '@/domain/environments/impact';
import { isUuid } from '@/domain/shared/ids';
import { db, type DbClient } from '../db/client';
import { prismaEnvironmentRepository } from '../repositories/environment-repository';

export type { Impact, ImpactChange };

const idsOf = (change: ImpactChange): (string | null)[] => {
  switch (change.kind) {
    case 'removeLicence':
      return [change.userId, change.subscriptionId];
    case 'removeGroupMember':
      return [change.userId, change.groupId];
    case 'blockUser':
    case 'deleteUser':
      return [change.userId];
    case 'blockUsers':
    case 'deleteUsers':
      return change.userIds;
    case 'changeEnvironmentGroup':
      return [change.environmentId, change.groupId];
  }
};

/** What `change` would do in the tenant's environments; "No environment changes" when nothing. */
export async function previewImpact(tenantId: string, change: ImpactChange, database: DbClient = db()): Promise<Impact> {
  if (!isUuid(tenantId) || idsOf(change).some((id) => id !== null && !isUuid(id))) return { headline: 'No environment changes', lines: [] };
  const repo = prismaEnvironmentRepository(database);
  const all = await repo.listForTenant(tenantId);
  const environments = change.kind === 'changeEnvironmentGroup' ? all.filter((e) => e.id === change.environmentId) : all;
  const groupName = change.kind === 'changeEnvironmentGroup' && change.groupId ? await repo.groupName(tenantId, change.groupId) : null;
  const scope = usersInScope(change);
  const scopes = [];
  for (const environment of environments) {
    scopes.push({ environment, input: await repo.loadSyncInput(tenantId, environment, scope) });
  }
  return computeImpact(scopes, change, groupName);
}
