'use client';
// Add a customer (issue #5): the tenant, its first Global Administrator and the
// relationship request in one step. The administrator's temporary password is shown
// once, with Copy; nothing of it is kept.
import Link from 'next/link';
import { useActionState } from 'react';
import { FormError, SubmitButton, TextField, inputClass } from '@/app/_components/form';
import { downloadCredentialsCsv } from '@/app/_components/new-credentials';
import { OneTimeSecret } from '@/app/_components/one-time-secret';
import { buttonClass, Card, Notice } from '@/app/_components/ui';
import type { AddedCustomer } from '@/domain/partners/add-customer';
import type { ActionState } from '@/server/actions/action-state';
import { addCustomerAction } from '../../actions';
import { RoleChoices, TermsFields, textOf } from '../../form-bits';

export function AddCustomerForm({ tenantId }: { tenantId: string }) {
  const [state, action] = useActionState<ActionState<AddedCustomer>, FormData>((previous, formData) => addCustomerAction(tenantId, previous, formData), { status: 'idle' });

  if (state.status === 'success' && state.data) {
    const c = state.data;
    const { admin } = c;
    return (
      <Card title={`${c.name} is added`}>
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            The tenant <strong>{c.primaryDomain}</strong> exists with its first Global Administrator, <strong>{c.admin.displayName}</strong>. Send them these sign-in details: they
            must choose their own password at the first sign-in, then approve your relationship request under Partners.
          </p>
          <OneTimeSecret value={c.admin.temporaryPassword} signInName={c.admin.signInName} />
          <Notice tone="info">Until the request is approved you have no access to {c.name}’s directory.</Notice>
          <div className="flex flex-wrap gap-3">
            <Link href={`/partner/customers?added=${encodeURIComponent(c.name)}`} className={buttonClass('primary')}>
              Done
            </Link>
            <button
              type="button"
              className={buttonClass('secondary')}
              onClick={() =>
                downloadCredentialsCsv(`${c.primaryDomain}-admin.csv`, [{ label: 'Display name', value: (r: typeof admin) => r.displayName }, { label: 'Tenant', value: () => c.name }], [admin])
              }
            >
              Download sign-in details
            </button>
            <Link href="/partner/relationships?status=pending" className={buttonClass('secondary')}>
              See pending requests
            </Link>
          </div>
        </div>
      </Card>
    );
  }

  const errors = state.status === 'error' ? (state.error?.fieldErrors ?? {}) : {};
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  const suggestions = state.status === 'error' && Array.isArray(state.error?.details?.suggestions) ? (state.error?.details?.suggestions as string[]) : [];
  const usernameInvalid = Boolean(errors.adminUsername?.length);
  return (
    <form action={action} className="space-y-6" noValidate>
      {state.status === 'error' && <FormError message={state.error?.message} />}
      <Card title="Company">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Company name" name="companyName" required defaultValue={textOf(values.companyName)} errors={errors.companyName} autoComplete="organization" />
          <TextField
            label="Primary domain"
            name="primaryDomain"
            required
            defaultValue={textOf(values.primaryDomain)}
            errors={errors.primaryDomain}
            hint="Unique across the portal. Usernames of the tenant end with it."
            placeholder="woodgrove.com"
          />
        </div>
      </Card>
      <Card title="First Global Administrator">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Administrator name" name="adminName" required defaultValue={textOf(values.adminName)} errors={errors.adminName} autoComplete="off" />
          <div>
            <label htmlFor="adminUsername" className="block text-sm font-medium text-slate-800">
              Administrator username
            </label>
            <div className="mt-1 flex items-center gap-2">
              <input
                id="adminUsername"
                name="adminUsername"
                required
                autoComplete="off"
                defaultValue={textOf(values.adminUsername) || 'admin'}
                aria-invalid={usernameInvalid || undefined}
                aria-describedby={usernameInvalid ? 'adminUsername-error' : 'adminUsername-hint'}
                className={inputClass(usernameInvalid)}
              />
              <span className="whitespace-nowrap text-sm text-slate-600">@{textOf(values.primaryDomain) || 'primary domain'}</span>
            </div>
            {usernameInvalid ? (
              <div id="adminUsername-error" className="mt-1 text-sm text-red-700">
                <p>{errors.adminUsername?.join(' ')}</p>
                {suggestions.length > 0 && <p className="mt-1 text-slate-600">Free variations: {suggestions.map((s) => s.split('@')[0]).join(', ')}</p>}
              </div>
            ) : (
              <p id="adminUsername-hint" className="mt-1 text-xs text-slate-500">
                A temporary password is generated; you will see it once.
              </p>
            )}
          </div>
        </div>
      </Card>
      <Card title="Relationship request">
        <div className="space-y-6">
          <RoleChoices
            legend="Roles you ask for"
            hint="The directory roles your agents may hold in the customer’s tenant. The administrator sees exactly these before approving."
            selected={Array.isArray(values.roles) ? values.roles : values.roles ? [values.roles] : ['userAdministrator']}
            errors={errors.roles}
          />
          <TermsFields values={values} errors={errors} />
        </div>
      </Card>
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Adding…">Add customer</SubmitButton>
        <Link href="/partner/customers" className={buttonClass('ghost')}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
