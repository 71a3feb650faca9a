// Delete a group (confirmed in the UI): its memberships, nestings and ownerships go
// with it; the users and the nested groups themselves stay.
// A group that an environment uses as its security group (domain.md §7) is not
// deleted: the refusal names the environments (rule GROUP_IN_USE).
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { groupNotFound, groupTarget } from './group';
import { authorizeGroupChange } from './group-permissions';

export async function deleteGroup(deps: { clock: Clock; transaction: Transaction }, command: { actor: Actor; tenantId: string; groupId: string }): Promise<Result<{ name: string }>> {
  const { actor, tenantId } = command;
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const group = await repos.groups.getById(tenantId, command.groupId);
    if (!group) return groupNotFound();
    const allowed = authorizeGroupChange({ actor, tenantId, group, change: 'delete' });
    if (!allowed.ok) return allowed;
    const inUse = (environments: string[]) =>
      fail(
        'CONFLICT',
        environments.length
          ? `${group.name} is the security group of ${environments.length === 1 ? 'environment' : 'environments'} ${environments.join(', ')}. Give ${environments.length === 1 ? 'it' : 'them'} another group (or none) first.`
          : `An environment uses ${group.name} as its security group. Give it another group (or none) first.`,
        { rule: 'GROUP_IN_USE', details: { environments } },
      );
    const environments = await repos.groups.environmentsUsingGroup(tenantId, group.id);
    if (environments.length) return inUse(environments);
    const counts = await repos.groups.counts(tenantId, group.id);
    const deleted = await repos.groups.delete(tenantId, group.id);
    // An environment given this group after the check above: the foreign key refused.
    if (deleted === 'IN_USE') return inUse([]);
    if (deleted === 'NOT_FOUND') return groupNotFound();
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'group.delete',
      target: groupTarget(group),
      before: { name: group.name, description: group.description, ...counts },
      after: null,
    });
    return ok({ name: group.name });
  });
}
