import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, buttonClass, ButtonLink, Card, EmptyState, formatDateTime, NotPermitted, Notice, PageHeader } from '@/app/_components/ui';
import { inputClassName } from '@/app/_components/styles';
import { ACCESS_MODE_LABELS, ENVIRONMENT_TYPE_LABELS, SYNC_TRIGGER_LABELS, type RowKind, type RowOrigin } from '@/domain/environments/environment';
import { isUuid } from '@/domain/shared/ids';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { getEnvironmentDetail, listEnvironmentRows, listSyncRuns, parseEnvironmentRowFilter, type EnvironmentRowFilter } from '@/server/queries/environments';
import { EnvironmentCommands } from './environment-commands';
import { RowActions } from './row-actions';

export const metadata: Metadata = { title: 'Environment' };

type Search = Record<string, string | string[] | undefined>;

const CREATED_VIA: Record<RowOrigin, string> = {
  backgroundSync: 'Background sync',
  onDemand: 'On demand',
  admin: 'Admin',
  import: 'Import',
  system: 'System',
};
const KIND_BADGE: Partial<Record<RowKind, string>> = {
  supportUser: 'Placeholder: support user',
  delegatedAdmin: 'Placeholder: delegated admin',
  application: 'Application user',
  stub: 'Stub',
};

