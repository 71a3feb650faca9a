'use client';
// Commit a preview ("Import", or "Delete N users" / "Restore N users" with a
// confirmation naming the count), discard it, or stop a running job.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SubmitButton } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';
import { BULK_KIND_LABELS, type BulkJobKind } from '@/domain/imports/bulk-job';
import type { ActionState } from '@/server/actions/action-state';
import { cancelBulkJobAction, commitBulkJobAction } from '../actions';

type Kind = BulkJobKind;

const CONFIRM: Record<Kind, string> = { add: 'Import', delete: 'Delete', restore: 'Restore', block: 'Block sign-in', unblock: 'Unblock sign-in' };
const EFFECT: Record<Exclude<Kind, 'add'>, (users: string) => string> = {
  delete: (users) => `${users} move to Deleted users and can no longer sign in. Their licences are released; roles and group memberships are kept, so each can be restored within 30 days.`,
  restore: (users) => `${users} come back as they were, roles and group memberships included; each licence is re-assigned where a seat is free.`,
  block: (users) => `${users} can no longer sign in, and their open sessions end. Their access to environments is withdrawn by the sync.`,
  unblock: (users) => `${users} can sign in again.`,
};

export function CommitForm({ tenantId, jobId, kind, count }: { tenantId: string; jobId: string; kind: Kind; count: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState<ActionState<{ kind: BulkJobKind; rows: number }>, FormData>(async (previous, formData) => {
    const result = await commitBulkJobAction(tenantId, previous, formData);
    if (result.status === 'success') {
      setConfirming(false);
      router.refresh();
    }
    return result;
  }, { status: 'idle' });
  const users = `${count.toLocaleString('en')} user${count === 1 ? '' : 's'}`;
  const error = state.status === 'error' ? <Notice tone="error">{state.error?.message}</Notice> : null;

  if (kind === 'add') {
    return (
      <form action={action} className="space-y-3">
        <input type="hidden" name="jobId" value={jobId} />
        {error}
        <SubmitButton pendingLabel="Starting…">Import</SubmitButton>
      </form>
    );
  }
  return (
    <div className="space-y-3">
      {!confirming && error}
      <button type="button" className={buttonClass(kind === 'delete' ? 'danger' : 'primary')} onClick={() => setConfirming(true)}>
        {BULK_KIND_LABELS[kind].verb} {users}
      </button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`${BULK_KIND_LABELS[kind].verb} ${users}?`} role="alertdialog">
        <form action={action} className="space-y-4">
          <input type="hidden" name="jobId" value={jobId} />
          <p>
            {EFFECT[kind](users)} Each user is checked again as the job reaches them; the result lists any that could not be {BULK_KIND_LABELS[kind].done}.
          </p>
          {error}
          <div className="flex justify-end gap-3">
            <button type="button" className={buttonClass('secondary')} onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <SubmitButton variant={kind === 'delete' ? 'danger' : 'primary'} pendingLabel="Starting…">
              {CONFIRM[kind]}
            </SubmitButton>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

export function CancelForm({ tenantId, jobId, label, pendingLabel }: { tenantId: string; jobId: string; label: string; pendingLabel: string }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ status: 'cancelled' }>, FormData>(async (previous, formData) => {
    const result = await cancelBulkJobAction(tenantId, previous, formData);
    if (result.status === 'success') router.refresh();
    return result;
  }, { status: 'idle' });
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="jobId" value={jobId} />
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <SubmitButton variant="secondary" pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
    </form>
  );
}
