import type { Metadata } from 'next';
import { SearchForm } from '@/app/_components/search-form';
import Link from 'next/link';
import { buttonClass, EmptyState, NotPermitted, PageHeader } from '@/app/_components/ui';
import { daysLeft } from '@/domain/users/restore-user';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { systemClock } from '@/server/clock';
import { db } from '@/server/db/client';
import { listDeletedUsers } from '@/server/queries/users-list';
import { DeletedUsersTable } from './deleted-users-table';

export const metadata: Metadata = { title: 'Deleted users' };

type Search = { q?: string; after?: string; before?: string };

export default async function DeletedUsersPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Search> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  const search = await searchParams;
  const q = search.q?.trim().slice(0, 100) || undefined;
  const page = await listDeletedUsers(db(), tenantId, { q }, { after: search.after, before: search.before });
  const now = systemClock.now();
  const base = `/tenants/${tenantId}/users/deleted`;
  const link = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString()}`;
  return (
    <>
      <PageHeader
        title={`Deleted users (${page.total.toLocaleString('en')})`}
        description="Deleted users can be restored for 30 days; after that they are deleted permanently by a background job."
        breadcrumbs={[{ href: `/tenants/${tenantId}/users`, label: 'Users' }]}
        actions={
          <>
            <a href={`/api/tenants/${tenantId}/users/deleted/export${q ? `?q=${encodeURIComponent(q)}` : ''}`} className={buttonClass('secondary')} download>
              Export
            </a>
            {access.can('user.restore') && (
              <Link href={`/tenants/${tenantId}/users/bulk?operation=restore${q ? `&q=${encodeURIComponent(q)}` : ''}`} className={buttonClass('secondary')}>
                Bulk restore
              </Link>
            )}
          </>
        }
      />
      <SearchForm action={base} formLabel="Search deleted users" label="Search deleted users" placeholder="Name, sign-in name or email" value={q} />
      {/* Always mounted, so that the notice of the last restore or purge outlives its row. */}
      <DeletedUsersTable
        tenantId={tenantId}
        rows={page.rows.map((r) => ({ id: r.id, displayName: r.displayName, signInName: r.signInName, deletedAt: r.deletedAt.toISOString(), deletedByName: r.deletedByName, daysLeft: daysLeft(r.deletedAt, now) }))}
        empty={<EmptyState title={q ? 'No deleted users match' : 'No deleted users'}>{q ? 'Try another search.' : 'Users you delete stay here for 30 days, restorable.'}</EmptyState>}
      />
      <nav aria-label="Pagination" className="mt-4 flex justify-end gap-2">
        {page.prevCursor && (
          <Link href={link({ before: page.prevCursor })} className={buttonClass('secondary', 'sm')}>
            Previous page
          </Link>
        )}
        {page.nextCursor && (
          <Link href={link({ after: page.nextCursor })} className={buttonClass('secondary', 'sm')}>
            Next page
          </Link>
        )}
      </nav>
    </>
  );
}
