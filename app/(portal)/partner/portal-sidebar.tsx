// The signed-in shell's sidebar, shared by tenant pages and the partner centre:
// the tenant switcher, then the sections the user may use.
import { NavLinks, type NavItem } from '@/app/_components/nav-links';
import { TenantSwitcher, type SwitcherTenant } from '@/app/_components/tenant-switcher';
import { mayManageStaff } from '@/domain/partners/create-staff-member';
import { seesCustomerListOnly } from '@/domain/partners/relationship';
import type { CurrentUser } from '@/server/auth/current-user';
import { isPartnerStaff } from '@/server/partners/party';

/** "Customers", "Relationships" and (for the partner's Global and User Administrators) "Staff". */
export function partnerNavItems(user: CurrentUser): NavItem[] {
  if (!isPartnerStaff(user)) return [];
  const items: NavItem[] = [{ href: '/partner/customers', label: 'Customers' }];
  if (!seesCustomerListOnly(user)) items.push({ href: '/partner/relationships', label: 'Relationships' });
  if (mayManageStaff(user)) items.push({ href: '/partner/staff', label: 'Staff' });
  return items;
}

export function PortalSidebar({
  current,
  tenants,
  sections,
}: {
  current: { id: string; name: string };
  tenants: SwitcherTenant[];
  sections: { label: string; items: NavItem[] }[];
}) {
  const shown = sections.filter((s) => s.items.length > 0);
  return (
    <aside className="border-b border-slate-200 bg-white md:w-60 md:shrink-0 md:border-r md:border-b-0">
      <div className="space-y-4 p-4">
        <TenantSwitcher current={current} tenants={tenants} />
        {shown.map((section, i) => (
          <div key={section.label} className={i > 0 ? 'border-t border-slate-100 pt-3' : undefined}>
            {shown.length > 1 && <p className="px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{section.label}</p>}
            <NavLinks label={section.label} items={section.items} />
          </div>
        ))}
      </div>
    </aside>
  );
}
