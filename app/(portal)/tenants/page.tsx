import type { Metadata } from 'next';
import Link from 'next/link';
import { ButtonLink, EmptyState, PageHeader } from '@/app/_components/ui';
import { requireUser } from '@/server/auth/current-user';
import { enterableTenants } from '@/server/auth/tenant-access';
import { isPartnerStaff } from '@/server/partners/party';
import { PageShell } from '../page-shell';

export const metadata: Metadata = { title: 'Tenants' };

export default async function TenantsPage() {
  const user = await requireUser();
  const tenants = await enterableTenants(user);
  return (
    <PageShell>
      <PageHeader
        title="Tenants"
        description="The directories you can administer. Choose one to enter it."
        actions={isPartnerStaff(user) ? <ButtonLink href="/partner/customers">Customers</ButtonLink> : undefined}
      />
      {tenants.length === 0 ? (
        <EmptyState title="No tenants to administer">
          You have no admin role in any tenant{isPartnerStaff(user) ? ', and no customer relationship gives you a role yet' : ''}. Your own account and environments are under “Your account”.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {tenants.map((t) => (
            <li key={t.id}>
              <Link href={`/tenants/${t.id}`} className="block rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-300 hover:shadow">
                <span className="block text-lg font-semibold text-slate-900">{t.name}</span>
                <span className="block text-sm text-slate-500">{t.primaryDomain}</span>
                <span className="mt-2 block text-xs text-slate-500">{t.via ? `Through ${t.via}` : t.kind === 'partner' ? 'Your partner organisation' : 'Your organisation'}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </PageShell>
  );
}
