import type { NavItem } from '@/app/_components/nav-links';
import { partnerNavItems, PortalSidebar } from '@/app/(portal)/partner/portal-sidebar';
import { roleName } from '@/domain/shared/permissions';
import { enterableTenants, requireTenantAccess } from '@/server/auth/tenant-access';
import { systemClock } from '@/server/clock';
import { countPendingRequests, ownsAnyGroup } from '@/server/queries/partners';

/**
 * The signed-in frame around a tenant's pages: the sidebar (tenant switcher, the
 * tenant's sections, the partner centre, My environments) and, when a partner's agent
 * acts in a customer, the banner that says so. Pages outside a tenant (account, tenant
 * list, My environments) sit in the frame of the user's home tenant, so every page has
 * the same navigation. Presentation only: every page checks access itself.
 */
export async function TenantFrame({ tenantId, children }: { tenantId: string; children: React.ReactNode }) {
  const access = await requireTenantAccess(tenantId);
  const { actor, tenant, user } = access;
  const base = `/tenants/${tenantId}`;
  const admin = access.can('directory.read');
  const atHome = !actor.onBehalfOf;
  const items: NavItem[] = admin
    ? [
        { href: base, label: 'Overview', exact: true },
        { href: `${base}/users`, label: 'Users' },
        { href: `${base}/roles`, label: 'Roles' },
        { href: `${base}/licences`, label: 'Licences' },
        { href: `${base}/groups`, label: 'Groups' },
        { href: `${base}/environments`, label: 'Environments' },
        { href: `${base}/audit`, label: 'Audit log' },
      ]
    : [];
  // Owners manage their groups without an admin role (domain.md §5).
  if (!admin && atHome && (await ownsAnyGroup(tenantId, actor.userId))) items.push({ href: `${base}/groups`, label: 'Groups' });
  // The customer's Global Administrators decide on partner relationships.
  if (atHome && tenant.kind === 'customer' && actor.roles.includes('globalAdministrator')) {
    const pending = await countPendingRequests(tenantId, systemClock.now());
    items.push({ href: `${base}/partners`, label: 'Partners', badge: pending ? String(pending) : undefined });
  }
  if (access.can('tenant.updateSettings')) items.push({ href: `${base}/settings`, label: 'Settings' });
  const tenants = await enterableTenants(user);
  return (
    <div className="flex flex-1 flex-col md:flex-row">
      <PortalSidebar
        current={{ id: tenant.id, name: tenant.name }}
        tenants={tenants}
        sections={[
          { label: 'Tenant', items },
          { label: 'Partner', items: partnerNavItems(user) },
          { label: 'Personal', items: [{ href: '/my/environments', label: 'My environments' }] },
        ]}
      />
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-8">
        {actor.onBehalfOf && (
          <div role="status" className="mb-6 rounded-lg border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-950">
            Acting in <strong>{tenant.name}</strong> on behalf of <strong>{actor.onBehalfOf.partnerName}</strong> — your roles:{' '}
            {actor.roles.map(roleName).join(', ')}
          </div>
        )}
        {children}
      </main>
    </div>
  );
}
