import type { Metadata } from 'next';
import { SearchForm } from '@/app/_components/search-form';
import Link from 'next/link';
import { Badge, buttonClass, ButtonLink, EmptyState, formatDateTime, NotPermitted, PageHeader } from '@/app/_components/ui';
import { ENVIRONMENT_TYPE_LABELS } from '@/domain/environments/environment';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { listEnvironments, parseEnvironmentListFilter } from '@/server/queries/environments';

export const metadata: Metadata = { title: 'Environments' };

type Search = Record<string, string | string[] | undefined>;

export default async function EnvironmentsPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Search> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  const filter = parseEnvironmentListFilter(await searchParams);
  const list = await listEnvironments(db(), tenantId, filter);
  const base = `/tenants/${tenantId}/environments`;
  const canManage = access.can('environment.manage');
  const pageHref = (page: number) => `${base}?${new URLSearchParams({ ...(filter.q ? { q: filter.q } : {}), page: String(page) })}`;

  return (
    <>
      <PageHeader
        title="Environments"
        description="Each environment has its own user table, filled by the background sync and by adds on demand. Open one to see its users, sync history and what the sync decided for each of them."
        actions={
          canManage ? (
            <ButtonLink href={`${base}/new`} variant="primary">
              New environment
            </ButtonLink>
          ) : undefined
        }
      />
      <SearchForm action={base} formLabel="Search environments" label="Search environments" placeholder="Name" value={filter.q} />

      {list.total === 0 ? (
        filter.q ? (
          <EmptyState title="No environment matches">Nothing is named like “{filter.q}”.</EmptyState>
        ) : (
          <EmptyState title="No environments yet" action={canManage ? <ButtonLink href={`${base}/new`} variant="primary">New environment</ButtonLink> : undefined}>
            An environment gets its own user table: the background sync adds every eligible user of this directory to it.
          </EmptyState>
        )
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Environments of {access.tenant.name}</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">Type</th>
                <th scope="col" className="px-4 py-3">Dataverse</th>
                <th scope="col" className="px-4 py-3">Security group</th>
                <th scope="col" className="px-4 py-3 text-right">Enabled users</th>
                <th scope="col" className="px-4 py-3 text-right">Disabled</th>
                <th scope="col" className="px-4 py-3">Last sync</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.rows.map((e) => (
                <tr key={e.id}>
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    <Link href={`${base}/${e.id}`} className="text-brand-700 hover:underline">
                      {e.name}
                    </Link>
                  </th>
                  <td className="px-4 py-3">{ENVIRONMENT_TYPE_LABELS[e.type]}</td>
                  <td className="px-4 py-3">{e.hasDataverse ? <Badge tone="green">Yes</Badge> : <Badge>No</Badge>}</td>
                  <td className="px-4 py-3">{e.securityGroupName ?? <span className="text-slate-400">None</span>}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{e.enabledUsers.toLocaleString('en')}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{e.disabledUsers.toLocaleString('en')}</td>
                  <td className="px-4 py-3 text-slate-600">{e.lastSyncAt ? formatDateTime(e.lastSyncAt) : 'Never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pageCount > 1 && (
        <nav aria-label="Pages of environments" className="mt-4 flex items-center justify-between text-sm text-slate-600">
          <span>
            Page {list.page} of {list.pageCount} ({list.total.toLocaleString('en')} environments)
          </span>
          <span className="flex gap-2">
            {list.page > 1 && <Link className={buttonClass('secondary', 'sm')} href={pageHref(list.page - 1)}>Previous page</Link>}
            {list.page < list.pageCount && <Link className={buttonClass('secondary', 'sm')} href={pageHref(list.page + 1)}>Next page</Link>}
          </span>
        </nav>
      )}
    </>
  );
}
