import type { Metadata } from 'next';
import { SearchForm } from '@/app/_components/search-form';
import Link from 'next/link';
import { buttonClass, EmptyState, NotPermitted, PageHeader } from '@/app/_components/ui';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { listSubscriptions } from '@/server/queries/licences';
import { SubscriptionsTable } from './_components/subscriptions-table';

export const metadata: Metadata = { title: 'Licences' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LicencesPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Search> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  const search = await searchParams;
  const q = first(search.q)?.trim().slice(0, 100) || undefined;
  const page = await listSubscriptions(db(), tenantId, { q }, { after: first(search.after), before: first(search.before) });
  const base = `/tenants/${tenantId}/licences`;
  const withQuery = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString()}`;
  const totals = page.rows.reduce((sum, r) => ({ seats: sum.seats + r.seats, consumed: sum.consumed + r.consumed }), { seats: 0, consumed: 0 });

  return (
    <>
      <PageHeader
        title="Licences"
        description="The products this tenant subscribes to and their seats. Assigned seats are those of live users: a deleted user’s licences free their seats at once. Open a product to see who holds it or to assign it to many users."
      />
      <SearchForm action={base} formLabel="Search subscriptions" label="Search products" placeholder="Product name" value={q} />

      {page.rows.length === 0 ? (
        q ? (
          <EmptyState title="No products match">Try another search or clear it.</EmptyState>
        ) : (
          <EmptyState title="No subscriptions yet">This tenant does not subscribe to any product, so there are no licences to assign.</EmptyState>
        )
      ) : (
        <SubscriptionsTable
          key={JSON.stringify([q, first(search.after), first(search.before)])}
          tenantId={tenantId}
          rows={page.rows}
          canManageSeats={access.can('licence.manageSeats')}
        />
      )}

      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>
          {page.total.toLocaleString('en')} subscription{page.total === 1 ? '' : 's'}
          {page.rows.length > 0 && ` · on this page ${totals.consumed.toLocaleString('en')} of ${totals.seats.toLocaleString('en')} seats assigned`}
        </span>
        <span className="flex gap-2">
          {page.prevCursor && (
            <Link href={withQuery({ before: page.prevCursor })} className={buttonClass('secondary', 'sm')}>
              Previous page
            </Link>
          )}
          {page.nextCursor && (
            <Link href={withQuery({ after: page.nextCursor })} className={buttonClass('secondary', 'sm')}>
              Next page
            </Link>
          )}
        </span>
      </nav>
    </>
  );
}
