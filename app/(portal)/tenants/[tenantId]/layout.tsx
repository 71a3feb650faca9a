import { NavLinks, type NavItem } from '@/app/_components/nav-links';
import { TenantSwitcher } from '@/app/_components/tenant-switcher';
import { enterableTenants, requireTenantAccess } from '@/server/auth/tenant-access';

// Presentation only: every page below checks access itself (actions bypass layouts).
export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const base = `/tenants/${tenantId}`;
  const admin = access.can('directory.read');
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
  if (access.can('tenant.updateSettings')) items.push({ href: `${base}/settings`, label: 'Settings' });
  const personal: NavItem[] = [{ href: '/my/environments', label: 'My environments' }];
  const tenants = await enterableTenants(access.user);
  return (
    <div className="flex flex-1 flex-col md:flex-row">
      <aside className="border-b border-slate-200 bg-white md:w-60 md:shrink-0 md:border-r md:border-b-0">
        <div className="space-y-4 p-4">
          <TenantSwitcher current={{ id: access.tenant.id, name: access.tenant.name }} tenants={tenants} />
          {items.length > 0 && <NavLinks label="Tenant" items={items} />}
          <div className="border-t border-slate-100 pt-3">
            <NavLinks label="Personal" items={personal} />
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-8">{children}</main>
    </div>
  );
}
