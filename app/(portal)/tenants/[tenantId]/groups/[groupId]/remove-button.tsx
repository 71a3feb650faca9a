'use client';
// Remove a member (user or nested group) or an owner, after a confirmation that
// names both.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { ImpactPreview } from '@/app/_components/impact-preview';
import { SubmitButton } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import { removeMemberAction, removeOwnerAction } from '../actions';

type Kind = 'user' | 'group' | 'owner';
type Props = { tenantId: string; groupId: string; groupName: string; kind: Kind; target: { id: string; name: string } };

const EXPLAIN: Record<Kind, (name: string, group: string) => string> = {
  user: (name, group) => `${name} stops being a direct member of ${group}. Environments that use ${group} disable ${name} at the next sync unless another rule keeps them in.`,
  group: (name, group) => `The members of ${name} stop belonging to ${group} through it. ${name} itself is not deleted.`,
  owner: (name, group) => `${name} can no longer manage the members of ${group} (unless an admin role allows it).`,
};

function RemoveForm({ tenantId, groupId, groupName, kind, target, close }: Props & { close: (done?: boolean) => void }) {
  const [state, action] = useActionState<ActionState<{ name: string }>, FormData>(async (previous, formData) => {
    const result = kind === 'owner' ? await removeOwnerAction(tenantId, previous, formData) : await removeMemberAction(tenantId, previous, formData);
    if (result.status === 'success') close(true);
    return result;
  }, { status: 'idle' });
  return (
    <form action={action} className="space-y-4">
      <p>{EXPLAIN[kind](target.name, groupName)}</p>
      {kind === 'user' && <ImpactPreview tenantId={tenantId} change={{ kind: 'removeGroupMember', groupId, userId: target.id }} />}
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="groupId" value={groupId} />
      {kind === 'owner' ? (
        <input type="hidden" name="userId" value={target.id} />
      ) : (
        <>
          <input type="hidden" name="memberType" value={kind} />
          <input type="hidden" name="memberId" value={target.id} />
        </>
      )}
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

export function RemoveButton(props: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const title = props.kind === 'owner' ? `Remove ${props.target.name} as an owner of ${props.groupName}?` : `Remove ${props.target.name} from ${props.groupName}?`;
  return (
    <>
      <button type="button" className={buttonClass('secondary', 'sm')} onClick={() => setOpen(true)} aria-label={props.kind === 'owner' ? `Remove owner ${props.target.name}` : `Remove ${props.target.name}`}>
        Remove
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} role="alertdialog">
        <RemoveForm
          {...props}
          close={(done) => {
            setOpen(false);
            if (done) router.refresh();
          }}
        />
      </Dialog>
    </>
  );
}
