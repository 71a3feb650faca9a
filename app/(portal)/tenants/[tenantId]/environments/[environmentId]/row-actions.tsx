'use client';
// One row's commands: change the access mode, assign and remove security roles.
// Removing a role asks for confirmation first. Refusals (a role on a disabled
// row, an access mode the sync would undo) are shown beside the control.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SelectField, SubmitButton } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';
import type { AccessMode } from '@/domain/environments/eligibility';
import { ACCESS_MODE_LABELS, ASSIGNABLE_ACCESS_MODES, SECURITY_ROLES } from '@/domain/environments/environment';
import type { ActionState } from '@/server/actions/action-state';
import { changeAccessModeAction, changeSecurityRoleAction } from '../actions';

export type RowForActions = {
  id: string;
  displayName: string;
  kind: string;
  isEnabled: boolean;
  accessMode: AccessMode;
  securityRoles: string[];
};

const idle = { status: 'idle' } as const;

function AccessModeForm({ tenantId, environmentId, row }: { tenantId: string; environmentId: string; row: RowForActions }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ changed: boolean; accessMode: AccessMode }>, FormData>(async (previous, formData) => {
    const result = await changeAccessModeAction(tenantId, previous, formData);
    if (result.status === 'success') router.refresh();
    return result;
  }, idle);
  if (row.kind !== 'user') {
    return <p className="text-sm text-slate-600">The access mode of {row.kind === 'application' ? 'an application user' : row.kind === 'stub' ? 'a stub user' : 'a placeholder'} is fixed: {ACCESS_MODE_LABELS[row.accessMode]}.</p>;
  }
  const chosen = typeof state.values?.accessMode === 'string' ? state.values.accessMode : row.accessMode;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="environmentId" value={environmentId} />
      <input type="hidden" name="rowId" value={row.id} />
      <SelectField label="Access mode" name="accessMode" defaultValue={chosen} errors={state.error?.fieldErrors?.accessMode} className="min-w-48 flex-1">
        {ASSIGNABLE_ACCESS_MODES.map((m) => (
          <option key={m} value={m}>
            {ACCESS_MODE_LABELS[m]}
          </option>
        ))}
      </SelectField>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Change access mode
      </SubmitButton>
      {state.status === 'error' && !state.error?.fieldErrors && <Notice tone="error">{state.error?.message}</Notice>}
      {state.status === 'error' && state.error?.fieldErrors && <p className="w-full text-sm text-red-700">{state.error.message}</p>}
      {state.status === 'success' && <p className="w-full text-sm text-emerald-700">{state.message}</p>}
    </form>
  );
}

function RolesForm({ tenantId, environmentId, row }: { tenantId: string; environmentId: string; row: RowForActions }) {
  const router = useRouter();
  const [removing, setRemoving] = useState<string | null>(null);
  const [state, action] = useActionState<ActionState<{ changed: boolean; securityRoles: string[] }>, FormData>(async (previous, formData) => {
    const result = await changeSecurityRoleAction(tenantId, previous, formData);
    if (result.status === 'success') {
      setRemoving(null);
      router.refresh();
    }
    return result;
  }, idle);
  const roles = state.status === 'success' && state.data ? state.data.securityRoles : row.securityRoles;
  const available = SECURITY_ROLES.filter((r) => !roles.includes(r));
  if (row.kind === 'supportUser' || row.kind === 'delegatedAdmin') return <p className="text-sm text-slate-600">A placeholder’s security roles are managed by the service.</p>;
  return (
    <div className="space-y-3">
      <div>
        <h3 className="text-sm font-medium text-slate-800">Security roles</h3>
        {roles.length === 0 ? (
          <p className="text-sm text-slate-600">No security role: {row.displayName} can sign in but sees no data (R6_SECURITY_ROLE).</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {roles.map((role) => (
              <li key={role} className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium text-slate-900">{role}</span>
                {removing === role ? (
                  <form action={action} role="alertdialog" aria-label={`Remove ${role} from ${row.displayName}?`} className="flex items-center gap-2">
                    <span>Remove {role} from {row.displayName}?</span>
                    <input type="hidden" name="environmentId" value={environmentId} />
                    <input type="hidden" name="rowId" value={row.id} />
                    <input type="hidden" name="role" value={role} />
                    <input type="hidden" name="change" value="remove" />
                    <SubmitButton variant="danger" pendingLabel="Removing…">
                      Remove
                    </SubmitButton>
                    <button type="button" className={buttonClass('ghost', 'sm')} onClick={() => setRemoving(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <button type="button" className={buttonClass('ghost', 'sm')} aria-label={`Remove ${role}`} onClick={() => setRemoving(role)}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {available.length > 0 && (
        <form action={action} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="environmentId" value={environmentId} />
          <input type="hidden" name="rowId" value={row.id} />
          <input type="hidden" name="change" value="assign" />
          <SelectField label="Security role" name="role" defaultValue={available[0]} errors={state.error?.fieldErrors?.role} className="min-w-48 flex-1">
            {available.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
          <SubmitButton variant="secondary" pendingLabel="Assigning…">
            Assign role
          </SubmitButton>
        </form>
      )}
      {state.status === 'error' && (
        <Notice tone="error" title={state.error?.rule ? `Refused (${state.error.rule})` : undefined}>
          {state.error?.message}
          {typeof state.error?.details?.fix === 'string' && <span className="mt-1 block">Fix: {state.error.details.fix}</span>}
        </Notice>
      )}
      {!row.isEnabled && <p className="text-xs text-slate-500">{row.displayName} is disabled here: a role can be assigned only if the environment allows role assignment on disabled users.</p>}
    </div>
  );
}

export function RowActions({ tenantId, environmentId, row }: { tenantId: string; environmentId: string; row: RowForActions }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass('ghost', 'sm')} aria-label={`Manage ${row.displayName}`} onClick={() => setOpen(true)}>
        Manage
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`${row.displayName}`} size="lg">
        <div className="space-y-6">
          <AccessModeForm tenantId={tenantId} environmentId={environmentId} row={row} />
          <RolesForm tenantId={tenantId} environmentId={environmentId} row={row} />
          <div className="flex justify-end">
            <button type="button" className={buttonClass('secondary')} onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
