'use client';
// The tenant's subscriptions: product, flags, seats with a progress bar, and (for
// admins who may manage seats) "Change seats" in a small dialog, its error beside
// the field.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SubmitButton, TextField } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';
import type { SetSeatCountResult } from '@/domain/licences/set-seat-count';
import type { SubscriptionFlags } from '@/domain/licences/subscription';
import type { ActionState } from '@/server/actions/action-state';
import { setSeatCountAction } from '../actions';
import { FlagBadges, SeatBar } from './seat-bar';

export type SubscriptionRow = { id: string; productName: string; seats: number; consumed: number; available: number; flags: SubscriptionFlags };

function SeatsForm({ tenantId, subscription, close, onDone }: { tenantId: string; subscription: SubscriptionRow; close: () => void; onDone: (message: string) => void }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<SetSeatCountResult>, FormData>(async (previous, formData) => {
    const result = await setSeatCountAction(tenantId, previous, formData);
    if (result.status === 'success') {
      onDone(result.message ?? 'Saved.');
      close();
    }
    router.refresh();
    return result;
  }, { status: 'idle' });
  const error = state.status === 'error' ? state.error : undefined;
  const seatErrors = error?.fieldErrors?.seats;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="subscriptionId" value={subscription.id} />
      {error && !seatErrors?.length && <Notice tone="error">{error.message}</Notice>}
      <TextField
        label="Seats"
        name="seats"
        type="number"
        inputMode="numeric"
        min={subscription.consumed}
        step={1}
        required
        defaultValue={typeof state.values?.seats === 'string' ? state.values.seats : String(subscription.seats)}
        errors={seatErrors?.length ? [error?.rule === 'SEATS_BELOW_CONSUMED' ? error.message : seatErrors.join(' ')] : undefined}
        hint={`At least ${subscription.consumed}: that many seats are assigned now.`}
      />
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}

export function SubscriptionsTable({ tenantId, rows, canManageSeats }: { tenantId: string; rows: SubscriptionRow[]; canManageSeats: boolean }) {
  const [editing, setEditing] = useState<SubscriptionRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const base = `/tenants/${tenantId}/licences`;
  return (
    <div className="space-y-4">
      {message && <Notice tone="success">{message}</Notice>}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Subscriptions and their seats</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Product</th>
              <th scope="col" className="px-4 py-3">Includes</th>
              <th scope="col" className="px-4 py-3 text-right">Seats</th>
              <th scope="col" className="px-4 py-3 text-right">Assigned</th>
              <th scope="col" className="px-4 py-3 text-right">Available</th>
              <th scope="col" className="px-4 py-3">Usage</th>
              {canManageSeats && (
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="px-4 py-3">
                  <Link href={`${base}/${row.id}`} className="font-medium text-brand-700 hover:underline">
                    {row.productName}
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <FlagBadges flags={row.flags} />
                </td>
                <td className="px-4 py-3 text-right tabular-nums">{row.seats}</td>
                <td className="px-4 py-3 text-right tabular-nums">{row.consumed}</td>
                <td className={row.available === 0 ? 'px-4 py-3 text-right font-medium tabular-nums text-red-700' : 'px-4 py-3 text-right tabular-nums'}>{row.available}</td>
                <td className="px-4 py-3">
                  <SeatBar productName={row.productName} seats={row.seats} consumed={row.consumed} />
                </td>
                {canManageSeats && (
                  <td className="px-4 py-3 text-right">
                    <button
                      type="button"
                      className={buttonClass('secondary', 'sm')}
                      aria-label={`Change seats of ${row.productName}`}
                      onClick={() => {
                        setMessage(null);
                        setEditing(row);
                      }}
                    >
                      Change seats
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing ? `Change seats of ${editing.productName}` : ''}>
        {editing && <SeatsForm tenantId={tenantId} subscription={editing} close={() => setEditing(null)} onDone={setMessage} />}
      </Dialog>
    </div>
  );
}
