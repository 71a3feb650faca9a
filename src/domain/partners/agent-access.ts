// Who an agent is in a customer tenant (domain.md §6): on every request, from the
// partner's active relationships, their access assignments and the agent's direct
// groups. Nothing is cached, so access ends at the expiry second and at the request
// after a termination.
import type { Actor, RoleId } from '../shared/permissions';
import type { AgentGrants, PartnerRepository } from './partner-repository';
import { effectiveRoles, mayActForCustomers, sortRoles, type Relationship } from './relationship';

export type AgentUser = { userId: string; displayName: string; tenantId: string; tenantKind: 'customer' | 'partner' };

export type CustomerAccess = {
  customerTenantId: string;
  customerName: string;
  partnerTenantId: string;
  partnerName: string;
  /** The relationship that grants the roles (the first, when several do). */
  relationship: Relationship;
  roles: RoleId[];
};

/** Per customer: the agent's effective roles (customers where they have none are left out). */
export function customerAccessOf(grants: AgentGrants, now: Date): CustomerAccess[] {
  if (!mayActForCustomers(grants.partnerRole)) return [];
  const byCustomer = new Map<string, CustomerAccess>();
  for (const { relationship, assignments } of grants.relationships) {
    const roles = effectiveRoles({ relationship, assignments, directGroupIds: grants.directGroupIds, now });
    if (!roles.length) continue;
    const existing = byCustomer.get(relationship.customerTenantId);
    if (existing) {
      existing.roles = sortRoles([...existing.roles, ...roles]);
      continue;
    }
    byCustomer.set(relationship.customerTenantId, {
      customerTenantId: relationship.customerTenantId,
      customerName: relationship.customerName,
      partnerTenantId: relationship.partnerTenantId,
      partnerName: relationship.partnerName,
      relationship,
      roles,
    });
  }
  return [...byCustomer.values()];
}

/**
 * The actor for a partner agent entering `customerTenantId`, or null when no active
 * relationship grants them a role there (the page then answers "not found").
 */
export async function resolveAgentActor(
  partners: Pick<PartnerRepository, 'agentGrants'>,
  user: AgentUser,
  customerTenantId: string,
  now: Date,
): Promise<Actor | null> {
  if (user.tenantKind !== 'partner' || customerTenantId === user.tenantId) return null;
  const grants = await partners.agentGrants(user.tenantId, user.userId, customerTenantId);
  const access = customerAccessOf(grants, now).find((c) => c.customerTenantId === customerTenantId);
  if (!access) return null;
  return {
    userId: user.userId,
    displayName: user.displayName,
    tenantId: customerTenantId,
    roles: access.roles,
    onBehalfOf: { partnerTenantId: access.partnerTenantId, partnerName: access.partnerName, relationshipId: access.relationship.id },
  };
}
