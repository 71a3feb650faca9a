'use client';
// Rename a group or change its description, on the version the admin opened
// (someone else's change in between is reported, not overwritten).
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { FieldShell, FormError, inputClass, SubmitButton, TextField } from '@/app/_components/form';
import { Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import { updateGroupAction } from '../actions';

const text = (value: string | string[] | undefined, fallback: string) => (typeof value === 'string' ? value : fallback);

export function GroupDetailsForm({ tenantId, group }: { tenantId: string; group: { id: string; name: string; description: string | null; rowVersion: number } }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ changed: string[] }>, FormData>(async (previous, formData) => {
    const result = await updateGroupAction(tenantId, previous, formData);
    // After a stale save too: the page then shows the current values and version.
    if (result.status === 'success' || result.error?.rule === 'STALE_VERSION') router.refresh();
    return result;
  }, { status: 'idle' });
  const errors = state.status === 'error' ? (state.error?.fieldErrors ?? {}) : {};
  // After a refused save the form keeps what was typed; otherwise it shows the stored values.
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  const descriptionErrors = errors.description;
  const stale = state.status === 'error' && state.error?.rule === 'STALE_VERSION';
  return (
    <form key={`${group.rowVersion}-${state.submittedAt ?? 0}`} action={action} className="max-w-2xl space-y-4" noValidate>
      {state.status === 'success' && <Notice tone="success">{state.data?.changed.length ? 'Changes saved.' : 'Nothing changed.'}</Notice>}
      {state.status === 'error' && !Object.keys(errors).length && <FormError message={state.error?.message} />}
      <input type="hidden" name="groupId" value={group.id} />
      {/* A stale save shows the current values; saving again then applies to them. */}
      <input type="hidden" name="rowVersion" value={group.rowVersion} />
      <TextField label="Name" name="name" required maxLength={120} autoComplete="off" defaultValue={stale ? group.name : text(values.name, group.name)} errors={errors.name} />
      <FieldShell label="Description" name="description" errors={descriptionErrors}>
        <textarea
          id="description"
          name="description"
          rows={3}
          maxLength={1000}
          defaultValue={stale ? (group.description ?? '') : text(values.description, group.description ?? '')}
          aria-invalid={Boolean(descriptionErrors?.length) || undefined}
          aria-describedby={descriptionErrors?.length ? 'description-error' : undefined}
          className={inputClass(Boolean(descriptionErrors?.length))}
        />
      </FieldShell>
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
    </form>
  );
}
