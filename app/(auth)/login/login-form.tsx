'use client';

import { useActionState } from 'react';
import { FormError, SubmitButton, TextField } from '@/app/_components/form';
import { signInAction, type SignInState } from './actions';

export function LoginForm({ next }: { next?: string }) {
  const [state, action] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-5" noValidate>
      {state.error && <FormError message={state.error} />}
      <TextField label="Sign-in name" name="signInName" type="email" autoComplete="username" required defaultValue={state.signInName} placeholder="name@contoso.example" />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      {next && <input type="hidden" name="next" value={next} />}
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
