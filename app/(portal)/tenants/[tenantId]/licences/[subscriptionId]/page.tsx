import type { Metadata } from 'next';
import { SearchForm } from '@/app/_components/search-form';
import { LinkTabs } from '@/app/_components/link-tabs';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { inputClassName } from '@/app/_components/styles';
import { buttonClass, Card, EmptyState, NotPermitted, Notice, PageHeader } from '@/app/_components/ui';
import { isUuid } from '@/domain/shared/ids';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { getSubscriptionSummary, listAssignmentCandidates, listSubscriptionAssignees, type SubscriptionSummary } from '@/server/queries/licences';
import { parseUserListFilter } from '@/server/queries/users-list';
import { FlagBadges, SeatBar } from '../_components/seat-bar';
import { AssigneesTable } from './assignees-table';
import { BulkAssign } from './bulk-assign';

export const metadata: Metadata = { title: 'Subscription' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const TABS = [
  { id: 'assigned', label: 'Assigned users' },
  { id: 'assign', label: 'Assign to users' },
] as const;

export default async function SubscriptionPage({ params, searchParams }: { params: Promise<{ tenantId: string; subscriptionId: string }>; searchParams: Promise<Search> }) {
  const { tenantId, subscriptionId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  if (!isUuid(subscriptionId)) notFound();
  const subscription = await getSubscriptionSummary(db(), tenantId, subscriptionId);
  if (!subscription) notFound();

  const search = await searchParams;
  const tab = first(search.tab) === 'assign' ? 'assign' : 'assigned';
  const base = `/tenants/${tenantId}/licences/${subscription.id}`;
  const assignDenial = access.denial('licence.assign');

  return (
    <>
      <PageHeader
        title={subscription.productName}
        breadcrumbs={[{ href: `/tenants/${tenantId}/licences`, label: 'Licences' }]}
        description={
          <span className="mt-2 flex flex-wrap items-center gap-4">
            <SeatBar productName={subscription.productName} seats={subscription.seats} consumed={subscription.consumed} className="w-72" />
            <FlagBadges flags={subscription.flags} />
          </span>
        }
      />
      <nav aria-label="Subscription sections" className="mb-6 border-b border-slate-200">
        <LinkTabs
          label={`Sections of ${subscription.productName}`}
          tabs={TABS.map((t) => ({ id: t.id, label: t.label, href: t.id === 'assigned' ? base : `${base}?tab=${t.id}` }))}
          selected={tab}
          idPrefix="subscription-tab"
          panelId="subscription-tab-panel"
        />
      </nav>

      <div id="subscription-tab-panel" role="tabpanel" aria-labelledby={`subscription-tab-${tab}`}>
        {tab === 'assigned' ? (
          <AssignedTab tenantId={tenantId} subscription={subscription} search={search} assignDenial={assignDenial} />
        ) : (
          <AssignTab tenantId={tenantId} subscription={subscription} search={search} assignDenial={assignDenial} />
        )}
      </div>
    </>
  );
}

type TabProps = { tenantId: string; subscription: SubscriptionSummary; search: Search; assignDenial: string | null };

const pageOf = (search: Search) => ({ after: first(search.after), before: first(search.before) });

async function AssignedTab({ tenantId, subscription, search, assignDenial }: TabProps) {
  const base = `/tenants/${tenantId}/licences/${subscription.id}`;
  const page = pageOf(search);
  const q = first(search.q)?.trim().slice(0, 100) || undefined;
  const assignees = await listSubscriptionAssignees(db(), tenantId, subscription.id, { q }, page);
  const href = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString()}`;
  return (
    <>
      <SearchForm action={base} formLabel={`Search users holding ${subscription.productName}`} label="Search assigned users" placeholder="Name or sign-in name" value={q} />
      {assignees.rows.length === 0 ? (
        q ? (
          <EmptyState title="No assigned user matches">Try another search or clear it.</EmptyState>
        ) : (
          <EmptyState
            title="Nobody holds this licence"
            action={
              assignDenial ? undefined : (
                <Link href={`${base}?tab=assign`} className={buttonClass('primary')}>
                  Assign to users
                </Link>
              )
            }
          >
            {subscription.seats} seat{subscription.seats === 1 ? ' is' : 's are'} free.
          </EmptyState>
        )
      ) : (
        <AssigneesTable
          key={JSON.stringify([q, page])}
          tenantId={tenantId}
          subscription={{ id: subscription.id, productName: subscription.productName, grantsDataverse: subscription.flags.grantsDataverse }}
          rows={assignees.rows.map((r) => ({ ...r, assignedAt: r.assignedAt.toISOString() }))}
          canRemove={!assignDenial}
        />
      )}
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>
          {assignees.total.toLocaleString('en')} user{assignees.total === 1 ? '' : 's'} {q ? 'matching' : 'assigned'}
        </span>
        <span className="flex gap-2">
          {assignees.prevCursor && (
            <Link href={href({ before: assignees.prevCursor })} className={buttonClass('secondary', 'sm')}>
              Previous page
            </Link>
          )}
          {assignees.nextCursor && (
            <Link href={href({ after: assignees.nextCursor })} className={buttonClass('secondary', 'sm')}>
              Next page
            </Link>
          )}
        </span>
      </nav>
    </>
  );
}

async function AssignTab({ tenantId, subscription, search, assignDenial }: TabProps) {
  const base = `/tenants/${tenantId}/licences/${subscription.id}`;
  const page = pageOf(search);
  if (assignDenial) {
    return (
      <Card>
        <Notice tone="warning" title="You cannot assign licences">
          {assignDenial}
        </Notice>
      </Card>
    );
  }
  const filter = parseUserListFilter(search);
  const candidates = await listAssignmentCandidates(db(), tenantId, subscription.id, filter, page);
  const filtered = Boolean(filter.q || filter.status || filter.kind || filter.admin);
  return (
    <>
      <form method="get" action={base} role="search" aria-label="Search users to assign" className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-6">
        <input type="hidden" name="tab" value="assign" />
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
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass('primary')}>
            Search
          </button>
          {filtered && (
            <Link href={`${base}?tab=assign`} className={buttonClass('ghost')}>
              Clear
            </Link>
          )}
        </div>
      </form>
      <BulkAssign
        key={JSON.stringify([filter, page])}
        tenantId={tenantId}
        subscription={{ id: subscription.id, productName: subscription.productName, seats: subscription.seats, consumed: subscription.consumed, available: subscription.available }}
        rows={candidates.rows.map((r) => ({ id: r.id, displayName: r.displayName, signInName: r.signInName, accountEnabled: r.accountEnabled, usageLocation: r.usageLocation, hasLicence: r.hasLicence }))}
        total={candidates.total}
        filter={filter}
        nextCursor={candidates.nextCursor}
        prevCursor={candidates.prevCursor}
      />
    </>
  );
}
