import { requirePartnerStaff } from '@/server/partners/party';
import { enterableTenants } from '@/server/auth/tenant-access';
import { partnerNavItems, PortalSidebar } from './portal-sidebar';

// The partner centre (/partner/…): the partner's staff only. Presentation only — every
// page and action checks access itself.
export default async function PartnerLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requirePartnerStaff();
  const tenants = await enterableTenants(user);
  const home = user.roles.length > 0 ? [{ href: `/tenants/${user.tenantId}`, label: 'Overview', exact: true }] : [];
  return (
    <div className="flex flex-1 flex-col md:flex-row">
      <PortalSidebar
        current={{ id: user.tenantId, name: user.tenantName }}
        tenants={tenants}
        sections={[
          { label: 'Partner', items: partnerNavItems(user) },
          { label: 'Tenant', items: home },
          { label: 'Personal', items: [{ href: '/my/environments', label: 'My environments' }] },
        ]}
      />
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-8">{children}</main>
    </div>
  );
}
