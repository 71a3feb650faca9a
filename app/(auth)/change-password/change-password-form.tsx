'use client';

import { useActionState, useEffect, useRef } from 'react';
import { FormError, SubmitButton, TextField } from '@/app/_components/form';
import { Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import { changePasswordAction } from './actions';

export function ChangePasswordForm({ askCurrent }: { askCurrent: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(changePasswordAction, { status: 'idle' });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === 'success') form.current?.reset();
  }, [state]);
  const errors = state.error?.fieldErrors ?? {};
  return (
    <form ref={form} action={action} className="space-y-5" noValidate>
      {state.status === 'error' && !Object.keys(errors).length && <FormError message={state.error?.message} />}
      {state.status === 'success' && <Notice tone="success">{state.message}</Notice>}
      {askCurrent && <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={errors.currentPassword} />}
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors.newPassword}
        hint="At least 12 characters; not your sign-in name; different from the current one."
      />
      <TextField label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required errors={errors.confirmPassword} />
      <SubmitButton className="w-full" pendingLabel="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}
