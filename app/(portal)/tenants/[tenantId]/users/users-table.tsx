'use client';
// The users list: sortable columns, row selection (or "all N matching" across
// pages) and bulk block / unblock / delete, each confirmed with the count (and, for
// block and delete, their impact on environments).
import Link from 'next/link';
import { useActionState, useMemo, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { ImpactPreview } from '@/app/_components/impact-preview';
import { SubmitButton } from '@/app/_components/form';
import { Badge, buttonClass, EmptyState, formatDate, Notice } from '@/app/_components/ui';
import { MAX_PREVIEW_USERS } from '@/domain/environments/impact';
import { DIRECTORY_ROLES, isRoleId } from '@/domain/shared/permissions';
import { BULK_LIMIT, type BulkOperation, type BulkResult } from '@/domain/users/bulk-user-operation';
import type { ActionState } from '@/server/actions/action-state';
import type { UserListFilter, UserListRow, UserListSort } from '@/server/queries/users-list';
import { bulkUsersAction } from './actions';
import { filterQuery } from './filter-query';

export type UsersTableProps = {
  tenantId: string;
  rows: UserListRow[];
  total: number;
  filter: UserListFilter;
  nextCursor: string | null;
  prevCursor: string | null;
  canBulk: boolean;
  deletedCount: number;
};

const OPERATION_LABELS: Record<BulkOperation, { button: string; verb: string; done: string }> = {
  block: { button: 'Block sign-in', verb: 'Block sign-in for', done: 'blocked' },
  unblock: { button: 'Unblock sign-in', verb: 'Unblock sign-in for', done: 'unblocked' },
  delete: { button: 'Delete', verb: 'Delete', done: 'deleted' },
};


function SortHeader({ label, sort, filter, base }: { label: string; sort: UserListSort; filter: UserListFilter; base: string }) {
  const active = filter.sort === sort;
  const nextDir = active && filter.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" className="px-4 py-3" aria-sort={active ? (filter.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Link href={`${base}${filterQuery({ ...filter, sort, dir: nextDir })}`} className="inline-flex items-center gap-1 hover:text-slate-900">
        {label}
        <span aria-hidden="true">{active ? (filter.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
        <span className="sr-only">, sort {nextDir === 'asc' ? 'ascending' : 'descending'}</span>
      </Link>
    </th>
  );
}

export function UsersTable({ tenantId, rows, total, filter, nextCursor, prevCursor, canBulk }: UsersTableProps) {
  const base = `/tenants/${tenantId}/users`;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [pending, setPending] = useState<BulkOperation | null>(null);
  const [state, action] = useActionState<ActionState<BulkResult>, FormData>(async (previous, formData) => {
    const result = await bulkUsersAction(tenantId, previous, formData);
    setPending(null);
    if (result.status === 'success') {
      setSelected(new Set());
      setAllMatching(false);
    }
    return result;
  }, { status: 'idle' });
  const pageIds = useMemo(() => rows.map((r) => r.id), [rows]);

  const pageAllSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const count = allMatching ? total : selected.size;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      setAllMatching(false);
      return next;
    });

  const result = state.status === 'success' ? state.data : undefined;
  const nameOf = (id: string) => rows.find((r) => r.id === id)?.displayName ?? 'A user';

  return (
    <div>
      {result && (
        <div className="mb-4">
          <Notice tone={result.failed.length ? 'warning' : 'success'} title={`${result.succeeded} user${result.succeeded === 1 ? '' : 's'} ${OPERATION_LABELS[result.operation].done}.`}>
            {result.unchanged > 0 && <p>{result.unchanged} already were.</p>}
            {result.failed.length > 0 && (
              <>
                <p>{result.failed.length} could not be changed:</p>
                <ul className="mt-1 list-disc pl-5">
                  {result.failed.slice(0, 20).map((f) => (
                    <li key={f.userId}>
                      {nameOf(f.userId)}: {f.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Notice>
        </div>
      )}
      {state.status === 'error' && (
        <div className="mb-4">
          <Notice tone="error">{state.error?.message}</Notice>
        </div>
      )}

      {canBulk && count > 0 && (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-xl border border-brand-200 bg-brand-50 px-4 py-3" role="region" aria-label="Bulk actions">
          <span className="text-sm font-medium text-brand-900">
            {count.toLocaleString('en')} selected{allMatching ? ' (all matching)' : ''}
          </span>
          {(['block', 'unblock', 'delete'] as const).map((op) => (
            <button key={op} type="button" className={buttonClass(op === 'delete' ? 'danger' : 'secondary', 'sm')} onClick={() => setPending(op)}>
              {OPERATION_LABELS[op].button}
            </button>
          ))}
          <button type="button" className={buttonClass('ghost', 'sm')} onClick={() => { setSelected(new Set()); setAllMatching(false); }}>
            Clear selection
          </button>
        </div>
      )}
      {canBulk && pageAllSelected && total > rows.length && (
        <div className="mb-3 rounded-lg bg-slate-100 px-4 py-2 text-sm text-slate-700">
          {allMatching ? (
            <>
              All {total.toLocaleString('en')} matching users are selected.{' '}
              <button type="button" className="font-medium text-brand-700 underline" onClick={() => setAllMatching(false)}>
                Select only this page
              </button>
            </>
          ) : (
            <>
              All {rows.length} users on this page are selected.{' '}
              <button type="button" className="font-medium text-brand-700 underline" onClick={() => setAllMatching(true)}>
                Select all {total.toLocaleString('en')} matching
              </button>
            </>
          )}
        </div>
      )}

      {rows.length === 0 ? (
        <EmptyState title={filter.q || filter.status || filter.kind || filter.admin ? 'No users match' : 'No users yet'}>
          {filter.q || filter.status || filter.kind || filter.admin ? 'Try another search or clear the filters.' : 'Create the first user of this directory.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Users, {total} matching</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                {canBulk && (
                  <th scope="col" className="w-10 px-4 py-3">
                    <input
                      type="checkbox"
                      aria-label="Select all users on this page"
                      checked={pageAllSelected}
                      onChange={() => {
                        setAllMatching(false);
                        setSelected(pageAllSelected ? new Set() : new Set(pageIds));
                      }}
                      className="size-4 accent-brand-600"
                    />
                  </th>
                )}
                <SortHeader label="Display name" sort="displayName" filter={filter} base={base} />
                <SortHeader label="Sign-in name" sort="signInName" filter={filter} base={base} />
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Admin roles</th>
                <th scope="col" className="px-4 py-3">Licences</th>
                <SortHeader label="Created" sort="createdAt" filter={filter} base={base} />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className={selected.has(row.id) || allMatching ? 'bg-brand-50/50' : undefined}>
                  {canBulk && (
                    <td className="px-4 py-3">
                      <input type="checkbox" aria-label={`Select ${row.displayName}`} checked={allMatching || selected.has(row.id)} onChange={() => toggle(row.id)} className="size-4 accent-brand-600" />
                    </td>
                  )}
                  <td className="px-4 py-3">
                    <Link href={`${base}/${row.id}`} className="font-medium text-brand-700 hover:underline">
                      {row.displayName}
                    </Link>
                    {row.kind !== 'member' && <span className="ml-2"><Badge>{row.kind}</Badge></span>}
                  </td>
                  <td className="px-4 py-3 font-mono text-xs text-slate-700">{row.signInName}</td>
                  <td className="px-4 py-3">{row.accountEnabled ? <Badge tone="green">Active</Badge> : <Badge tone="red">Blocked</Badge>}</td>
                  <td className="px-4 py-3 text-slate-700">{row.roles.filter(isRoleId).map((r) => DIRECTORY_ROLES[r].name).join(', ') || <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-3 text-slate-700">{row.licences.join(', ') || <span className="text-slate-400">—</span>}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDate(row.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>
          {total.toLocaleString('en')} user{total === 1 ? '' : 's'} matching
        </span>
        <span className="flex gap-2">
          {prevCursor ? (
            <Link href={`${base}${filterQuery(filter, { before: prevCursor })}`} className={buttonClass('secondary', 'sm')}>
              Previous page
            </Link>
          ) : null}
          {nextCursor ? (
            <Link href={`${base}${filterQuery(filter, { after: nextCursor })}`} className={buttonClass('secondary', 'sm')}>
              Next page
            </Link>
          ) : null}
        </span>
      </nav>

      <Dialog open={pending !== null} onClose={() => setPending(null)} title={pending ? `${OPERATION_LABELS[pending].verb} ${count.toLocaleString('en')} user${count === 1 ? '' : 's'}?` : ''} role="alertdialog">
        {pending && allMatching && total > BULK_LIMIT && (
          // Too many for one request: the same change as a bulk job, with a preview of who
          // cannot be changed and why, progress, and a result that survives a restart.
          <div className="space-y-4">
            <p>
              That is more than {BULK_LIMIT.toLocaleString('en')} users, so it runs as a bulk job: you see its preview (who will be {OPERATION_LABELS[pending].done} and who cannot be, and why), confirm, and follow its progress.
            </p>
            <div className="flex justify-end gap-3">
              <button type="button" className={buttonClass('secondary')} onClick={() => setPending(null)}>
                Cancel
              </button>
              <Link
                href={`/tenants/${tenantId}/users/bulk?operation=${pending}&${filterQuery(filter, { all: '1' }).slice(1)}`}
                className={buttonClass(pending === 'delete' ? 'danger' : 'primary')}
              >
                Continue as a bulk job
              </Link>
            </div>
          </div>
        )}
        {pending && !(allMatching && total > BULK_LIMIT) && (
          <form action={action}>
            <p>
              {pending === 'delete'
                ? 'They move to Deleted users, can no longer sign in and their licences are released. You can restore them for 30 days.'
                : pending === 'block'
                  ? 'They can no longer sign in, and their open sessions end at once.'
                  : 'They can sign in again.'}{' '}
              You, the last Global Administrator, and users above your privileges are skipped and listed.
            </p>
            {pending !== 'unblock' && (
              <div className="mt-4">
                {allMatching || selected.size > MAX_PREVIEW_USERS ? (
                  <p className="text-sm text-slate-600">
                    Their access to environments is withdrawn by the next sync. The impact is listed user by user for a selection of up to {MAX_PREVIEW_USERS} users.
                  </p>
                ) : (
                  <ImpactPreview tenantId={tenantId} change={{ kind: pending === 'block' ? 'blockUsers' : 'deleteUsers', userIds: [...selected] }} />
                )}
              </div>
            )}
            <input type="hidden" name="operation" value={pending} />
            {allMatching ? (
              <>
                <input type="hidden" name="selectAll" value="1" />
                {(['q', 'status', 'kind', 'admin', 'sort', 'dir'] as const).map((k) => (filter[k] ? <input key={k} type="hidden" name={k} value={filter[k]} /> : null))}
              </>
            ) : (
              [...selected].map((id) => <input key={id} type="hidden" name="userIds" value={id} />)
            )}
            <div className="mt-6 flex justify-end gap-3">
              <button type="button" className={buttonClass('secondary')} onClick={() => setPending(null)}>
                Cancel
              </button>
              <SubmitButton variant={pending === 'delete' ? 'danger' : 'primary'} pendingLabel="Working…">
                {OPERATION_LABELS[pending].button}
              </SubmitButton>
            </div>
          </form>
        )}
      </Dialog>
    </div>
  );
}
