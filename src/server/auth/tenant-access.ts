// Tenancy for pages: may the signed-in user enter this tenant, and with which roles?
// A tenant they cannot reach is "not found" (no existence leaks).
import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { authorize, type Action, type Actor } from '@/domain/shared/permissions';
import { isUuid } from '@/domain/shared/ids';
import type { Tenant } from '@/domain/tenants/tenant';
import { db } from '../db/client';
import { prismaTenantRepository } from '../repositories/tenant-repository';
import { requireUser, type CurrentUser } from './current-user';

/** The actor for `tenantId`, or null when the user cannot act there. */
export async function resolveActor(user: CurrentUser, tenantId: string): Promise<Actor | null> {
  if (!isUuid(tenantId)) return null;
  if (tenantId === user.tenantId) {
    return { userId: user.userId, displayName: user.displayName, tenantId, roles: user.roles, onBehalfOf: null };
  }
  return null;
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
  const tenant = await prismaTenantRepository(db()).getById(tenantId);
  if (!tenant) notFound();
  const denial = (action: Action) => {
    const result = authorize({ actor, tenantId, action });
    return result.ok ? null : result.error.message;
  };
  return { user, actor, tenant, denial, can: (action) => denial(action) === null };
});

/** The tenants the user may enter, for the switcher and /tenants. */
export async function enterableTenants(user: CurrentUser): Promise<{ id: string; name: string; primaryDomain: string; kind: string; via: string | null }[]> {
  const home = await db().tenant.findUnique({ where: { id: user.tenantId }, select: { id: true, name: true, primaryDomain: true, kind: true } });
  const list = [];
  if (home && user.roles.length > 0) list.push({ ...home, via: null });
  return list;
}
