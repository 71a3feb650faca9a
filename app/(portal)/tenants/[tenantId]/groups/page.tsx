import type { Metadata } from 'next';
import { SearchForm } from '@/app/_components/search-form';
import Link from 'next/link';
import { buttonClass, EmptyState, NotPermitted, Notice, PageHeader } from '@/app/_components/ui';
import { groupListScope } from '@/domain/groups/group-permissions';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { capQuery, listGroups, ownedGroupIds } from '@/server/queries/groups';
import { NewGroupButton } from './new-group-dialog';

export const metadata: Metadata = { title: 'Groups' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function query(params: Record<string, string | undefined>) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}

export default async function GroupsPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Search> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const scope = groupListScope(access.actor, tenantId);
  // A user without admin roles sees the groups they own, and nothing when they own none.
  if (scope === 'none' || (scope === 'owned' && (await ownedGroupIds(db(), tenantId, access.actor.userId)).length === 0)) {
    return <NotPermitted message={access.denial('directory.read') ?? 'You cannot see the groups of this tenant.'} />;
  }
  const search = await searchParams;
  const q = capQuery(first(search.q));
  const page = await listGroups(db(), tenantId, { q, ownedBy: scope === 'owned' ? access.actor.userId : undefined }, { after: first(search.after), before: first(search.before) });
  const base = `/tenants/${tenantId}/groups`;
  const canCreate = access.can('group.manage');
  const deleted = first(search.deleted);

  return (
    <>
      <PageHeader
        title="Groups"
        description={
          scope === 'owned'
            ? 'The security groups you own. As an owner you may add and remove their members.'
            : 'Security groups: owners, and members that are users or other groups. Environments count only direct user members.'
        }
        actions={canCreate ? <NewGroupButton tenantId={tenantId} /> : undefined}
      />
      {deleted && (
        <div className="mb-4">
          <Notice tone="success">Group {deleted} was deleted.</Notice>
        </div>
      )}
      <SearchForm action={base} formLabel="Search groups" label="Search groups" placeholder="Name or description" value={q} />

      {page.rows.length === 0 ? (
        q ? (
          <EmptyState title="No groups match">Try another search, or clear it to see every group.</EmptyState>
        ) : (
          <EmptyState title="No groups yet">
            Security groups gather users (and other groups), for example to decide who may use an environment.{canCreate ? ' Create the first one with New group.' : ''}
          </EmptyState>
        )
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Groups, {page.total} matching</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">Description</th>
                <th scope="col" className="px-4 py-3 text-right">User members</th>
                <th scope="col" className="px-4 py-3 text-right">Nested groups</th>
                <th scope="col" className="px-4 py-3 text-right">Owners</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((g) => (
                <tr key={g.id}>
                  <td className="px-4 py-3">
                    <Link href={`${base}/${g.id}`} className="font-medium text-brand-700 hover:underline">
                      {g.name}
                    </Link>
                  </td>
                  <td className="max-w-md truncate px-4 py-3 text-slate-600">{g.description ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{g.userMemberCount}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{g.nestedGroupCount}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{g.ownerCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>
          {page.total.toLocaleString('en')} group{page.total === 1 ? '' : 's'}
          {q ? ' matching' : ''}
        </span>
        <span className="flex gap-2">
          {page.prevCursor && (
            <Link href={`${base}${query({ q, before: page.prevCursor })}`} className={buttonClass('secondary', 'sm')}>
              Previous page
            </Link>
          )}
          {page.nextCursor && (
            <Link href={`${base}${query({ q, after: page.nextCursor })}`} className={buttonClass('secondary', 'sm')}>
              Next page
            </Link>
          )}
        </span>
      </nav>
    </>
  );
}
