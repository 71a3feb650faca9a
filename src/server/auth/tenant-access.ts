// Tenancy for pages and actions: may the signed-in user enter this tenant, and with
// which roles? Their home tenant with the roles assigned there; a customer tenant,
// as a partner agent, with the roles their partner's ACTIVE relationship grants
// through the groups they are a direct member of (domain.md §6). Decided afresh on
// every request, so an agent's access ends at the expiry second and at the request
// after a termination. A tenant they cannot reach is "not found" (no existence leaks).
import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { customerAccessOf, resolveAgentActor } from '@/domain/partners/agent-access';
import { authorize, type Action, type Actor } from '@/domain/shared/permissions';
import { isUuid } from '@/domain/shared/ids';
import type { Tenant } from '@/domain/tenants/tenant';
import { systemClock } from '../clock';
import { db } from '../db/client';
import { prismaPartnerRepository } from '../repositories/partner-repository';
import { prismaTenantRepository } from '../repositories/tenant-repository';
import { ownsAnyGroup } from '../queries/partners';
import { requireUser, type CurrentUser } from './current-user';

/** The actor for `tenantId`, or null when the user cannot act there. */
export async function resolveActor(user: CurrentUser, tenantId: string): Promise<Actor | null> {
  if (!isUuid(tenantId)) return null;
  if (tenantId === user.tenantId) {
    return { userId: user.userId, displayName: user.displayName, tenantId, roles: user.roles, onBehalfOf: null };
  }
  if (user.tenantKind !== 'partner') return null;
  return resolveAgentActor(
    prismaPartnerRepository(db()),
    { userId: user.userId, displayName: user.displayName, tenantId: user.tenantId, tenantKind: user.tenantKind },
    tenantId,
    systemClock.now(),
  );
}

export type TenantAccess = {
  user: CurrentUser;
  actor: Actor;
  tenant: Tenant;
  /** null when allowed, else the sentence that says why not. */
  denial(action: Action): string | null;
  can(action: Action): boolean;
};

export const requireTenantAccess = cache(async (tenantId: string): Promise<TenantAccess> => {
  const user = await requireUser();
  const actor = await resolveActor(user, tenantId);
  if (!actor) notFound();
  const tenant = tenantId === user.tenantId ? user.tenant : await prismaTenantRepository(db()).getById(tenantId);
  if (!tenant) notFound();
  const denial = (action: Action) => {
    const result = authorize({ actor, tenantId, action });
    return result.ok ? null : result.error.message;
  };
  return { user, actor, tenant, denial, can: (action) => denial(action) === null };
});

export type EnterableTenant = { id: string; name: string; primaryDomain: string; kind: string; via: string | null };

/**
 * The tenants the user may enter, for the switcher and /tenants: their home tenant when
 * they hold an admin role there or own a group (an owner manages its members there,
 * domain.md §5), and, for partner agents, every customer an active relationship gives
 * them a role in.
 */
export const enterableTenants = cache(async (user: CurrentUser): Promise<EnterableTenant[]> => {
  const home = user.tenant;
  const list: EnterableTenant[] = [];
  if (user.roles.length > 0 || (await ownsAnyGroup(home.id, user.userId))) list.push({ id: home.id, name: home.name, primaryDomain: home.primaryDomain, kind: home.kind, via: null });
  if (user.tenantKind !== 'partner') return list;
  const grants = await prismaPartnerRepository(db()).agentGrants(user.tenantId, user.userId);
  const customers = customerAccessOf(grants, systemClock.now());
  if (!customers.length) return list;
  const domains = await db().tenant.findMany({ where: { id: { in: customers.map((c) => c.customerTenantId) } }, select: { id: true, primaryDomain: true } });
  const domainOf = new Map(domains.map((d) => [d.id, d.primaryDomain]));
  for (const c of customers.sort((a, b) => a.customerName.localeCompare(b.customerName))) {
    list.push({ id: c.customerTenantId, name: c.customerName, primaryDomain: domainOf.get(c.customerTenantId) ?? '', kind: 'customer', via: c.partnerName });
  }
  return list;
});
