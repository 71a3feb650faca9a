// Access assignments (domain.md §6): for an active relationship, the partner's Admin
// agent maps a partner security group to a subset of the relationship's roles.
import type { Clock } from '../shared/clock';
import { roleName } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Repositories, Transaction } from '../shared/unit-of-work';
import { auditBothSides } from './relationship-audit';
import { checkAssignmentRoles, isAdminAgent, isLive, type Party, type Relationship } from './relationship';

async function loadForAssignment(repos: Repositories, party: Party, relationshipId: string, now: Date): Promise<Result<Relationship>> {
  const r = await repos.partners.lockRelationship(party.tenantId, relationshipId);
  if (!r || r.partnerTenantId !== party.tenantId) return fail('NOT_FOUND', 'Relationship not found.');
  if (!isAdminAgent(party, r.partnerTenantId)) {
    return fail('FORBIDDEN', 'Only Admin agents of the partner can change access assignments.', { rule: 'ADMIN_AGENT_ONLY' });
  }
  if (!isLive(r, now)) {
    return fail('CONFLICT', 'Access can be assigned only for an active relationship.', { rule: 'RELATIONSHIP_NOT_ACTIVE' });
  }
  return ok(r);
}

export async function setAccessAssignment(
  deps: { clock: Clock; transaction: Transaction },
  command: { party: Party; relationshipId: string; groupId: string; roles: string[] },
): Promise<Result<{ groupName: string; roles: string[] }>> {
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const loaded = await loadForAssignment(repos, command.party, command.relationshipId, now);
    if (!loaded.ok) return loaded;
    const r = loaded.value;
    const group = await repos.partners.getGroup(r.partnerTenantId, command.groupId);
    if (!group) return fail('NOT_FOUND', 'Group not found.', { fieldErrors: { groupId: ['Choose one of your security groups.'] } });
    const roles = checkAssignmentRoles(r, command.roles);
    if (!roles.ok) return roles;
    const before = (await repos.partners.listAssignments(r.partnerTenantId, r.id)).find((a) => a.groupId === group.id);
    await repos.partners.upsertAssignment(r.partnerTenantId, r.id, group.id, roles.value, { id: command.party.userId, name: command.party.displayName }, now);
    await auditBothSides(repos.audit, r, command.party, now, {
      action: 'relationship.assignAccess',
      before: before ? { group: group.name, roles: before.roles } : null,
      after: { group: group.name, roles: roles.value },
      detail: `Members of ${group.name} act with ${roles.value.map(roleName).join(', ')}.`,
    });
    return ok({ groupName: group.name, roles: roles.value });
  });
}

export async function removeAccessAssignment(
  deps: { clock: Clock; transaction: Transaction },
  command: { party: Party; relationshipId: string; groupId: string },
): Promise<Result<{ groupName: string }>> {
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const r = await repos.partners.lockRelationship(command.party.tenantId, command.relationshipId);
    if (!r || r.partnerTenantId !== command.party.tenantId) return fail('NOT_FOUND', 'Relationship not found.');
    if (!isAdminAgent(command.party, r.partnerTenantId)) {
      return fail('FORBIDDEN', 'Only Admin agents of the partner can change access assignments.', { rule: 'ADMIN_AGENT_ONLY' });
    }
    const existing = (await repos.partners.listAssignments(r.partnerTenantId, r.id)).find((a) => a.groupId === command.groupId);
    if (!existing) return fail('NOT_FOUND', 'Assignment not found.');
    await repos.partners.removeAssignment(r.partnerTenantId, r.id, command.groupId);
    await auditBothSides(repos.audit, r, command.party, now, {
      action: 'relationship.removeAccess',
      before: { group: existing.groupName, roles: existing.roles },
    });
    return ok({ groupName: existing.groupName });
  });
}
