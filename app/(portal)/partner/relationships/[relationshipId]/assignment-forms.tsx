'use client';
// Access assignments of one active relationship: map a partner group to a subset of
// the relationship's roles; remove a mapping after a confirmation.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { FormError, SelectField, SubmitButton } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';
import type { RoleId } from '@/domain/shared/permissions';
import type { ActionState } from '@/server/actions/action-state';
import { removeAccessAssignmentAction, setAccessAssignmentAction } from '../../actions';
import { RoleChoices, textOf } from '../../form-bits';

export function AssignAccessForm({ tenantId, relationshipId, roles, groups }: { tenantId: string; relationshipId: string; roles: RoleId[]; groups: { id: string; name: string; directMembers: number }[] }) {
  const router = useRouter();
  const [formKey, setFormKey] = useState(0);
  const [state, action] = useActionState<ActionState<{ groupName: string; roles: string[] }>, FormData>(async (previous, formData) => {
    const result = await setAccessAssignmentAction(tenantId, previous, formData);
    if (result.status === 'success') {
      setFormKey((k) => k + 1);
      router.refresh();
    }
    return result;
  }, { status: 'idle' });
  const errors = state.status === 'error' ? (state.error?.fieldErrors ?? {}) : {};
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  if (!groups.length) {
    return <Notice tone="info">Your organisation has no security groups yet. Create one under Groups of your own tenant, add agents to it, then come back to assign it.</Notice>;
  }
  return (
    <form key={formKey} action={action} className="space-y-4" noValidate>
      {state.status === 'success' && state.message && <Notice tone="success">{state.message}</Notice>}
      {state.status === 'error' && !Object.keys(errors).length && <FormError message={state.error?.message} />}
      <input type="hidden" name="relationshipId" value={relationshipId} />
      <SelectField label="Group" name="groupId" required defaultValue={textOf(values.groupId)} errors={errors.groupId} className="max-w-md" hint="Only direct members of the group get the roles; members through nested groups do not.">
        <option value="">Choose a group…</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name} ({g.directMembers} direct member{g.directMembers === 1 ? '' : 's'})
          </option>
        ))}
      </SelectField>
      <RoleChoices
        legend="Roles for this group"
        hint="A subset of the relationship’s roles. Saving for a group already assigned replaces its roles."
        roles={roles}
        selected={Array.isArray(values.roles) ? values.roles : values.roles ? [values.roles] : []}
        errors={errors.roles}
        idPrefix="assign"
      />
      <SubmitButton pendingLabel="Saving…">Save access</SubmitButton>
    </form>
  );
}

export function RemoveAssignment({ tenantId, relationshipId, groupId, groupName, customerName }: { tenantId: string; relationshipId: string; groupId: string; groupName: string; customerName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState<{ groupName: string }>, FormData>(async (previous, formData) => {
    const result = await removeAccessAssignmentAction(tenantId, previous, formData);
    if (result.status === 'success') {
      setOpen(false);
      router.refresh();
    }
    return result;
  }, { status: 'idle' });
  return (
    <>
      <button type="button" className={buttonClass('secondary', 'sm')} aria-label={`Remove access of ${groupName}`} onClick={() => setOpen(true)}>
        Remove
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Remove access of ${groupName}?`} role="alertdialog">
        <form action={action} className="space-y-4">
          <p>Members of {groupName} lose the roles this relationship gives them in {customerName} at their next request.</p>
          {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
          <input type="hidden" name="relationshipId" value={relationshipId} />
          <input type="hidden" name="groupId" value={groupId} />
          <div className="flex justify-end gap-3">
            <button type="button" className={buttonClass('secondary')} onClick={() => setOpen(false)}>
              Cancel
            </button>
            <SubmitButton variant="danger" pendingLabel="Removing…">
              Remove
            </SubmitButton>
          </div>
        </form>
      </Dialog>
    </>
  );
}