export default async function EnvironmentPage({ params, searchParams }: { params: Promise<{ tenantId: string; environmentId: string }>; searchParams: Promise<Search> }) {
  const { tenantId, environmentId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  if (!isUuid(environmentId)) notFound();
  const search = await searchParams;
  const filter = parseEnvironmentRowFilter(search);
  const environment = await getEnvironmentDetail(db(), tenantId, environmentId);
  if (!environment) notFound();
  const [rows, runs] = await Promise.all([listEnvironmentRows(db(), tenantId, environmentId, filter), listSyncRuns(db(), tenantId, environmentId, filter.runs)]);
  const base = `/tenants/${tenantId}/environments`;
  const here = `${base}/${environmentId}`;
  const canManage = access.can('environment.manage');
  const href = (changes: Partial<EnvironmentRowFilter>) => {
    const next = { ...filter, ...changes };
    const query = new URLSearchParams();
    if (next.q) query.set('q', next.q);
    if (next.state) query.set('state', next.state);
    if (next.mode) query.set('mode', next.mode);
    if (next.page > 1) query.set('page', String(next.page));
    if (next.runs > 1) query.set('runs', String(next.runs));
    const text = query.toString();
    return text ? `${here}?${text}` : here;
  };
  const filtered = Boolean(filter.q || filter.state || filter.mode);

  return (
    <>
      <PageHeader
        title={environment.name}
        breadcrumbs={[{ href: base, label: 'Environments' }]}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="blue">{ENVIRONMENT_TYPE_LABELS[environment.type]}</Badge>
            {environment.hasDataverse ? <Badge tone="green">Dataverse</Badge> : <Badge>No Dataverse database</Badge>}
            <span>Security group: {environment.securityGroupName ?? 'none'}</span>
            {environment.creatorName && <span>· Created by {environment.creatorName}</span>}
            {environment.appPassCapacity > 0 && <span>· {environment.appPassCapacity.toLocaleString('en')} app passes</span>}
            {environment.hasSalesApp && <span>· Sales app</span>}
            {environment.allowRoleAssignmentOnDisabledUsers && <span>· Roles assignable on disabled users</span>}
          </span>
        }
        actions={canManage ? <ButtonLink href={`${here}/edit`}>Edit</ButtonLink> : undefined}
      />
      {first(search.saved) && (
        <div className="mb-4">
          <Notice tone="success">Saved. Its user table is synchronised with the new settings (on a large tenant, within a few seconds: see the sync history).</Notice>
        </div>
      )}
      <div className="mb-4 space-y-3">
        {!environment.hasDataverse && (
          <Notice tone="warning" title="No user table">
            {environment.name} has no Dataverse database, so nobody can be added to it (R0_DATAVERSE).
          </Notice>
        )}
        <Notice tone="info" title="Disabling someone in this environment">
          Removing a licence is not the recommended way: an administrator stays in as an Administrative user, and an on-demand allowance can keep a row.{' '}
          {environment.securityGroupName
            ? `Remove them from the environment’s security group, ${environment.securityGroupName}, instead.`
            : 'Give the environment a security group and remove them from it instead.'}
        </Notice>
      </div>
      <div className="mb-6">
        <EnvironmentCommands
          tenantId={tenantId}
          environment={{ id: environment.id, name: environment.name, hasDataverse: environment.hasDataverse, hasSalesApp: environment.hasSalesApp }}
          denial={access.denial('environment.manage')}
        />
      </div>

      <Card title="Users">
        <form method="get" action={here} role="search" aria-label="Search and filter the user table" className="mb-4 grid gap-3 sm:grid-cols-5">
          <label className="text-sm font-medium text-slate-700 sm:col-span-2">
            Search environment users
            <input type="search" name="q" defaultValue={filter.q ?? ''} placeholder="Name, sign-in name or application id" className={inputClassName} />
          </label>
          <label className="text-sm font-medium text-slate-700">
            State
            <select name="state" defaultValue={filter.state ?? ''} className={inputClassName}>
              <option value="">Any</option>
              <option value="enabled">Enabled</option>
              <option value="disabled">Disabled</option>
            </select>
          </label>
          <label className="text-sm font-medium text-slate-700">
            Access mode
            <select name="mode" defaultValue={filter.mode ?? ''} className={inputClassName}>
              <option value="">Any</option>
              {Object.entries(ACCESS_MODE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClass('primary')}>
              Search
            </button>
            {filtered && (
              <Link href={here} className={buttonClass('ghost')}>
                Clear
              </Link>
            )}
          </div>
        </form>
        {rows.total === 0 ? (
          <EmptyState title={filtered ? 'No user matches' : 'The user table is empty'}>
            {filtered
              ? 'Change the search or the filters.'
              : environment.hasDataverse
                ? 'Nobody has been added yet. Sync now adds every eligible user; Add user adds one on demand.'
                : 'Without a Dataverse database there is no user table.'}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Users of {environment.name}</caption>
              <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2">Display name</th>
                  <th scope="col" className="px-3 py-2">Sign-in name</th>
                  <th scope="col" className="px-3 py-2">State</th>
                  <th scope="col" className="px-3 py-2">Access mode</th>
                  <th scope="col" className="px-3 py-2">Security roles</th>
                  <th scope="col" className="px-3 py-2">Created via</th>
                  <th scope="col" className="px-3 py-2">Last synchronised</th>
                  {canManage && <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.rows.map((r) => (
                  <tr key={r.id} className="align-top">
                    <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                      {r.userId ? (
                        <Link href={`${here}/users/${r.userId}`} className="text-brand-700 hover:underline">
                          {r.displayName}
                        </Link>
                      ) : (
                        r.displayName
                      )}
                      {KIND_BADGE[r.kind] && (
                        <span className="ml-2">
                          <Badge>{KIND_BADGE[r.kind]}</Badge>
                        </span>
                      )}
                    </th>
                    <td className="px-3 py-2 font-mono text-xs">{r.signInName ?? (r.applicationId ? `app ${r.applicationId}` : '—')}</td>
                    <td className="px-3 py-2">{r.isEnabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}</td>
                    <td className="px-3 py-2">{ACCESS_MODE_LABELS[r.accessMode]}</td>
                    <td className="px-3 py-2">{r.securityRoles.length ? r.securityRoles.join(', ') : <span className="text-slate-400">None</span>}</td>
                    <td className="px-3 py-2">{CREATED_VIA[r.createdVia]}</td>
                    <td className="px-3 py-2 text-slate-600">{r.lastSyncedAt ? formatDateTime(r.lastSyncedAt) : '—'}</td>
                    {canManage && (
                      <td className="px-3 py-2">
                        <RowActions
                          tenantId={tenantId}
                          environmentId={environmentId}
                          row={{ id: r.id, displayName: r.displayName, kind: r.kind, isEnabled: r.isEnabled, accessMode: r.accessMode, securityRoles: r.securityRoles }}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rows.pageCount > 1 && (
          <nav aria-label="Pages of the user table" className="mt-4 flex items-center justify-between text-sm text-slate-600">
            <span>
              Page {rows.page} of {rows.pageCount} ({rows.total.toLocaleString('en')} rows)
            </span>
            <span className="flex gap-2">
              {rows.page > 1 && <Link className={buttonClass('secondary', 'sm')} href={href({ page: rows.page - 1 })}>Previous page</Link>}
              {rows.page < rows.pageCount && <Link className={buttonClass('secondary', 'sm')} href={href({ page: rows.page + 1 })}>Next page</Link>}
            </span>
          </nav>
        )}
      </Card>

      <Card title="Sync history" className="mt-6">
        {runs.total === 0 ? (
          <EmptyState title="No sync has run yet">The background sync runs every few minutes; Sync now runs it at once.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Sync history of {environment.name}</caption>
              <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2">When</th>
                  <th scope="col" className="px-3 py-2">Trigger</th>
                  <th scope="col" className="px-3 py-2 text-right">Added</th>
                  <th scope="col" className="px-3 py-2 text-right">Enabled</th>
                  <th scope="col" className="px-3 py-2 text-right">Disabled</th>
                  <th scope="col" className="px-3 py-2 text-right">Updated</th>
                  <th scope="col" className="px-3 py-2 text-right">Duration</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {runs.rows.map((run) => (
                  <tr key={run.id}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">{formatDateTime(run.startedAt)}</th>
                    <td className="px-3 py-2">
                      {SYNC_TRIGGER_LABELS[run.trigger]}
                      {run.status === 'failed' && (
                        <span className="ml-2" title={run.error ?? undefined}>
                          <Badge tone="red">Failed</Badge>
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{run.added}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{run.enabled}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{run.disabled}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{run.updated}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{run.durationMs === null ? '—' : `${run.durationMs.toLocaleString('en')} ms`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {runs.pageCount > 1 && (
          <nav aria-label="Pages of the sync history" className="mt-4 flex items-center justify-between text-sm text-slate-600">
            <span>
              Page {runs.page} of {runs.pageCount}
            </span>
            <span className="flex gap-2">
              {runs.page > 1 && <Link className={buttonClass('secondary', 'sm')} href={href({ runs: runs.page - 1 })}>Newer runs</Link>}
              {runs.page < runs.pageCount && <Link className={buttonClass('secondary', 'sm')} href={href({ runs: runs.page + 1 })}>Older runs</Link>}
            </span>
          </nav>
        )}
      </Card>
    </>
  );
}

function first(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}
