'use client';
// Deleted users: restore within 30 days (asking for a new sign-in name if the old
// one was taken meanwhile), or delete permanently after a second confirmation.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SubmitButton, TextField } from '@/app/_components/form';
import { Badge, buttonClass, formatDateTime, Notice } from '@/app/_components/ui';
import type { RestoredUser } from '@/domain/users/restore-user';
import type { ActionState } from '@/server/actions/action-state';
import { purgeUserAction, restoreUserAction } from '../actions';

export type DeletedRow = { id: string; displayName: string; signInName: string; deletedAt: string; deletedByName: string | null; daysLeft: number };

export function DeletedUsersTable({ tenantId, rows, empty }: { tenantId: string; rows: DeletedRow[]; empty: React.ReactNode }) {
  const router = useRouter();
  const [restoring, setRestoring] = useState<DeletedRow | null>(null);
  const [purging, setPurging] = useState<DeletedRow | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [newName, setNewName] = useState('');
  const [notice, setNotice] = useState<React.ReactNode>(null);
  const [restoreState, restoreAction] = useActionState<ActionState<RestoredUser>, FormData>(async (previous, formData) => {
    const result = await restoreUserAction(tenantId, previous, formData);
    const r = result.data;
    if (result.status === 'success' && r) {
      setNotice(
        <Notice tone={r.notReassignedLicences.length ? 'warning' : 'success'} title={`${r.displayName} is restored and can sign in as ${r.signInName}.`}>
          {r.reassignedLicences.length > 0 && <p>Licences re-assigned: {r.reassignedLicences.join(', ')}.</p>}
          {r.notReassignedLicences.length > 0 && <p>No free seat, so not re-assigned: {r.notReassignedLicences.join(', ')}. Free a seat or add seats, then assign them again.</p>}
        </Notice>,
      );
      setRestoring(null);
      router.refresh();
    }
    return result;
  }, { status: 'idle' });
  const [purgeState, purgeAction] = useActionState<ActionState<{ displayName: string }>, FormData>(async (previous, formData) => {
    const result = await purgeUserAction(tenantId, previous, formData);
    if (result.status === 'success') {
      setNotice(<Notice tone="success">{result.message}</Notice>);
      setPurging(null);
      router.refresh();
    }
    return result;
  }, { status: 'idle' });

  const restoreError = restoreState.status === 'error' ? restoreState.error : undefined;
  const needsNewName = restoreError?.details?.needsNewSignInName === true;
  const suggestions = Array.isArray(restoreError?.details?.suggestions) ? (restoreError.details.suggestions as string[]) : [];

  return (
    <>
      {notice && <div className="mb-4">{notice}</div>}
      {rows.length === 0 ? empty : (
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Deleted users</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Name</th>
              <th scope="col" className="px-4 py-3">Sign-in name</th>
              <th scope="col" className="px-4 py-3">Deleted</th>
              <th scope="col" className="px-4 py-3">Deleted by</th>
              <th scope="col" className="px-4 py-3">Days left</th>
              <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="px-4 py-3 font-medium text-slate-900">{row.displayName}</td>
                <td className="px-4 py-3 font-mono text-xs">{row.signInName}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDateTime(row.deletedAt)}</td>
                <td className="px-4 py-3 text-slate-600">{row.deletedByName ?? '—'}</td>
                <td className="px-4 py-3">
                  <Badge tone={row.daysLeft <= 3 ? 'red' : row.daysLeft <= 10 ? 'amber' : 'slate'}>
                    {row.daysLeft} day{row.daysLeft === 1 ? '' : 's'} left
                  </Badge>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right">
                  <div className="flex justify-end gap-2">
                    <button type="button" className={buttonClass('secondary', 'sm')} onClick={() => { setNewName(''); setRestoring(row); }}>
                      Restore
                    </button>
                    <button type="button" className={buttonClass('danger', 'sm')} onClick={() => { setUnderstood(false); setPurging(row); }}>
                      Delete permanently
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      )}

      <Dialog open={restoring !== null} onClose={() => setRestoring(null)} title={restoring ? `Restore ${restoring.displayName}?` : ''} role="alertdialog">
        {restoring && (
          <form action={restoreAction} className="space-y-4">
            <p>
              {restoring.displayName} comes back as they were, with their roles and group memberships. Each licence is re-assigned if its subscription still has a free seat.
            </p>
            {restoreError && <Notice tone="error">{restoreError.message}</Notice>}
            <input type="hidden" name="userId" value={restoring.id} />
            {needsNewName && (
              <div>
                <TextField label="New sign-in name" name="newSignInName" value={newName} onChange={(e) => setNewName(e.target.value)} errors={restoreError?.fieldErrors?.newSignInName} />
                {suggestions.length > 0 && (
                  <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
                    <span className="text-slate-600">Free:</span>
                    {suggestions.map((s) => (
                      <button key={s} type="button" className={buttonClass('secondary', 'sm')} onClick={() => setNewName(s)}>
                        {s}
                      </button>
                    ))}
                  </div>
                )}
              </div>
            )}
            <div className="flex justify-end gap-3">
              <button type="button" className={buttonClass('secondary')} onClick={() => setRestoring(null)}>
                Cancel
              </button>
              <SubmitButton pendingLabel="Restoring…">Restore</SubmitButton>
            </div>
          </form>
        )}
      </Dialog>

      <Dialog open={purging !== null} onClose={() => setPurging(null)} title={purging ? `Delete ${purging.displayName} permanently?` : ''} role="alertdialog">
        {purging && (
          <form action={purgeAction} className="space-y-4">
            <p>
              This cannot be undone. {purging.displayName} ({purging.signInName}), their role assignments and group memberships are removed for good. The audit log keeps the record.
            </p>
            {purgeState.status === 'error' && <Notice tone="error">{purgeState.error?.message}</Notice>}
            <input type="hidden" name="userId" value={purging.id} />
            <label className="flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} className="size-4 accent-red-600" />I understand that this is permanent
            </label>
            <div className="flex justify-end gap-3">
              <button type="button" className={buttonClass('secondary')} onClick={() => setPurging(null)}>
                Cancel
              </button>
              <SubmitButton variant="danger" disabled={!understood} pendingLabel="Deleting…">
                Delete permanently
              </SubmitButton>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
