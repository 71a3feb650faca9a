import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass, EmptyState, NotPermitted, PageHeader } from '@/app/_components/ui';
import { inputClassName } from '@/app/_components/styles';
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
      <form method="get" action={base} role="search" aria-label="Search deleted users" className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
        <label className="min-w-64 flex-1 text-sm font-medium text-slate-700">
          Search deleted users
          <input type="search" name="q" defaultValue={q ?? ''} placeholder="Name, sign-in name or email" className={inputClassName} />
        </label>
        <button type="submit" className={buttonClass('primary')}>
          Search
        </button>
        {q && (
          <Link href={base} className={buttonClass('ghost')}>
            Clear
          </Link>
        )}
      </form>
      {page.rows.length === 0 ? (
        <EmptyState title={q ? 'No deleted users match' : 'No deleted users'}>{q ? 'Try another search.' : 'Users you delete stay here for 30 days, restorable.'}</EmptyState>
      ) : (
        <DeletedUsersTable
          tenantId={tenantId}
          rows={page.rows.map((r) => ({ id: r.id, displayName: r.displayName, signInName: r.signInName, deletedAt: r.deletedAt.toISOString(), deletedByName: r.deletedByName, daysLeft: daysLeft(r.deletedAt, now) }))}
        />
      )}
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
