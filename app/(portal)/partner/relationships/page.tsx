import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, ButtonLink, buttonClass, cx, EmptyState, formatDate, Notice, NotPermitted, PageHeader } from '@/app/_components/ui';
import { inputClassName } from '@/app/_components/styles';
import { daysLeft, isAdminAgent, isExpiringSoon, lapsesAt, RELATIONSHIP_STATUS_LABELS, SALES_AGENT_LIMIT, seesCustomerListOnly, type RelationshipStatus } from '@/domain/partners/relationship';
import { roleName } from '@/domain/shared/permissions';
import { systemClock } from '@/server/clock';
import { requirePartnerStaff } from '@/server/partners/party';
import { listPartnerRelationships, parseStatusFilter, STATUS_FILTERS, type StatusFilter } from '@/server/queries/partners';
import { terminateRelationshipAction } from '../actions';
import { one, Pager } from '../paging';
import { ConfirmCommand } from './relationship-commands';

export const metadata: Metadata = { title: 'Relationships' };

const FILTER_LABELS: Record<StatusFilter, string> = { pending: 'Pending', active: 'Active', ended: 'Ended' };
const tone = (s: RelationshipStatus) => (s === 'active' ? 'green' : s === 'pending' ? 'amber' : 'slate');

export default async function RelationshipsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { party } = await requirePartnerStaff();
  if (seesCustomerListOnly(party)) return <NotPermitted message={SALES_AGENT_LIMIT} />;
  const search = await searchParams;
  const q = one(search.q)?.trim() || undefined;
  const status = parseStatusFilter(one(search.status));
  const now = systemClock.now();
  const list = await listPartnerRelationships(party.tenantId, { q, status, page: one(search.page) });
  const admin = isAdminAgent(party, party.tenantId);
  const terminate = terminateRelationshipAction.bind(null, party.tenantId);
  const expiring = list.rows.filter((r) => isExpiringSoon(r, now));
  const href = (s?: StatusFilter) => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (s) p.set('status', s);
    const str = p.toString();
    return str ? `/partner/relationships?${str}` : '/partner/relationships';
  };
  const total = list.counts.pending + list.counts.active + list.counts.ended;
  return (
    <>
      <PageHeader
        title="Relationships"
        description="Delegated administration of your customers: the roles each relationship grants, until when, and which of your groups use them."
        actions={admin ? <ButtonLink href="/partner/relationships/new" variant="primary">Request relationship</ButtonLink> : undefined}
      />
      {one(search.requested) && (
        <div className="mb-4">
          <Notice tone="success">Request sent to {one(search.requested)}. It waits for their Global Administrator’s approval, and lapses after 90 days.</Notice>
        </div>
      )}
      {!admin && (
        <div className="mb-4">
          <Notice tone="info">Only Admin agents request, terminate and assign relationships. You can see them here.</Notice>
        </div>
      )}
      {expiring.length > 0 && (
        <div className="mb-4">
          <Notice tone="warning" title="Ending within 30 days">
            <ul className="list-disc pl-5">
              {expiring.map((r) => (
                <li key={r.id}>
                  {r.customerName}: {r.autoExtend ? 'extends automatically' : 'ends'} on {formatDate(r.endsAt)}
                </li>
              ))}
            </ul>
          </Notice>
        </div>
      )}
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <nav aria-label="Relationship status" className="flex flex-wrap gap-1">
          <Link href={href()} aria-current={!status ? 'page' : undefined} className={cx(buttonClass(!status ? 'primary' : 'ghost', 'sm'))}>
            All ({total})
          </Link>
          {STATUS_FILTERS.map((s) => (
            <Link key={s} href={href(s)} aria-current={status === s ? 'page' : undefined} className={buttonClass(status === s ? 'primary' : 'ghost', 'sm')}>
              {FILTER_LABELS[s]} ({list.counts[s]})
            </Link>
          ))}
        </nav>
        <form method="get" action="/partner/relationships" role="search" aria-label="Search relationships" className="flex items-end gap-2">
          {status && <input type="hidden" name="status" value={status} />}
          <label className="text-sm font-medium text-slate-700">
            Search relationships
            <input type="search" name="q" defaultValue={q ?? ''} placeholder="Customer name or domain" className={inputClassName} />
          </label>
          <button type="submit" className={buttonClass('secondary')}>
            Search
          </button>
        </form>
      </div>
      {list.rows.length === 0 ? (
        <EmptyState
          title={q || status ? 'No relationship matches' : 'No relationships yet'}
          action={admin && !q && !status ? <ButtonLink href="/partner/relationships/new" variant="primary">Request relationship</ButtonLink> : undefined}
        >
          {q || status ? 'Try another filter.' : 'Request a relationship with a customer tenant to administer it on its behalf.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Relationships</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Customer</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Roles</th>
                <th scope="col" className="px-4 py-3">Duration</th>
                <th scope="col" className="px-4 py-3">End</th>
                <th scope="col" className="px-4 py-3">Access</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Commands</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.rows.map((r) => {
                const left = daysLeft(r, now);
                return (
                  <tr key={r.id} className="align-top">
                    <td className="px-4 py-3">
                      <Link href={`/partner/relationships/${r.id}`} className="font-medium text-brand-700 hover:underline">
                        {r.customerName}
                      </Link>
                      <span className="block text-xs text-slate-500">{r.customerDomain}</span>
                    </td>
                    <td className="px-4 py-3">
                      <Badge tone={tone(r.status)}>{RELATIONSHIP_STATUS_LABELS[r.status]}</Badge>
                    </td>
                    <td className="px-4 py-3 text-slate-700">{r.roles.map(roleName).join(', ')}</td>
                    <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                      {r.durationDays} days{r.autoExtend ? ' · auto-extend' : ''}
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                      {r.status === 'active' ? (
                        <>
                          {formatDate(r.endsAt)}
                          {left !== null && <span className="block text-xs text-slate-500">{left} day{left === 1 ? '' : 's'} left</span>}
                        </>
                      ) : r.status === 'pending' ? (
                        <span className="text-slate-500">Lapses {formatDate(lapsesAt(r))}</span>
                      ) : (
                        <span className="text-slate-500">Ended {formatDate(r.endedAt)}</span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-slate-700">
                      {r.status !== 'active' ? (
                        <span className="text-slate-400">—</span>
                      ) : r.assignments.length ? (
                        <ul>
                          {r.assignments.map((a) => (
                            <li key={a.groupId}>
                              <span className="font-medium">{a.groupName}</span>: {a.roles.map(roleName).join(', ')}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="text-amber-700">No group assigned yet</span>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      <div className="flex flex-wrap justify-end gap-2">
                        {r.status === 'active' && (
                          <Link href={`/partner/relationships/${r.id}`} className={buttonClass('secondary', 'sm')} aria-label={`Manage access to ${r.customerName}`}>
                            Manage access
                          </Link>
                        )}
                        {admin && r.status === 'active' && (
                          <ConfirmCommand
                            action={terminate}
                            relationshipId={r.id}
                            verb="Terminate"
                            label={`Terminate the relationship with ${r.customerName}`}
                            variant="danger"
                            title={`Terminate the relationship with ${r.customerName}?`}
                            body={<p>Your agents lose their access to {r.customerName} at once. To work there again you need a new request and the customer’s approval.</p>}
                          />
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager base="/partner/relationships" params={{ q, status }} page={list.page} pages={list.pages} total={list.total} noun="relationship" />
    </>
  );
}
