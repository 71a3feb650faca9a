'use client';
// Commands on one relationship, each behind a confirmation: terminate (either side),
// approve / decline (the customer). The action is passed in, bound on the server page.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SubmitButton } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';

type Action<T> = (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

function ConfirmPanel<T>({ action, relationshipId, verb, variant, body, close }: { action: Action<T>; relationshipId: string; verb: string; variant: 'primary' | 'danger'; body: React.ReactNode; close: () => void }) {
  const router = useRouter();
  const [state, formAction] = useActionState<ActionState<T>, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    if (result.status === 'success') {
      close();
      router.refresh();
    }
    return result;
  }, { status: 'idle' });
  return (
    <form action={formAction} className="space-y-4">
      {body}
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="relationshipId" value={relationshipId} />
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton variant={variant} pendingLabel="Saving…">
          {verb}
        </SubmitButton>
      </div>
    </form>
  );
}

/** A button that opens a confirmation dialog naming the other side; the dialog's button repeats the verb. */
export function ConfirmCommand<T>({
  action,
  relationshipId,
  verb,
  title,
  body,
  variant = 'secondary',
  label,
}: {
  action: Action<T>;
  relationshipId: string;
  verb: string;
  title: string;
  body: React.ReactNode;
  variant?: 'primary' | 'secondary' | 'danger';
  /** Accessible name of the opening button when the visible verb is not enough (rows). */
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass(variant, 'sm')} aria-label={label} onClick={() => setOpen(true)} disabled={done}>
        {verb}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} role="alertdialog">
        <ConfirmPanel
          action={action}
          relationshipId={relationshipId}
          verb={verb}
          variant={variant === 'danger' ? 'danger' : 'primary'}
          body={body}
          close={() => {
            setOpen(false);
            setDone(true);
          }}
        />
      </Dialog>
    </>
  );
}
