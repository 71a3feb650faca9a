'use client';
// Delete a group, after a confirmation that says what goes with it.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SubmitButton } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import { deleteGroupAction } from '../actions';

type Group = { id: string; name: string; userMembers: number; nestedGroups: number; owners: number };

function DeleteForm({ tenantId, group, close }: { tenantId: string; group: Group; close: () => void }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ name: string }>, FormData>(async (previous, formData) => {
    const result = await deleteGroupAction(tenantId, previous, formData);
    if (result.status === 'success' && result.data) router.replace(`/tenants/${tenantId}/groups?deleted=${encodeURIComponent(result.data.name)}`);
    return result;
  }, { status: 'idle' });
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <form action={action} className="space-y-4">
      <p>
        {group.name} is deleted for good, with its memberships ({plural(group.userMembers, 'user member')}, {plural(group.nestedGroups, 'nested group')}) and{' '}
        {plural(group.owners, 'owner')}. The users and the nested groups themselves stay.
      </p>
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="groupId" value={group.id} />
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete
        </SubmitButton>
      </div>
    </form>
  );
}

export function DeleteGroupButton({ tenantId, group }: { tenantId: string; group: Group }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass('danger')} onClick={() => setOpen(true)}>
        Delete group
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Delete group ${group.name}?`} role="alertdialog">
        <DeleteForm tenantId={tenantId} group={group} close={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
