'use client';
// A role's holders, with "Add assignment" (search a user, confirm) and remove (confirm).
import { useRouter } from 'next/navigation';
import { useActionState, useState, useTransition } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SubmitButton } from '@/app/_components/form';
import { inputClassName } from '@/app/_components/styles';
import { Badge, buttonClass, formatDate, Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import type { RoleHolder } from '@/server/queries/roles';
import { changeRoleAssignmentAction, searchUsersAction } from '../actions';

type Found = { id: string; displayName: string; signInName: string };

function AddAssignment({ tenantId, roleId, roleName, close }: { tenantId: string; roleId: string; roleName: string; close: (message?: string) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [chosen, setChosen] = useState<Found | null>(null);
  const [searching, startSearch] = useTransition();
  const [state, action] = useActionState<ActionState<{ changed: boolean; displayName: string }>, FormData>(async (previous, formData) => {
    const result = await changeRoleAssignmentAction(tenantId, previous, formData);
    if (result.status === 'success' && result.data) close(result.data.changed ? `${roleName} assigned to ${result.data.displayName}.` : `${result.data.displayName} already holds ${roleName}.`);
    return result;
  }, { status: 'idle' });
  const search = () =>
    startSearch(async () => {
      const fd = new FormData();
      fd.set('q', q);
      const result = await searchUsersAction(tenantId, { status: 'idle' }, fd);
      setFound(result.status === 'success' ? (result.data ?? []) : []);
    });
  return (
    <form action={action} className="space-y-4">
      <div className="flex items-end gap-2">
        <label className="flex-1 text-sm font-medium text-slate-700">
          Find a user
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                search();
              }
            }}
            placeholder="Name or sign-in name"
            className={inputClassName}
          />
        </label>
        <button type="button" className={buttonClass('secondary')} onClick={search} disabled={searching}>
          {searching ? 'Searching…' : 'Search'}
        </button>
      </div>
      {found && found.length === 0 && <p className="text-sm text-slate-600">No users match.</p>}
      {found && found.length > 0 && (
        <fieldset className="max-h-64 space-y-1 overflow-y-auto">
          <legend className="sr-only">Users</legend>
          {found.map((u) => (
            <label key={u.id} className="flex items-center gap-3 rounded-lg px-2 py-1.5 hover:bg-slate-50">
              <input type="radio" name="userId" value={u.id} checked={chosen?.id === u.id} onChange={() => setChosen(u)} className="size-4 accent-brand-600" aria-label={u.displayName} />
              <span className="text-sm">
                <span className="font-medium">{u.displayName}</span> <span className="text-slate-500">{u.signInName}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="roleId" value={roleId} />
      <input type="hidden" name="change" value="add" />
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={() => close()}>
          Cancel
        </button>
        <SubmitButton disabled={!chosen} pendingLabel="Assigning…">
          {chosen ? `Assign to ${chosen.displayName}` : 'Assign'}
        </SubmitButton>
      </div>
    </form>
  );
}

function RemoveAssignment({ tenantId, roleId, roleName, holder, close }: { tenantId: string; roleId: string; roleName: string; holder: RoleHolder; close: (message?: string) => void }) {
  const [state, action] = useActionState<ActionState<{ changed: boolean; displayName: string }>, FormData>(async (previous, formData) => {
    const result = await changeRoleAssignmentAction(tenantId, previous, formData);
    if (result.status === 'success') close(`${roleName} removed from ${holder.displayName}.`);
    return result;
  }, { status: 'idle' });
  return (
    <form action={action} className="space-y-4">
      <p>
        {holder.displayName} loses what {roleName} allows at once.
      </p>
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="userId" value={holder.id} />
      <input type="hidden" name="roleId" value={roleId} />
      <input type="hidden" name="change" value="remove" />
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={() => close()}>
          Cancel
        </button>
        <SubmitButton variant="danger" pendingLabel="Removing…">
          Remove
        </SubmitButton>
      </div>
    </form>
  );
}

export function RoleHolders({ tenantId, roleId, roleName, holders, canAssign }: { tenantId: string; roleId: string; roleName: string; holders: RoleHolder[]; canAssign: boolean }) {
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<RoleHolder | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = (m?: string) => {
    setAdding(false);
    setRemoving(null);
    if (m) {
      setMessage(m);
      router.refresh();
    }
  };
  return (
    <div className="space-y-4">
      {message && <Notice tone="success">{message}</Notice>}
      {canAssign && (
        <button type="button" className={buttonClass('primary')} onClick={() => setAdding(true)}>
          Add assignment
        </button>
      )}
      {holders.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">Nobody holds {roleName}.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Holders of {roleName}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Display name</th>
                <th scope="col" className="px-4 py-3">Sign-in name</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Assigned</th>
                {canAssign && <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {holders.map((h) => (
                <tr key={h.id}>
                  <td className="px-4 py-3">
                    <a href={`/tenants/${tenantId}/users/${h.id}`} className="font-medium text-brand-700 hover:underline">
                      {h.displayName}
                    </a>
                  </td>
                  <td className="px-4 py-3 font-mono text-xs">{h.signInName}</td>
                  <td className="px-4 py-3">{h.accountEnabled ? <Badge tone="green">Active</Badge> : <Badge tone="red">Blocked</Badge>}</td>
                  <td className="px-4 py-3 text-slate-600">{formatDate(h.assignedAt)}</td>
                  {canAssign && (
                    <td className="px-4 py-3 text-right">
                      <button type="button" className={buttonClass('secondary', 'sm')} onClick={() => setRemoving(h)}>
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog open={adding} onClose={() => setAdding(false)} title={`Add an assignment of ${roleName}`} size="lg">
        <AddAssignment tenantId={tenantId} roleId={roleId} roleName={roleName} close={done} />
      </Dialog>
      <Dialog open={removing !== null} onClose={() => setRemoving(null)} title={removing ? `Remove ${roleName} from ${removing.displayName}?` : ''} role="alertdialog">
        {removing && <RemoveAssignment tenantId={tenantId} roleId={roleId} roleName={roleName} holder={removing} close={done} />}
      </Dialog>
    </div>
  );
}
