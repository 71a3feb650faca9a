// Delete a group (confirmed in the UI): its memberships, nestings and ownerships go
// with it; the users and the nested groups themselves stay.
//
// Environments will reference groups (domain.md §7); a group an environment uses must
// not be deleted from under it. That check belongs to the environments work, which
// adds the table: this use case is where it goes.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { ok, type Result } from '../shared/result';
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
    const counts = await repos.groups.counts(tenantId, group.id);
    if (!(await repos.groups.delete(tenantId, group.id))) return groupNotFound();
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
