import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass, Card, NotPermitted, PageHeader } from '@/app/_components/ui';
import { BULK_KIND_LABELS, TARGET_KIND_PERMISSION } from '@/domain/imports/bulk-job';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { describeUserFilter, listRecentBulkJobs } from '@/server/queries/bulk-jobs';
import { listDeletedUsers, listUserIdsMatching, parseUserListFilter } from '@/server/queries/users-list';
import { RecentJobs } from '../import/_components/recent-jobs';
import { UploadForm } from '../import/_components/upload-form';
import { FilterPreview } from './filter-preview';

export const metadata: Metadata = { title: 'Bulk changes to users' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const FILTER_KEYS = ['q', 'status', 'kind', 'admin'] as const;
type Operation = keyof typeof TARGET_KIND_PERMISSION;
const OPERATIONS: Operation[] = ['delete', 'restore', 'block', 'unblock'];
const NAV_LABELS: Record<Operation, string> = { delete: 'Bulk delete', restore: 'Bulk restore', block: 'Bulk block sign-in', unblock: 'Bulk unblock sign-in' };
const DESCRIPTIONS: Record<Operation, string> = {
  delete: 'Delete many users at once: from a list of sign-in names, or every user matching a filter of the users list. You see who will be deleted and who cannot be (and why) before you confirm.',
  restore: 'Restore many deleted users at once (within 30 days of their deletion): from a list of sign-in names, or every deleted user matching a search.',
  block: 'Block sign-in for many users at once — their open sessions end: from a list of sign-in names, or every user matching a filter of the users list, however many. You see who cannot be blocked (and why) before you confirm.',
  unblock: 'Let many blocked users sign in again: from a list of sign-in names, or every user matching a filter of the users list, however many.',
};

/**
 * ?operation=delete|restore|block|unblock. With the users list's filter in the query (q,
 * status, kind, admin — and all=1 for "all users"), or the deleted list's search (q) for
 * a restore, it offers "all N matching" beside the upload. A job has no size limit
 * short of 50,000 rows, so the users list sends here selections too large for one request.
 */
export default async function BulkPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Search> }) {
  const { tenantId } = await params;
  const search = await searchParams;
  const requested = first(search.operation);
  const operation = OPERATIONS.find((o) => o === requested) ?? 'delete';
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial(TARGET_KIND_PERMISSION[operation]);
  if (denied) return <NotPermitted message={denied} />;

  const fromList = FILTER_KEYS.some((k) => first(search[k])) || first(search.all) === '1';
  let matching: { count: number; query: string; label: string } | null = null;
  if (fromList && operation !== 'restore') {
    const filter = parseUserListFilter(search);
    const { total } = await listUserIdsMatching(db(), tenantId, filter, 0);
    const query = new URLSearchParams(Object.entries({ q: filter.q, status: filter.status, kind: filter.kind, admin: filter.admin }).filter((e): e is [string, string] => Boolean(e[1])));
    matching = { count: total, query: query.toString(), label: describeUserFilter(filter) };
  } else if (fromList) {
    const q = first(search.q)?.trim().slice(0, 100) || undefined;
    const { total } = await listDeletedUsers(db(), tenantId, { q }, { size: 1 });
    matching = { count: total, query: q ? new URLSearchParams({ q }).toString() : '', label: describeUserFilter({ q }, 'deleted') };
  }
  const jobs = await listRecentBulkJobs(db(), tenantId, OPERATIONS);
  const base = `/tenants/${tenantId}/users/bulk`;
  const title = BULK_KIND_LABELS[operation].title;

  return (
    <>
      <PageHeader
        title={title}
        description={DESCRIPTIONS[operation]}
        breadcrumbs={[{ href: `/tenants/${tenantId}/users`, label: 'Users' }]}
        actions={
          <nav aria-label="Operation" className="flex flex-wrap gap-1">
            {OPERATIONS.map((o) => (
              <Link key={o} href={o === 'delete' ? base : `${base}?operation=${o}`} aria-current={operation === o ? 'page' : undefined} className={buttonClass(operation === o ? 'primary' : 'ghost', 'sm')}>
                {NAV_LABELS[o]}
              </Link>
            ))}
          </nav>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {matching && (
          <Card title={`All ${matching.count.toLocaleString('en')} matching`}>
            <div className="space-y-3 text-sm text-slate-700">
              <p>
                All {matching.count.toLocaleString('en')} {matching.label}, from the {operation === 'restore' ? 'deleted users' : 'users'} list. Preview them first: nothing changes until you
                confirm.
              </p>
              <FilterPreview tenantId={tenantId} operation={operation} query={matching.query} count={matching.count} />
            </div>
          </Card>
        )}
        <Card title="Upload a list of sign-in names">
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              A CSV with a <strong>User Name</strong> (or “Sign-in name”) column, or a single column of sign-in names. Up to 50,000 rows.
            </p>
            <UploadForm tenantId={tenantId} operation={operation} />
          </div>
        </Card>
      </div>
      <div className="mt-6">
        <Card title="Recent bulk changes">
          <RecentJobs tenantId={tenantId} jobs={jobs} empty="No bulk delete, restore, block or unblock yet in this tenant." />
        </Card>
      </div>
    </>
  );
}
