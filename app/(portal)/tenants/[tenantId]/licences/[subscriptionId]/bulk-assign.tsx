'use client';
// Bulk assignment of one subscription: pick users found with the users-list search
// and filters (checkboxes), or "all N matching"; confirm with the count and the free
// seats; then a report: assigned, already had it, and each failure with its reason.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useMemo, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SubmitButton } from '@/app/_components/form';
import { Badge, buttonClass, EmptyState, Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import type { UserListFilter } from '@/server/queries/users-list';
import { bulkAssignLicenceAction, type BulkAssignReport } from '../actions';

export type CandidateItem = { id: string; displayName: string; signInName: string; accountEnabled: boolean; usageLocation: string | null; hasLicence: boolean };

const FILTER_KEYS = ['q', 'status', 'kind', 'admin', 'sort', 'dir'] as const;

function pageHref(base: string, filter: UserListFilter, extra: Record<string, string>) {
  const params = new URLSearchParams({ tab: 'assign' });
  for (const k of FILTER_KEYS) {
    const v = filter[k];
    if (v && !(k === 'sort' && v === 'displayName') && !(k === 'dir' && v === 'asc')) params.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return `${base}?${params.toString()}`;
}

function Report({ report }: { report: BulkAssignReport }) {
  const shown = report.failed.slice(0, 50);
  return (
    <Notice tone={report.failed.length ? 'warning' : 'success'} title={`${report.assigned} user${report.assigned === 1 ? '' : 's'} assigned ${report.productName}.`}>
      <p>
        {report.alreadyAssigned} already had it. {report.failed.length} failed. Seats now: {report.consumed} of {report.seats} assigned.
      </p>
      {shown.length > 0 && (
        <ul className="mt-2 list-disc space-y-0.5 pl-5">
          {shown.map((f) => (
            <li key={f.userId}>
              <span className="font-medium">{report.names[f.userId] ?? 'Unknown user'}</span>: {f.reason}
            </li>
          ))}
          {report.failed.length > shown.length && <li>and {report.failed.length - shown.length} more.</li>}
        </ul>
      )}
    </Notice>
  );
}

export function BulkAssign({ tenantId, subscription, rows, total, filter, nextCursor, prevCursor }: {
  tenantId: string;
  subscription: { id: string; productName: string; seats: number; consumed: number; available: number };
  rows: CandidateItem[];
  total: number;
  filter: UserListFilter;
  nextCursor: string | null;
  prevCursor: string | null;
}) {
  const router = useRouter();
  const base = `/tenants/${tenantId}/licences/${subscription.id}`;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState<ActionState<BulkAssignReport>, FormData>(async (previous, formData) => {
    const result = await bulkAssignLicenceAction(tenantId, previous, formData);
    setConfirming(false);
    if (result.status === 'success') {
      setSelected(new Set());
      setAllMatching(false);
    }
    router.refresh();
    return result;
  }, { status: 'idle' });
  const selectable = useMemo(() => rows.filter((r) => !r.hasLicence).map((r) => r.id), [rows]);
  const pageAllSelected = selectable.length > 0 && selectable.every((id) => selected.has(id));
  const count = allMatching ? total : selected.size;
  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  return (
    <div className="space-y-4">
      {state.status === 'success' && state.data && <Report report={state.data} />}
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}

      <div className="flex flex-wrap items-center gap-3 rounded-xl border border-brand-200 bg-brand-50 px-4 py-3" role="region" aria-label="Bulk assignment">
        <span className="text-sm font-medium text-brand-900">
          {count.toLocaleString('en')} selected{allMatching ? ' (all matching)' : ''} · {subscription.available} seat{subscription.available === 1 ? '' : 's'} available
        </span>
        <button type="button" className={buttonClass('primary', 'sm')} disabled={count === 0} onClick={() => setConfirming(true)}>
          Assign {subscription.productName}
        </button>
        {count > 0 && (
          <button type="button" className={buttonClass('ghost', 'sm')} onClick={() => { setSelected(new Set()); setAllMatching(false); }}>
            Clear selection
          </button>
        )}
      </div>
      {pageAllSelected && total > rows.length && (
        <div className="rounded-lg bg-slate-100 px-4 py-2 text-sm text-slate-700">
          {allMatching ? (
            <>
              All {total.toLocaleString('en')} matching users are selected (those who hold it already are counted as such).{' '}
              <button type="button" className="font-medium text-brand-700 underline" onClick={() => setAllMatching(false)}>
                Select only this page
              </button>
            </>
          ) : (
            <>
              All users on this page are selected.{' '}
              <button type="button" className="font-medium text-brand-700 underline" onClick={() => setAllMatching(true)}>
                Select all {total.toLocaleString('en')} matching
              </button>
            </>
          )}
        </div>
      )}

      {rows.length === 0 ? (
        <EmptyState title={filter.q || filter.status || filter.kind || filter.admin ? 'No users match' : 'No users yet'}>Try another search or clear the filters.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Users to assign {subscription.productName} to, {total} matching</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="w-10 px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label="Select all users on this page"
                    checked={pageAllSelected}
                    disabled={selectable.length === 0}
                    onChange={() => {
                      setAllMatching(false);
                      setSelected(pageAllSelected ? new Set() : new Set(selectable));
                    }}
                    className="size-4 accent-brand-600"
                  />
                </th>
                <th scope="col" className="px-4 py-3">Display name</th>
                <th scope="col" className="px-4 py-3">Sign-in name</th>
                <th scope="col" className="px-4 py-3">Usage location</th>
                <th scope="col" className="px-4 py-3">{subscription.productName}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className={selected.has(row.id) || (allMatching && !row.hasLicence) ? 'bg-brand-50/50' : undefined}>
                  <td className="px-4 py-3">
                    <input
                      type="checkbox"
                      aria-label={`Select ${row.displayName}`}
                      checked={!row.hasLicence && (allMatching || selected.has(row.id))}
                      disabled={row.hasLicence}
                      onChange={() => toggle(row.id)}
                      className="size-4 accent-brand-600"
                    />
                  </td>
                  <td className="px-4 py-3 font-medium text-slate-900">
                    {row.displayName}
                    {!row.accountEnabled && (
                      <span className="ml-2">
                        <Badge tone="red">Blocked</Badge>
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3 font-mono text-xs text-slate-700">{row.signInName}</td>
                  <td className="px-4 py-3">{row.usageLocation ?? <Badge tone="amber">None: set one first</Badge>}</td>
                  <td className="px-4 py-3">{row.hasLicence ? <Badge tone="green">Assigned</Badge> : <span className="text-slate-400">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-slate-600">
        <span>
          {total.toLocaleString('en')} user{total === 1 ? '' : 's'} matching
        </span>
        <span className="flex gap-2">
          {prevCursor && (
            <Link href={pageHref(base, filter, { before: prevCursor })} className={buttonClass('secondary', 'sm')}>
              Previous page
            </Link>
          )}
          {nextCursor && (
            <Link href={pageHref(base, filter, { after: nextCursor })} className={buttonClass('secondary', 'sm')}>
              Next page
            </Link>
          )}
        </span>
      </nav>

      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Assign ${subscription.productName} to ${count.toLocaleString('en')} user${count === 1 ? '' : 's'}?`}>
        {confirming && (
          <form action={action} className="space-y-4">
            <p>
              {subscription.available} of {subscription.seats} seats are available. Users are assigned one by one in list order; once the seats run out, the rest are reported as “no seats left”.
              Users without a usage location are skipped and listed.
            </p>
            <input type="hidden" name="subscriptionId" value={subscription.id} />
            {allMatching ? (
              <>
                <input type="hidden" name="selectAll" value="1" />
                {FILTER_KEYS.map((k) => (filter[k] ? <input key={k} type="hidden" name={k} value={filter[k]} /> : null))}
              </>
            ) : (
              [...selected].map((id) => <input key={id} type="hidden" name="userIds" value={id} />)
            )}
            <div className="flex justify-end gap-3">
              <button type="button" className={buttonClass('secondary')} onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <SubmitButton pendingLabel="Assigning…">Assign</SubmitButton>
            </div>
          </form>
        )}
      </Dialog>
    </div>
  );
}
