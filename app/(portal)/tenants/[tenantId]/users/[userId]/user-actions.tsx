'use client';
// The user page's commands. A command the admin may not use stays visible,
// disabled, with the reason beside it — never a button that fails.
import { useRouter } from 'next/navigation';
import { useActionState, useId, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { ImpactPreview } from '@/app/_components/impact-preview';
import { SubmitButton } from '@/app/_components/form';
import { OneTimeSecret } from '@/app/_components/one-time-secret';
import { buttonClass, Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import { deleteUserAction, resetPasswordAction, setSignInBlockedAction } from '../actions';

type Denials = { update: string | null; reset: string | null; block: string | null; delete: string | null };

// Every command is a button, "Edit" too (it opens the edit wizard): QA and screen
// readers find the user's commands as one set of buttons (docs/qa-contract.md).
function Command({ label, denial, onClick, variant = 'secondary' }: { label: string; denial: string | null; onClick: () => void; variant?: 'secondary' | 'danger' | 'primary' }) {
  const id = useId();
  return (
    <div className="flex flex-col">
      <button type="button" className={buttonClass(variant)} disabled={Boolean(denial)} aria-describedby={denial ? id : undefined} onClick={onClick}>
        {label}
      </button>
      {denial && (
        <span id={id} className="mt-1 max-w-56 text-xs text-slate-500">
          {denial}
        </span>
      )}
    </div>
  );
}

type Panel = { tenantId: string; user: { id: string; displayName: string; accountEnabled: boolean }; close: () => void };

// Each dialog's form keeps its own state and is unmounted on close, so a one-time
// password is gone once its dialog is closed.
function ResetPasswordPanel({ tenantId, user, close }: Panel) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ displayName: string; temporaryPassword: string; signInName: string }>, FormData>(
    (previous, formData) => resetPasswordAction(tenantId, previous, formData),
    { status: 'idle' },
  );
  if (state.status === 'success' && state.data) {
    return (
      <div className="space-y-4">
        <OneTimeSecret value={state.data.temporaryPassword} signInName={state.data.signInName} />
        <p>The old password no longer works, and {user.displayName}’s open sessions have ended.</p>
        <div className="flex justify-end">
          <button type="button" className={buttonClass('primary')} onClick={() => { close(); router.refresh(); }}>
            Done
          </button>
        </div>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <p>A new temporary password is generated and shown once. The current password stops working at once, open sessions end, and {user.displayName} must choose a new password at the next sign-in.</p>
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="userId" value={user.id} />
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton pendingLabel="Resetting…">Reset password</SubmitButton>
      </div>
    </form>
  );
}

function BlockPanel({ tenantId, user, close, onDone }: Panel & { onDone: (message: string) => void }) {
  const verb = user.accountEnabled ? 'Block sign-in' : 'Unblock sign-in';
  const [state, action] = useActionState<ActionState<{ changed: boolean }>, FormData>(async (previous, formData) => {
    const result = await setSignInBlockedAction(tenantId, previous, formData);
    if (result.status === 'success') onDone(result.message ?? 'Saved.');
    return result;
  }, { status: 'idle' });
  return (
    <form action={action} className="space-y-4">
      <p>{user.accountEnabled ? `${user.displayName} can no longer sign in, and open sessions end at once. Nothing else about the account changes.` : `${user.displayName} can sign in again.`}</p>
      {user.accountEnabled && <ImpactPreview tenantId={tenantId} change={{ kind: 'blockUser', userId: user.id }} />}
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="blocked" value={user.accountEnabled ? 'true' : 'false'} />
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton variant={user.accountEnabled ? 'danger' : 'primary'} pendingLabel="Saving…">
          {verb}
        </SubmitButton>
      </div>
    </form>
  );
}

function DeletePanel({ tenantId, user, close }: Panel) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ displayName: string; releasedLicences: string[] }>, FormData>(async (previous, formData) => {
    const result = await deleteUserAction(tenantId, previous, formData);
    if (result.status === 'success' && result.data) router.replace(`/tenants/${tenantId}/users?deleted=${encodeURIComponent(result.data.displayName)}`);
    return result;
  }, { status: 'idle' });
  return (
    <form action={action} className="space-y-4">
      <p>
        {user.displayName} moves to Deleted users and can no longer sign in. Licences are released at once; roles and group memberships are kept, so you can restore the user
        as they were within 30 days.
      </p>
      <ImpactPreview tenantId={tenantId} change={{ kind: 'deleteUser', userId: user.id }} />
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="userId" value={user.id} />
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

export function UserActions({ tenantId, user, denials }: { tenantId: string; user: { id: string; displayName: string; accountEnabled: boolean }; denials: Denials }) {
  const [open, setOpen] = useState<'reset' | 'block' | 'delete' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const router = useRouter();
  const base = `/tenants/${tenantId}/users`;
  const close = () => setOpen(null);
  const blockVerb = user.accountEnabled ? 'Block sign-in' : 'Unblock sign-in';
  return (
    <>
      {message && (
        <div className="mb-4 w-full">
          <Notice tone="success">{message}</Notice>
        </div>
      )}
      <div className="flex flex-wrap items-start gap-2">
        <Command label="Edit" denial={denials.update} onClick={() => router.push(`${base}/${user.id}/edit`)} variant="primary" />
        <Command label="Reset password" denial={denials.reset} onClick={() => setOpen('reset')} />
        <Command label={blockVerb} denial={denials.block} onClick={() => setOpen('block')} />
        <Command label="Delete" denial={denials.delete} onClick={() => setOpen('delete')} variant="danger" />
      </div>
      <Dialog open={open === 'reset'} onClose={close} title={`Reset password for ${user.displayName}?`} role="alertdialog">
        <ResetPasswordPanel tenantId={tenantId} user={user} close={close} />
      </Dialog>
      <Dialog open={open === 'block'} onClose={close} title={`${blockVerb} for ${user.displayName}?`} role="alertdialog">
        <BlockPanel tenantId={tenantId} user={user} close={close} onDone={(m) => { setMessage(m); close(); }} />
      </Dialog>
      <Dialog open={open === 'delete'} onClose={close} title={`Delete ${user.displayName}?`} role="alertdialog">
        <DeletePanel tenantId={tenantId} user={user} close={close} />
      </Dialog>
    </>
  );
}
