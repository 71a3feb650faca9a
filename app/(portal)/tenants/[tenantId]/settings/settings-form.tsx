'use client';

import { useActionState } from 'react';
import { FormError, SubmitButton, TextField } from '@/app/_components/form';
import { Notice } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import { updateTenantSettingsAction } from './actions';

export function SettingsForm({ tenantId, name, primaryDomain, domains, canEdit }: { tenantId: string; name: string; primaryDomain: string; domains: string[]; canEdit: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(updateTenantSettingsAction.bind(null, tenantId), { status: 'idle' });
  const errors = state.error?.fieldErrors ?? {};
  const value = (key: string, fallback: string) => {
    const v = state.values?.[key];
    return typeof v === 'string' ? v : fallback;
  };
  return (
    <form action={action} className="max-w-xl space-y-5">
      {state.status === 'error' && <FormError message={state.error?.message} />}
      {state.status === 'success' && <Notice tone="success">{state.message}</Notice>}
      <fieldset disabled={!canEdit} className="space-y-5">
        <TextField label="Organisation name" name="name" required defaultValue={value('name', name)} errors={errors.name} />
        <TextField
          label="Primary domain"
          name="primaryDomain"
          required
          defaultValue={value('primaryDomain', primaryDomain)}
          errors={errors.primaryDomain}
          hint="Username sign-ins become name@<primary domain>."
        />
        <TextField
          label="Other domains"
          name="domains"
          defaultValue={value('domains', domains.filter((d) => d !== primaryDomain).join(', '))}
          errors={errors.domains}
          hint="Separate domains with commas."
        />
        {canEdit && <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>}
      </fieldset>
    </form>
  );
}
