'use client';
// Change a staff member's partner role, in a dialog that names them.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SelectField, SubmitButton } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';
import { PARTNER_ROLE_LABELS, PARTNER_ROLES, type PartnerRole } from '@/domain/partners/relationship';
import type { ActionState } from '@/server/actions/action-state';
import { changeStaffRoleAction } from '../actions';

function ChangeRoleForm({ tenantId, member, close }: { tenantId: string; member: { id: string; displayName: string; partnerRole: PartnerRole | null }; close: () => void }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ displayName: string; changed: boolean }>, FormData>(async (previous, formData) => {
    const result = await changeStaffRoleAction(tenantId, previous, formData);
    if (result.status === 'success') {
      close();
      router.refresh();
    }
    return result;
  }, { status: 'idle' });
  return (
    <form action={action} className="space-y-4">
      <p>The new role applies to customers from {member.displayName}’s next request.</p>
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="userId" value={member.id} />
      <SelectField label="Partner role" name="partnerRole" defaultValue={member.partnerRole ?? ''}>
        <option value="">No partner role</option>
        {PARTNER_ROLES.map((r) => (
          <option key={r} value={r}>
            {PARTNER_ROLE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton pendingLabel="Saving…">Save role</SubmitButton>
      </div>
    </form>
  );
}

export function ChangeRoleButton(props: { tenantId: string; member: { id: string; displayName: string; partnerRole: PartnerRole | null } }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass('secondary', 'sm')} onClick={() => setOpen(true)} aria-label={`Change the partner role of ${props.member.displayName}`}>
        Change role
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Partner role of ${props.member.displayName}`}>
        <ChangeRoleForm {...props} close={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
