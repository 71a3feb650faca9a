'use client';
// A subscription's assigned users, with Remove (confirmed, with its impact on environments).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SubmitButton } from '@/app/_components/form';
import { ImpactPreview } from '@/app/_components/impact-preview';
import { Badge, buttonClass, formatDate, Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import { removeLicenceAction } from '../actions';

export type AssigneeItem = { userId: string; displayName: string; signInName: string; accountEnabled: boolean; assignedAt: string };

function RemoveForm({ tenantId, subscriptionId, user, grantsDataverse, close, onDone }: {
  tenantId: string;
  subscriptionId: string;
  user: AssigneeItem;
  grantsDataverse: boolean;
  close: () => void;
  onDone: (message: string) => void;
}) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ displayName: string; productName: string }>, FormData>(async (previous, formData) => {
    const result = await removeLicenceAction(tenantId, previous, formData);
    if (result.status === 'success') {
      onDone(result.message ?? 'Licence removed.');
      close();
      router.refresh();
    }
    return result;
  }, { status: 'idle' });
  return (
    <form action={action} className="space-y-4">
      <p>
        The seat becomes free at once.{' '}
        {grantsDataverse &&
          'Removing a licence is not the recommended way to stop access to an environment (an administrator keeps access without one): remove the user from the environment’s security group instead.'}
      </p>
      {grantsDataverse && <ImpactPreview tenantId={tenantId} change={{ kind: 'removeLicence', userId: user.userId, subscriptionId }} />}
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="userId" value={user.userId} />
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton variant="danger" pendingLabel="Removing…">
          Remove
        </SubmitButton>
      </div>
    </form>
  );
}

export function AssigneesTable({ tenantId, subscription, rows, canRemove }: {
  tenantId: string;
  subscription: { id: string; productName: string; grantsDataverse: boolean };
  rows: AssigneeItem[];
  canRemove: boolean;
}) {
  const [removing, setRemoving] = useState<AssigneeItem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {message && <Notice tone="success">{message}</Notice>}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Users holding {subscription.productName}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Display name</th>
              <th scope="col" className="px-4 py-3">Sign-in name</th>
              <th scope="col" className="px-4 py-3">Status</th>
              <th scope="col" className="px-4 py-3">Assigned</th>
              {canRemove && (
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.userId}>
                <td className="px-4 py-3">
                  <Link href={`/tenants/${tenantId}/users/${row.userId}?tab=licences`} className="font-medium text-brand-700 hover:underline">
                    {row.displayName}
                  </Link>
                </td>
                <td className="px-4 py-3 font-mono text-xs text-slate-700">{row.signInName}</td>
                <td className="px-4 py-3">{row.accountEnabled ? <Badge tone="green">Active</Badge> : <Badge tone="red">Blocked</Badge>}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDate(row.assignedAt)}</td>
                {canRemove && (
                  <td className="px-4 py-3 text-right">
                    <button
                      type="button"
                      className={buttonClass('secondary', 'sm')}
                      aria-label={`Remove ${subscription.productName} from ${row.displayName}`}
                      onClick={() => {
                        setMessage(null);
                        setRemoving(row);
                      }}
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog open={removing !== null} onClose={() => setRemoving(null)} title={removing ? `Remove ${subscription.productName} from ${removing.displayName}?` : ''} role="alertdialog">
        {removing && (
          <RemoveForm
            tenantId={tenantId}
            subscriptionId={subscription.id}
            user={removing}
            grantsDataverse={subscription.grantsDataverse}
            close={() => setRemoving(null)}
            onDone={setMessage}
          />
        )}
      </Dialog>
    </div>
  );
}
