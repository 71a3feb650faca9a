'use client';
// Create or edit an environment. Errors are shown beside their fields; after a
// refusal the form keeps what was typed (React 19 resets uncontrolled inputs after
// an action, so the values come back through state.values). Changing an existing
// environment's security group is confirmed first, with its impact on the users.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useRef, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { FormError, SelectField, SubmitButton, TextField } from '@/app/_components/form';
import { ImpactPreview } from '@/app/_components/impact-preview';
import { buttonClass } from '@/app/_components/ui';
import { ENVIRONMENT_TYPE_LABELS, ENVIRONMENT_TYPES } from '@/domain/environments/environment';
import type { ActionState } from '@/server/actions/action-state';
import { createEnvironmentAction, updateEnvironmentAction } from './actions';

export type EnvironmentFormValues = {
  name: string;
  type: string;
  hasDataverse: boolean;
  securityGroupId: string | null;
  appPassCapacity: number;
  allowRoleAssignmentOnDisabledUsers: boolean;
  hasSalesApp: boolean;
};

function Checkbox({ name, label, hint, defaultChecked, errors }: { name: string; label: string; hint: string; defaultChecked: boolean; errors?: string[] }) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={name}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${name}-hint`}
        className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
      />
      <div>
        <label htmlFor={name} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <p id={`${name}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
        {errors?.map((e) => (
          <p key={e} className="text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}

export function EnvironmentForm({
  tenantId,
  groups,
  initial,
  environment,
}: {
  tenantId: string;
  groups: { id: string; name: string }[];
  initial: EnvironmentFormValues;
  environment?: { id: string; rowVersion: number };
}) {
  const router = useRouter();
  const base = `/tenants/${tenantId}/environments`;
  const [state, action] = useActionState<ActionState<{ id: string; name: string }>, FormData>(async (previous, formData) => {
    const result = environment ? await updateEnvironmentAction(tenantId, previous, formData) : await createEnvironmentAction(tenantId, previous, formData);
    if (result.status === 'success' && result.data) router.push(`${base}/${result.data.id}?saved=1`);
    return result;
  }, { status: 'idle' });
  const errors = state.error?.fieldErrors ?? {};
  const values = state.values;
  const text = (key: keyof EnvironmentFormValues, fallback: string) => {
    const v = values?.[key];
    return typeof v === 'string' ? v : fallback;
  };
  const checked = (key: keyof EnvironmentFormValues, fallback: boolean) => (values ? values[key] === 'on' : fallback);

  const form = useRef<HTMLFormElement>(null);
  const confirmed = useRef(false);
  const [groupChange, setGroupChange] = useState<{ groupId: string | null; groupName: string } | null>(null);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    if (!environment || confirmed.current) {
      confirmed.current = false;
      return;
    }
    const selected = new FormData(event.currentTarget).get('securityGroupId');
    const groupId = typeof selected === 'string' && selected ? selected : null;
    if (groupId === (initial.securityGroupId ?? null)) return;
    event.preventDefault();
    setGroupChange({ groupId, groupName: groups.find((g) => g.id === groupId)?.name ?? '' });
  };
  const confirmGroupChange = () => {
    setGroupChange(null);
    confirmed.current = true;
    form.current?.requestSubmit();
  };

  return (
    <>
      {environment && (
        <Dialog open={groupChange !== null} onClose={() => setGroupChange(null)} title={groupChange?.groupId ? `Change the security group to ${groupChange.groupName}?` : 'Remove the security group?'} role="alertdialog">
          {groupChange && (
            <div className="space-y-4">
              <p>
                {groupChange.groupId
                  ? `Only direct members of ${groupChange.groupName} can be in this environment: users outside it are disabled here (never deleted), and its eligible members are added.`
                  : 'Every eligible user of the directory can be in this environment: they are added at the next sync.'}
              </p>
              <ImpactPreview tenantId={tenantId} change={{ kind: 'changeEnvironmentGroup', environmentId: environment.id, groupId: groupChange.groupId }} />
              <div className="flex justify-end gap-3">
                <button type="button" className={buttonClass('secondary')} onClick={() => setGroupChange(null)}>
                  Cancel
                </button>
                <button type="button" className={buttonClass('primary')} onClick={confirmGroupChange}>
                  {groupChange.groupId ? 'Change the group and save' : 'Remove the group and save'}
                </button>
              </div>
            </div>
          )}
        </Dialog>
      )}
      <form ref={form} action={action} onSubmit={onSubmit} className="max-w-2xl space-y-5" noValidate>
        {state.status === 'error' && <FormError message={state.error?.message} />}
        {environment && (
          <>
            <input type="hidden" name="environmentId" value={environment.id} />
            <input type="hidden" name="rowVersion" value={environment.rowVersion} />
          </>
        )}
        <TextField label="Name" name="name" required defaultValue={text('name', initial.name)} errors={errors.name} hint="Unique in this tenant (letter case does not matter)." />
        <SelectField label="Type" name="type" required defaultValue={text('type', initial.type)} errors={errors.type}>
          {ENVIRONMENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {ENVIRONMENT_TYPE_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <Checkbox
          name="hasDataverse"
          label="Dataverse database"
          hint="Only an environment with a Dataverse database has a user table (R0_DATAVERSE)."
          defaultChecked={checked('hasDataverse', initial.hasDataverse)}
          errors={errors.hasDataverse}
        />
        <SelectField
          label="Security group"
          name="securityGroupId"
          defaultValue={text('securityGroupId', initial.securityGroupId ?? '')}
          errors={errors.securityGroupId}
          hint="Only direct members are added (R3_GROUP): members of groups nested in it do not count."
        >
          <option value="">None — every eligible user of the directory</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="App-pass capacity"
          name="appPassCapacity"
          type="number"
          min={0}
          inputMode="numeric"
          defaultValue={text('appPassCapacity', String(initial.appPassCapacity))}
          errors={errors.appPassCapacity}
          hint="With app passes, users need no licence when added on demand (R2b_APP_PASS)."
        />
        <Checkbox
          name="allowRoleAssignmentOnDisabledUsers"
          label="Allow role assignment on disabled users"
          hint="Otherwise a security role can be assigned only to an enabled user."
          defaultChecked={checked('allowRoleAssignmentOnDisabledUsers', initial.allowRoleAssignmentOnDisabledUsers)}
          errors={errors.allowRoleAssignmentOnDisabledUsers}
        />
        <Checkbox
          name="hasSalesApp"
          label="Sales app"
          hint="Imported stub users get the Salesperson role with the sales app, Basic User without."
          defaultChecked={checked('hasSalesApp', initial.hasSalesApp)}
          errors={errors.hasSalesApp}
        />
        <div className="flex gap-3">
          <SubmitButton pendingLabel="Saving…">{environment ? 'Save' : 'Create'}</SubmitButton>
          <Link href={environment ? `${base}/${environment.id}` : base} className={buttonClass('secondary')}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
