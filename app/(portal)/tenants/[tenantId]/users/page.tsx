import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass, ButtonLink, NotPermitted, Notice, PageHeader } from '@/app/_components/ui';
import { inputClassName } from '@/app/_components/styles';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { countDeletedUsers, listUsers, parseUserListFilter } from '@/server/queries/users-list';
import { filterQuery } from './filter-query';
import { UsersTable } from './users-table';

export const metadata: Metadata = { title: 'Users' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function UsersPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Search> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  const search = await searchParams;
  const filter = parseUserListFilter(search);
  const [page, deletedCount] = await Promise.all([
    listUsers(db(), tenantId, filter, { after: first(search.after), before: first(search.before) }),
    countDeletedUsers(db(), tenantId),
  ]);
  const base = `/tenants/${tenantId}/users`;
  const listQuery = filterQuery(filter);
  const filtered = Boolean(filter.q || filter.status || filter.kind || filter.admin);
  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone in this directory. Search, filter and sort; select users to block, unblock or delete them together."
        actions={
          <>
            <ButtonLink href={`${base}/deleted`}>Deleted users ({deletedCount.toLocaleString('en')})</ButtonLink>
            <a href={`/api/tenants/${tenantId}/users/export${listQuery}`} className={buttonClass('secondary')} download>
              Export
            </a>
            {access.can('user.delete') && <ButtonLink href={`${base}/bulk?operation=delete${listQuery ? `&${listQuery.slice(1)}` : ''}`}>Bulk delete</ButtonLink>}
            {access.can('user.create') && <ButtonLink href={`${base}/import`}>Import</ButtonLink>}
            {access.can('user.create') && (
              <ButtonLink href={`${base}/new`} variant="primary">
                New user
              </ButtonLink>
            )}
          </>
        }
      />
      {first(search.deleted) && (
        <div className="mb-4">
          <Notice tone="success">
            {first(search.deleted)} was moved to <Link href={`${base}/deleted`} className="underline">Deleted users</Link>. You can restore them for 30 days.
          </Notice>
        </div>
      )}
      <form method="get" action={base} role="search" aria-label="Search and filter users" className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-6">
        <label className="text-sm font-medium text-slate-700 sm:col-span-2">
          Search users
          <input type="search" name="q" defaultValue={filter.q ?? ''} placeholder="Name, sign-in name or email" className={inputClassName} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Status
          <select name="status" defaultValue={filter.status ?? ''} className={inputClassName}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="blocked">Blocked</option>
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Kind
          <select name="kind" defaultValue={filter.kind ?? ''} className={inputClassName}>
            <option value="">Any</option>
            <option value="member">Member</option>
            <option value="application">Application</option>
            <option value="nonInteractive">Non-interactive</option>
            <option value="stub">Stub</option>
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Admin role
          <select name="admin" defaultValue={filter.admin ?? ''} className={inputClassName}>
            <option value="">Any</option>
            <option value="yes">Has an admin role</option>
            <option value="no">No admin role</option>
          </select>
        </label>
        {filter.sort !== 'displayName' && <input type="hidden" name="sort" value={filter.sort} />}
        {filter.dir !== 'asc' && <input type="hidden" name="dir" value={filter.dir} />}
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass('primary')}>
            Search
          </button>
          {filtered && (
            <Link href={base} className={buttonClass('ghost')}>
              Clear
            </Link>
          )}
        </div>
      </form>
      <UsersTable
        key={JSON.stringify([filter, first(search.after), first(search.before)])}
        tenantId={tenantId}
        rows={page.rows}
        total={page.total}
        filter={filter}
        nextCursor={page.nextCursor}
        prevCursor={page.prevCursor}
        canBulk={access.can('user.block') || access.can('user.delete')}
        deletedCount={deletedCount}
      />
    </>
  );
}
