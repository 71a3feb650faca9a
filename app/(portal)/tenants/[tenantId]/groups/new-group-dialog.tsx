'use client';
// "New group": name and description in a dialog; errors beside the fields. On
// success the new group's page opens, where owners and members are added.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { FieldShell, FormError, inputClass, SubmitButton, TextField } from '@/app/_components/form';
import { buttonClass } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import { createGroupAction } from './actions';

const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');

function NewGroupForm({ tenantId, close }: { tenantId: string; close: () => void }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ id: string; name: string }>, FormData>(async (previous, formData) => {
    const result = await createGroupAction(tenantId, previous, formData);
    if (result.status === 'success' && result.data) router.push(`/tenants/${tenantId}/groups/${result.data.id}?created=1`);
    return result;
  }, { status: 'idle' });
  const errors = state.status === 'error' ? (state.error?.fieldErrors ?? {}) : {};
  const values = state.values ?? {};
  const descriptionErrors = errors.description;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.status === 'error' && !Object.keys(errors).length && <FormError message={state.error?.message} />}
      <TextField label="Name" name="name" required maxLength={120} autoComplete="off" defaultValue={text(values.name)} errors={errors.name} hint="Unique in this tenant; at most 120 characters." />
      <FieldShell label="Description" name="description" errors={descriptionErrors}>
        <textarea
          id="description"
          name="description"
          rows={3}
          maxLength={1000}
          defaultValue={text(values.description)}
          aria-invalid={Boolean(descriptionErrors?.length) || undefined}
          aria-describedby={descriptionErrors?.length ? 'description-error' : undefined}
          className={inputClass(Boolean(descriptionErrors?.length))}
        />
      </FieldShell>
      <p className="text-xs text-slate-500">You add owners and members on the group’s page.</p>
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton pendingLabel="Creating…">Create</SubmitButton>
      </div>
    </form>
  );
}

export function NewGroupButton({ tenantId }: { tenantId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass('primary')} onClick={() => setOpen(true)}>
        New group
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New group">
        <NewGroupForm tenantId={tenantId} close={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
