'use client';
// Create users one after another (seed 003's partner-centre flow): each new
// temporary password is shown once; Finish lists every user of this batch with
// their password, once, with a CSV download. Nothing of it is stored server-side.
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { FormError, SubmitButton, Switch } from '@/app/_components/form';
import { NewCredentialsSummary } from '@/app/_components/new-credentials';
import { OneTimeSecret } from '@/app/_components/one-time-secret';
import { buttonClass, Card } from '@/app/_components/ui';
import { inputClass } from '@/app/_components/form';
import type { CreatedUser } from '@/domain/users/create-user';
import type { ActionState } from '@/server/actions/action-state';
import { createUserAction } from '../actions';
import { ProfileFields, RoleCheckboxes } from '../profile-fields';

type Role = { id: string; name: string; description: string; tier: number };


export function CreateUserForm({ tenantId, primaryDomain, assignableRoles }: { tenantId: string; primaryDomain: string; assignableRoles: Role[] }) {
  const [created, setCreated] = useState<CreatedUser[]>([]);
  const [view, setView] = useState<'form' | 'created' | 'summary'>('form');
  const [formKey, setFormKey] = useState(0);
  const [method, setMethod] = useState<'email' | 'username'>('email');
  const [signInValue, setSignInValue] = useState('');
  const [state, action] = useActionState<ActionState<CreatedUser>, FormData>(async (previous, formData) => {
    const result = await createUserAction(tenantId, previous, formData);
    if (result.status === 'success' && result.data) {
      const user = result.data;
      setCreated((list) => [...list, user]);
      setSignInValue('');
      setFormKey((k) => k + 1);
      setView(formData.get('intent') === 'another' ? 'form' : 'created');
    }
    return result;
  }, { status: 'idle' });

  const latest = created.at(-1);
  const errors = state.status === 'error' ? (state.error?.fieldErrors ?? {}) : {};
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  const suggestions = state.status === 'error' && Array.isArray(state.error?.details?.suggestions) ? (state.error?.details?.suggestions as string[]) : [];

  if (view === 'summary') {
    return (
      <NewCredentialsSummary
        title={`${created.length} new user${created.length === 1 ? '' : 's'}`}
        caption="New users and their temporary passwords"
        columns={[{ label: 'Display name', value: (u) => u.displayName }]}
        rows={created}
        fileName="new-users.csv"
        back={{ href: `/tenants/${tenantId}/users`, label: 'Back to users' }}
      />
    );
  }

  if (view === 'created' && latest) {
    return (
      <Card title="User created">
        <p className="mb-4 text-sm text-slate-700">
          <strong>{latest.displayName}</strong> can now sign in with this temporary password.
        </p>
        <OneTimeSecret value={latest.temporaryPassword} signInName={latest.signInName} />
        <div className="mt-6 flex flex-wrap gap-3">
          <button type="button" className={buttonClass('primary')} onClick={() => setView('summary')}>
            Finish
          </button>
          <button type="button" className={buttonClass('secondary')} onClick={() => setView('form')}>
            Add another user
          </button>
        </div>
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      {latest && (
        <Card title={`Created: ${latest.displayName}`}>
          <OneTimeSecret value={latest.temporaryPassword} signInName={latest.signInName} />
          <p className="mt-3 text-sm text-slate-600">
            {created.length} user{created.length === 1 ? '' : 's'} created so far. Add the next one below, or choose Finish to see them all.
          </p>
        </Card>
      )}
      <form key={formKey} action={action} className="space-y-6" noValidate>
        {state.status === 'error' && !Object.keys(errors).length && <FormError message={state.error?.message} />}
        <Card title="Identity">
          <fieldset>
            <legend className="text-sm font-semibold text-slate-900">Sign-in method</legend>
            <div className="mt-2 flex gap-6">
              {(['email', 'username'] as const).map((m) => (
                <label key={m} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="signInMethod" value={m} checked={method === m} onChange={() => setMethod(m)} className="size-4 accent-brand-600" />
                  {m === 'email' ? 'Email' : 'Username'}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-4 max-w-xl">
            <label htmlFor="signInValue" className="block text-sm font-medium text-slate-800">
              {method === 'email' ? 'Email' : 'Username'}
            </label>
            <div className="mt-1 flex items-center gap-2">
              <input
                id="signInValue"
                name={method}
                value={signInValue}
                onChange={(e) => setSignInValue(e.target.value)}
                type={method === 'email' ? 'email' : 'text'}
                autoComplete="off"
                required
                aria-invalid={Boolean(errors[method]?.length) || undefined}
                aria-describedby={errors[method]?.length ? 'signInValue-error' : 'signInValue-hint'}
                className={inputClass(Boolean(errors[method]?.length))}
              />
              {method === 'username' && <span className="whitespace-nowrap text-sm text-slate-600">@{primaryDomain}</span>}
            </div>
            {errors[method]?.length ? (
              <div id="signInValue-error" className="mt-1 text-sm text-red-700">
                <p>{errors[method]?.join(' ')}</p>
                {suggestions.length > 0 && (
                  <div className="mt-2 flex flex-wrap items-center gap-2">
                    <span className="text-slate-600">Free variations:</span>
                    {suggestions.map((s) => (
                      <button
                        key={s}
                        type="button"
                        className={buttonClass('secondary', 'sm')}
                        onClick={() => setSignInValue(method === 'username' ? (s.split('@')[0] ?? s) : s)}
                      >
                        {s}
                      </button>
                    ))}
                  </div>
                )}
              </div>
            ) : (
              <p id="signInValue-hint" className="mt-1 text-xs text-slate-500">
                {method === 'email' ? 'The address becomes the sign-in name.' : `The sign-in name becomes name@${primaryDomain}.`}
              </p>
            )}
          </div>
        </Card>
        <Card title="Profile">
          <ProfileFields values={values} errors={errors} />
        </Card>
        <Card title="Access">
          <div className="space-y-6">
            <Switch label="Block sign-in" name="blockSignIn" defaultChecked={values.blockSignIn === 'on'} hint="The account is created, but cannot sign in until unblocked." />
            {assignableRoles.length > 0 && (
              <RoleCheckboxes roles={assignableRoles} selected={Array.isArray(values.roles) ? values.roles : typeof values.roles === 'string' ? [values.roles] : []} errors={errors.roles} />
            )}
          </div>
        </Card>
        <p className="text-sm text-slate-600">A temporary password is generated when you create the user. You will see it once.</p>
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="intent" value="create" pendingLabel="Creating…">
            Create
          </SubmitButton>
          <SubmitButton name="intent" value="another" variant="secondary" pendingLabel="Creating…">
            Create and add another
          </SubmitButton>
          {created.length > 0 && (
            <button type="button" className={buttonClass('ghost')} onClick={() => setView('summary')}>
              Finish
            </button>
          )}
          <Link href={`/tenants/${tenantId}/users`} className={buttonClass('ghost')}>
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
